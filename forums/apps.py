from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums and meetings")

    def ready(self):
        from core import cache, history, navigation

        from .models import Forum, Meeting, OutcomeDocument

        navigation.register(
            navigation.NavItem(_("Forums"), "forums:forum_list", "forums.view_forum", "forums", 40),
            navigation.NavItem(
                _("Meetings"), "forums:meeting_list", "forums.view_meeting", "meetings", 50
            ),
            navigation.NavItem(_("Year's plan"), "forums:plan", "forums.view_meeting", "plan", 60),
        )
        history.register(
            history.Source("forums.forum"),
            history.Source(
                "forums.meeting",
                parts=(
                    history.Part(
                        "forums.outcomedocument",
                        "meeting",
                        lambda r: history.in_language(r, "title") or history.EMPTY,
                    ),
                ),
            ),
        )
        for model in (Forum, Meeting, OutcomeDocument):
            cache.track(model)
