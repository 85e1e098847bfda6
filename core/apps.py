from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The portal's shared pieces. Core imports no app: the apps register their navigation
    entries (core.navigation), history pages (core.history) and cached figures' models
    (core.cache) from their own AppConfig.ready()."""

    name = "core"
    verbose_name = _("Portal")
