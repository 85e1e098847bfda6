from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _unread(count):
    return ngettext("unread", "unread", count)


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core import navigation

        from . import selectors

        navigation.register(
            navigation.NavItem(
                _("Notifications"),
                "notifications:list",
                "notifications.view_notification",
                "notifications",
                110,
                badge=selectors.unread_count,
                badge_words=_unread,
            ),
        )
