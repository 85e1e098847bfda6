import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import ShortDateColumn, YesNoColumn, order_by_language

from .models import Forum, Meeting


class ForumTable(tables.Table):
    acronym = tables.Column(verbose_name=_("Acronym"), linkify=True, order_by="acronym_en")
    name = tables.Column(verbose_name=_("Name"), order_by="name_en")
    kind = tables.Column(verbose_name=_("Kind"))
    scope = tables.Column(verbose_name=_("Scope"))
    parent = tables.Column(
        verbose_name=_("Part of"), accessor="parent__acronym", order_by="parent__acronym_en"
    )
    year_established = tables.Column(verbose_name=_("Established"), localize=False)
    meeting_count = tables.Column(
        verbose_name=_("Meetings"), attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )
    is_active = YesNoColumn(verbose_name=_("Active"))

    class Meta:
        model = Forum
        fields = [
            "acronym",
            "name",
            "kind",
            "scope",
            "parent",
            "year_established",
            "meeting_count",
            "is_active",
        ]
        order_by = "acronym"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # sort bilingual columns by the active language
        order_by_language(self, acronym="acronym", name="name")


class MeetingTable(tables.Table):
    start_date = ShortDateColumn(verbose_name=_("Start"), short=True)
    forum = tables.Column(
        verbose_name=_("Forum"),
        accessor="forum__acronym",
        order_by="forum__acronym_en",
        linkify=lambda record: record.forum.get_absolute_url(),
    )
    name = tables.Column(verbose_name=_("Meeting"), linkify=True, order_by="name_en")
    city = tables.Column(verbose_name=_("City"), accessor="city_name", order_by="city")
    country = tables.Column(verbose_name=_("Country"), accessor="country__name", order_by="country")
    is_important = YesNoColumn(verbose_name=_("Important"))
    identified_late = YesNoColumn(
        verbose_name=_("Identified after the meeting began"),
        accessor="identified_late",
        orderable=False,
    )

    class Meta:
        model = Meeting
        fields = [
            "start_date",
            "forum",
            "name",
            "city",
            "country",
            "is_important",
            "identified_late",
        ]
        order_by = "-start_date"


NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class IdentifiedLateColumn(YesNoColumn):
    """ "Identified after the meeting began": a meeting identified as important on or after the
    day it began (Meeting.identified_late), on pages and in exports alike."""

    def __init__(self, accessor="identified_late", **kwargs):
        kwargs.setdefault("verbose_name", _("Identified after the meeting began"))
        kwargs.setdefault("orderable", False)
        super().__init__(accessor=accessor, **kwargs)


class PlanTable(tables.Table):
    """The year's plan: the fiscal year's meetings, important ones first."""

    start_date = tables.DateColumn(verbose_name=_("Start"), short=True)
    forum = tables.Column(
        verbose_name=_("Forum"), accessor="forum__acronym", order_by="forum__acronym_en"
    )
    name = tables.Column(verbose_name=_("Meeting"), linkify=True, order_by="name_en")
    timing = tables.Column(verbose_name=_("When"), orderable=False)
    importance = tables.Column(verbose_name=_("Importance"), order_by="importance_rank")
    # Exported as their own columns; on the page they are read in the importance cell, so that the
    # plan fits 1280 px.
    importance_decided_on = tables.DateColumn(
        verbose_name=_("Decided on"), short=True, visible=False
    )
    identified_late = IdentifiedLateColumn(visible=False)
    n_engagements = tables.Column(verbose_name=_("Engagements (delegation)"), attrs=NUM)
    n_planned = tables.Column(verbose_name=_("Positions planned"), attrs=NUM)
    n_delivered = tables.Column(verbose_name=_("Positions delivered"), attrs=NUM)
    n_awaiting = tables.Column(verbose_name=_("Awaiting an outcome"), attrs=NUM)
    n_overdue = tables.Column(verbose_name=_("Outcome overdue"), attrs=NUM)
    action = tables.Column(
        verbose_name=_("Action"), accessor="pk", orderable=False, exclude_from_export=True
    )

    TIMING = {
        "upcoming": _("Upcoming"),
        "under_way": _("Under way"),
        "past": _("Past"),
    }

    class Meta:
        order_by = ("importance", "start_date")
        attrs = {"class": "table"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        order_by_language(self, name="name", forum="forum__acronym")
        if user is None or not (
            user.has_perm("forums.decide_importance") or user.has_perm("forums.propose_importance")
        ):
            self.columns.hide("action")

    def render_timing(self, value):
        return self.TIMING.get(value, value)

    def value_timing(self, value):
        return str(self.TIMING.get(value, value))

    def render_importance(self, record):
        decided = ""
        if record.importance_decided_on:
            decided = format_html(
                '<br><span class="muted">{}</span>',
                _("decided %(date)s") % {"date": record.importance_decided_on.isoformat()},
            )
        late = ""
        if record.identified_late:
            late = format_html(
                '<br><span class="status status-at-risk">{}</span>',
                _("identified after the meeting began"),
            )
        return format_html("{}{}{}", record.get_importance_display(), decided, late)

    def value_importance(self, record):
        return str(record.get_importance_display())

    def render_action(self, record):
        if self.user.has_perm("forums.decide_importance"):
            label = _("Decide") if record.importance != "important" else _("Change the decision")
            url = reverse("forums:meeting_importance", args=[record.pk])
        elif record.importance == "none" or record.importance == "declined":
            label = _("Propose as important")
            url = reverse("forums:meeting_propose", args=[record.pk])
        else:
            return "—"
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> — {}</span></a>', url, label, record.name
        )
