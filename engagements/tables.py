import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.tables import NUM, AbsoluteLinkColumn, ShortDateColumn, YesNoColumn, order_by_language

from . import exports
from .models import Engagement, Transition


class EngagementTable(tables.Table):
    # the record's id and full address: in the exports only (the page links each row already)
    id = tables.Column(verbose_name=_("Id"), visible=False, localize=False)
    start_date = ShortDateColumn(verbose_name=_("Start"), short=True)
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"), localize=False)
    kind = tables.Column(verbose_name=_("Kind"))
    forum = tables.Column(
        verbose_name=_("Forum"), accessor="forum__acronym", order_by="forum__acronym_en"
    )
    # The row's main link is its name: the meeting, else the forum, else the kind (bilateral
    # work). Exports keep the meeting alone (engagements.exports).
    meeting = tables.Column(
        verbose_name=_("Meeting"),
        accessor="meeting__name",
        order_by="meeting__name_en",
        linkify=lambda record: record.get_absolute_url(),
        empty_values=(),
    )
    themes = tables.Column(verbose_name=_("Themes"), orderable=False, empty_values=())
    lead_officer = tables.Column(
        verbose_name=_("Lead officer"),
        order_by=("lead_officer__last_name", "lead_officer__first_name"),
    )
    position_count = tables.Column(verbose_name=_("Positions"), attrs=NUM)
    status = tables.Column(verbose_name=_("Status"))
    link = AbsoluteLinkColumn()

    class Meta:
        model = Engagement
        fields = [
            "id",
            "start_date",
            "fiscal_year",
            "kind",
            "forum",
            "meeting",
            "themes",
            "lead_officer",
            "position_count",
            "status",
            "link",
        ]
        order_by = "-start_date"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # sort bilingual columns by the active language (an OrderByTuple, so "-forum" works too)
        order_by_language(self, forum="forum__acronym", meeting="meeting__name")

    def export_rows(self, queryset, columns):
        """The export's rows read with values_list() (engagements.exports): the same values as
        the columns give, at volume; None when the columns are not those it knows (a column
        added since: core.exports then reads the rows through django-tables2 like any table)."""
        if list(columns) != list(exports.COLUMNS):
            return None
        return exports.rows(queryset, request=getattr(self, "request", None))

    def render_meeting(self, record):
        if record.meeting_id:
            return record.meeting.name
        if record.forum_id:
            return record.forum.name
        return record.get_kind_display()

    def value_meeting(self, record):
        return record.meeting.name if record.meeting_id else ""

    def render_fiscal_year(self, value):
        return FiscalYear(value).label

    def render_themes(self, record):
        return ", ".join(str(theme.name) for theme in record.themes.all())

    def value_themes(self, record):
        return self.render_themes(record)

    def render_status(self, record):
        return format_html(
            '<span class="status status-{}">{}</span>', record.status, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()

    def render_lead_officer(self, value):
        return str(value)


class PositionExportTable(tables.Table):
    """The positions export (for analysts, from the engagement list): one row per position
    delivered, with its engagement's id, meeting and outcome."""

    engagement = tables.Column(
        verbose_name=_("Engagement id"), accessor="engagement_id", localize=False
    )
    start_date = ShortDateColumn(verbose_name=_("Start"), accessor="engagement__start_date")
    forum = tables.Column(verbose_name=_("Forum"), accessor="engagement__forum__acronym")
    meeting = tables.Column(verbose_name=_("Meeting"), accessor="engagement__meeting__name")
    text = tables.Column(verbose_name=_("Position delivered"))
    theme = tables.Column(verbose_name=_("Theme"), accessor="theme__name")
    outcome_document = tables.Column(
        verbose_name=_("Outcome document"), accessor="outcome_document__title"
    )
    outcome = tables.Column(verbose_name=_("Outcome"))
    outcome_note = tables.Column(verbose_name=_("Note on the outcome"))
    set_late = YesNoColumn(verbose_name=_("Set after the meeting"))
    set_late_reason = tables.Column(verbose_name=_("Why it was set after the meeting"))
    link = AbsoluteLinkColumn(of="engagement", verbose_name=_("Engagement link"))

    export_title = _("Positions delivered")

    class Meta:
        orderable = False

    def export_rows(self, queryset, columns):
        """The rows read with values_list() (engagements.exports), as EngagementTable's."""
        if list(columns) != list(exports.POSITION_COLUMNS):
            return None
        return exports.position_rows(queryset, request=getattr(self, "request", None))


class ReviewQueueTable(tables.Table):
    """The manager's review queue: what waits for approval, oldest first, with the step it is at,
    how many positions it carries and how many the official indicator counts, and how long it
    has waited. Rows come from selectors.review_queue (one query)."""

    id = tables.Column(verbose_name=_("Id"), visible=False, localize=False)
    engagement = tables.Column(
        verbose_name=_("Engagement"),
        accessor="meeting__name",
        order_by="meeting__name_en",
        linkify=lambda record: record.get_absolute_url(),
        empty_values=(),
    )
    step = tables.Column(verbose_name=_("Step to approve"), accessor="pk", orderable=False)
    forum = tables.Column(
        verbose_name=_("Forum"), accessor="forum__acronym", order_by="forum__acronym_en"
    )
    kind = tables.Column(verbose_name=_("Kind"))
    lead_officer = tables.Column(
        verbose_name=_("Lead officer"),
        order_by=("lead_officer__last_name", "lead_officer__first_name"),
    )
    start_date = ShortDateColumn(verbose_name=_("Start"))
    position_count = tables.Column(verbose_name=_("Positions"), attrs=NUM)
    official_position_count = tables.Column(
        verbose_name=_("Positions for the official indicator"), attrs=NUM
    )
    submitted = tables.DateTimeColumn(
        verbose_name=_("Submitted"),
        accessor="updated_at",
        short=True,
        attrs={"td": {"class": "nowrap"}},
    )
    # the longest wait first when sorted descending: the oldest submission
    waiting = tables.Column(
        verbose_name=_("Days waiting"),
        accessor="updated_at",
        order_by=("-updated_at",),
        attrs=NUM,
    )
    link = AbsoluteLinkColumn()

    export_title = _("Review queue")

    class Meta:
        model = Engagement
        fields = [
            "id",
            "engagement",
            "step",
            "forum",
            "kind",
            "lead_officer",
            "start_date",
            "position_count",
            "official_position_count",
            "submitted",
            "waiting",
            "link",
        ]
        # oldest waiting first: selectors.QUEUE_ORDER, which "open the next" follows too
        order_by = "submitted"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = timezone.now()
        order_by_language(self, forum="forum__acronym", engagement="meeting__name")

    def render_engagement(self, record):
        where = record.meeting.name if record.meeting_id else None
        where = where or (record.forum.acronym if record.forum_id else None)
        kind = record.get_kind_display()
        return f"{kind} — {where}" if where else kind

    def value_engagement(self, record):
        return self.render_engagement(record)

    def render_step(self, record):
        if record.review_step == Transition.Step.OUTCOMES:
            return _("Outcomes (after the meeting)")
        if record.is_mandate:
            return _("Mandate (before the meeting)")
        return _("Record")

    def value_step(self, record):
        return str(self.render_step(record))

    def render_lead_officer(self, value):
        return str(value)

    def value_submitted(self, value):
        # a local date and time: a workbook cell holds no time zone
        return timezone.localtime(value).replace(tzinfo=None)

    def render_waiting(self, value):
        return max((self.now - value).days, 0)

    def value_waiting(self, value):
        return self.render_waiting(value)
