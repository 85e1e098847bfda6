from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _waiting_for_you(count):
    return ngettext("record waiting for you", "records waiting for you", count)


def _waiting_for_review(count):
    return ngettext("record waiting for your review", "records waiting for your review", count)


def _visible_to(model, user):
    return model.objects.visible_to(user)


def _register_navigation():
    from core import navigation

    from . import selectors

    navigation.register(
        navigation.NavItem(
            _("Engagements"), "engagements:list", "engagements.view_engagement", "engagements", 10
        ),
        navigation.NavItem(
            _("My work"),
            "engagements:my_work",
            "engagements.add_engagement",
            "my-work",
            20,
            badge=selectors.my_work_count,
            badge_words=_waiting_for_you,
        ),
        navigation.NavItem(
            _("Review queue"),
            "engagements:review_queue",
            "engagements.approve_engagement",
            "review",
            30,
            badge=selectors.review_count,
            badge_words=_waiting_for_review,
        ),
    )


def _register_history():
    from core import history

    history.register(
        history.Source(
            "engagements.engagement",
            parts=(
                history.Part(
                    "engagements.position",
                    "engagement",
                    lambda r: history.truncated(r.text),
                    hidden=frozenset({"sort_order"}),
                ),
                history.Part(
                    "engagements.evidence",
                    "engagement",
                    lambda r: r.original_name,
                    # the file's type and size in bytes are technical: its name says enough
                    hidden=frozenset({"content_type", "size", "uploaded_at", "uploaded_by"}),
                ),
            ),
            hidden=frozenset({"version", "fiscal_year", "created_at", "created_by", "updated_at"}),
            visible=_visible_to,
        )
    )


class EngagementsConfig(AppConfig):
    name = "engagements"
    verbose_name = _("Engagements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import cache

        from .models import Engagement, Position, Theme

        _register_navigation()
        _register_history()
        # the dashboards' figures count engagements, their positions, partners, themes and
        # delegation
        cache.track(Engagement, m2m=("partners", "themes", "delegation"))
        cache.track(Position)
        cache.track(Theme)
