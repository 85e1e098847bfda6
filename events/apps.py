from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Watch of international events")

    def ready(self):
        from core import history, navigation

        from .models import Assessment

        navigation.register(
            navigation.NavItem(_("Events"), "events:list", "events.view_event", "events", 100),
        )
        history.register(
            history.Source(
                "events.event",
                parts=(
                    history.Part(
                        "events.assessment",
                        "event",
                        lambda r: history.choice_label(Assessment.Effect.choices, r.effect),
                    ),
                ),
                hidden=frozenset({"created_at", "created_by"}),
            )
        )
