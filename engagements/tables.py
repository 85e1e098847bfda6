import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.tables import NUM, AbsoluteLinkColumn, ShortDateColumn, order_by_language

from . import exports
from .models import Engagement


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
        return value.get_full_name() or value.username


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
    link = AbsoluteLinkColumn(of="engagement", verbose_name=_("Engagement link"))

    export_title = _("Positions delivered")

    class Meta:
        orderable = False

    def export_rows(self, queryset, columns):
        """The rows read with values_list() (engagements.exports), as EngagementTable's."""
        if list(columns) != list(exports.POSITION_COLUMNS):
            return None
        return exports.position_rows(queryset, request=getattr(self, "request", None))
