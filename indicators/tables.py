"""Tables of the indicator pages: the indicator list, the drill-down lists behind every figure,
and the dashboards' own tables (each exportable as CSV or XLSX)."""

import django_tables2 as tables
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.exports import Money, Percent
from core.fiscal import FiscalYear
from core.formatting import number, percent, percentage
from core.languages import language_of
from core.tables import NUM, MoneyColumn, PercentColumn, ShortDateColumn, YesNoColumn
from forums.tables import IdentifiedLateColumn

from .models import Indicator

NUM_FOOTER = {**NUM, "tf": {"class": "num"}}


def figure(value, indicator_or_calc, *, money_values=False):
    """A figure as the exports carry it: a percentage, an amount or a number, typed (core.exports)
    so that a workbook reads it as a number; None when there is none."""
    if value is None:
        return None
    if money_values:
        return Money(value, 0)
    if indicator_or_calc.is_percentage:
        return Percent(value)
    return value


class IndicatorTable(tables.Table):
    code = tables.Column(verbose_name=_("Id"), linkify=True)
    name = tables.Column(verbose_name=_("Indicator"), linkify=True, order_by="name_en")
    kind = tables.Column(verbose_name=_("Kind"))
    measurement = tables.Column(verbose_name=_("How it is measured"))
    target_type = tables.Column(verbose_name=_("Target type"))
    seeking_to = tables.Column(verbose_name=_("Seeking to"))
    frequency = tables.Column(verbose_name=_("Frequency"), order_by="frequency_en")

    class Meta:
        model = Indicator
        fields = ["code", "name", "kind", "measurement", "target_type", "seeking_to", "frequency"]
        order_by = ("-kind", "position")

    def __init__(self, *args, **kwargs):
        from core.tables import order_by_language

        super().__init__(*args, **kwargs)
        order_by_language(self, name="name")

    def render_measurement(self, record):
        if not record.is_computed:
            return _("Entered by hand")
        calculation = record.calculation
        return calculation.label if calculation else record.measurement


# --- drill-down lists: the records behind a figure ------------------------------------------------


class SetLateColumn(YesNoColumn):
    """ "Set after the meeting": a position added or changed after its meeting ended or its
    outcome document was adopted (Position.set_late), on pages and in exports alike."""

    def __init__(self, accessor="set_late", **kwargs):
        kwargs.setdefault("verbose_name", _("Set after the meeting"))
        kwargs.setdefault("orderable", False)
        super().__init__(accessor=accessor, **kwargs)


class OutcomeDocumentRecords(tables.Table):
    meeting_date = ShortDateColumn(
        verbose_name=_("Meeting start"), accessor="meeting__start_date", short=True
    )
    forum = tables.Column(
        verbose_name=_("Forum"),
        accessor="meeting__forum__acronym",
        order_by="meeting__forum__acronym_en",
    )
    meeting = tables.Column(
        verbose_name=_("Meeting"),
        accessor="meeting__name",
        order_by="meeting__name_en",
        linkify=lambda record: record.meeting.get_absolute_url(),
    )
    kind = tables.Column(verbose_name=_("Kind"))
    title = tables.Column(verbose_name=_("Outcome document"), order_by="title_en")
    identified_late = IdentifiedLateColumn(accessor="meeting__identified_late")
    n_positions = tables.Column(verbose_name=_("Approved positions"), attrs=NUM)
    n_reflected = tables.Column(verbose_name=_("Reflected"), attrs=NUM)
    n_partial = tables.Column(verbose_name=_("Partially reflected"), attrs=NUM)
    n_not = tables.Column(verbose_name=_("Not reflected"), attrs=NUM)
    n_pending = tables.Column(verbose_name=_("Pending or awaiting approval"), attrs=NUM)
    n_set_late = tables.Column(verbose_name=_("Set after the meeting"), attrs=NUM)
    positions = tables.Column(
        verbose_name=_("Positions"), accessor="pk", orderable=False, exclude_from_export=True
    )

    class Meta:
        order_by = ("meeting_date",)

    def render_positions(self, record):
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> — {}</span></a>',
            reverse("indicators:document_positions", args=[record.pk]),
            _("See the positions"),
            record.title,
        )

    @staticmethod
    def prepare(queryset):
        from engagements.models import outcomes_counted_q

        approved = Q(positions__engagement__status="approved")
        # as the official figure reads them: an outcome not yet approved is pending
        known = outcomes_counted_q("positions__")
        return (
            queryset.select_related("meeting__forum")
            .order_by("meeting__start_date", "pk")
            .annotate(
                n_positions=Count("positions", filter=approved),
                n_reflected=Count("positions", filter=known & Q(positions__outcome="reflected")),
                n_partial=Count(
                    "positions", filter=known & Q(positions__outcome="partially_reflected")
                ),
                n_not=Count("positions", filter=known & Q(positions__outcome="not_reflected")),
                n_pending=Count(
                    "positions", filter=approved & (Q(positions__outcome="pending") | ~known)
                ),
                n_set_late=Count("positions", filter=approved & Q(positions__set_late=True)),
            )
        )


class MeetingRecords(tables.Table):
    start_date = ShortDateColumn(verbose_name=_("Start"), short=True)
    forum = tables.Column(
        verbose_name=_("Forum"), accessor="forum__acronym", order_by="forum__acronym_en"
    )
    name = tables.Column(verbose_name=_("Meeting"), linkify=True, order_by="name_en")
    city = tables.Column(verbose_name=_("City"))
    is_important = YesNoColumn(verbose_name=_("Important"))
    identified_late = IdentifiedLateColumn()
    n_engagements = tables.Column(verbose_name=_("Approved engagements"), attrs=NUM)

    class Meta:
        order_by = ("start_date",)

    @staticmethod
    def prepare(queryset):
        return (
            queryset.select_related("forum")
            .order_by("start_date", "pk")
            .annotate(n_engagements=Count("engagements", filter=Q(engagements__status="approved")))
        )


class EngagementRecords(tables.Table):
    start_date = ShortDateColumn(verbose_name=_("Start"), short=True)
    kind = tables.Column(verbose_name=_("Kind"), linkify=True)
    leadership_role = tables.Column(verbose_name=_("Leadership role"))
    forum = tables.Column(
        verbose_name=_("Forum"), accessor="forum__acronym", order_by="forum__acronym_en"
    )
    meeting = tables.Column(
        verbose_name=_("Meeting"), accessor="meeting__name", order_by="meeting__name_en"
    )
    lead_officer = tables.Column(verbose_name=_("Lead officer"), order_by="lead_officer__last_name")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        order_by = ("start_date",)

    @staticmethod
    def prepare(queryset):
        return queryset.select_related("forum", "meeting", "lead_officer").order_by(
            "start_date", "pk"
        )

    def render_lead_officer(self, value):
        return str(value)


class PositionRecords(tables.Table):
    date = ShortDateColumn(
        verbose_name=_("Engagement start"), accessor="engagement__start_date", short=True
    )
    forum = tables.Column(
        verbose_name=_("Forum"),
        accessor="engagement__forum__acronym",
        order_by="engagement__forum__acronym_en",
    )
    engagement = tables.Column(
        verbose_name=_("Engagement"),
        linkify=lambda record: record.engagement.get_absolute_url(),
        order_by="engagement__start_date",
    )
    text = tables.Column(verbose_name=_("Position delivered"))
    theme = tables.Column(
        verbose_name=_("Theme"), accessor="theme__name", order_by="theme__name_en"
    )
    outcome_document = tables.Column(
        verbose_name=_("Outcome document"),
        accessor="outcome_document__title",
        order_by="outcome_document__title_en",
    )
    outcome = tables.Column(verbose_name=_("Outcome"))
    identified_late = IdentifiedLateColumn(accessor="engagement__meeting__identified_late")
    set_late = SetLateColumn()
    set_late_reason = tables.Column(
        verbose_name=_("Why it was set after the meeting"), orderable=False
    )

    class Meta:
        order_by = ("date",)

    @staticmethod
    def prepare(queryset):
        return queryset.select_related(
            "engagement__forum", "engagement__meeting__forum", "theme", "outcome_document"
        ).order_by("engagement__start_date", "pk")

    def render_engagement(self, record):
        return str(record.engagement)

    def render_text(self, value):
        return value if len(value) <= 160 else f"{value[:157]}…"

    def render_outcome(self, record):
        return record.outcome_label()

    def value_outcome(self, record):
        return record.outcome_label()


class AgreementAmountRecords(tables.Table):
    agreement = tables.Column(
        verbose_name=_("Agreement"),
        accessor="agreement__number",
        linkify=lambda record: record.agreement.get_absolute_url(),
    )
    transfer_payment = tables.Column(
        verbose_name=_("Transfer payment"),
        accessor="agreement__transfer_payment__name",
        order_by="agreement__transfer_payment__name_en",
    )
    recipient = tables.Column(
        verbose_name=_("Recipient"), accessor="agreement__recipient_name", orderable=False
    )
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"))
    authorized = MoneyColumn(verbose_name=_("Authorized"))
    actual = MoneyColumn(verbose_name=_("Actual"))

    class Meta:
        order_by = ("agreement",)

    @staticmethod
    def prepare(queryset):
        return queryset.select_related("agreement__transfer_payment", "agreement__recipient")

    def render_fiscal_year(self, value):
        return FiscalYear(value).label


class OrganizationRecords(tables.Table):
    acronym = tables.Column(verbose_name=_("Acronym"), linkify=True, order_by="acronym_en")
    name = tables.Column(verbose_name=_("Name"), order_by="name_en")
    kind = tables.Column(verbose_name=_("Kind"))
    country = tables.Column(verbose_name=_("Country"), accessor="country__name", order_by="country")

    class Meta:
        order_by = ("acronym",)

    @staticmethod
    def prepare(queryset):
        return queryset.order_by("acronym_en", "pk")


def records_table_class(model):
    """The drill-down table for a kind of record."""
    from engagements.models import Engagement, Position
    from forums.models import Meeting, OutcomeDocument
    from partners.models import AgreementAmount, Organization

    return {
        OutcomeDocument: OutcomeDocumentRecords,
        Meeting: MeetingRecords,
        Engagement: EngagementRecords,
        Position: PositionRecords,
        AgreementAmount: AgreementAmountRecords,
        Organization: OrganizationRecords,
    }[model]


# --- dashboard tables (rows are dicts the views build) -------------------------------------------


class IndicatorSummaryTable(tables.Table):
    """The selected year's reading of each indicator."""

    code = tables.Column(verbose_name=_("Id"))
    indicator = tables.Column(verbose_name=_("Indicator"))
    kind = tables.Column(verbose_name=_("Kind"))
    value = tables.Column(verbose_name=_("Result"), attrs=NUM)
    lenient = tables.Column(verbose_name=_("Reflected or partially"), attrs=NUM)
    numerator = tables.Column(verbose_name=_("Numerator"), attrs=NUM)
    denominator = tables.Column(verbose_name=_("Denominator"), attrs=NUM)
    target = tables.Column(verbose_name=_("Target"))
    status = tables.Column(verbose_name=_("Status"))
    awaiting = tables.Column(verbose_name=_("Awaiting approval"), attrs=NUM)
    late = tables.Column(
        verbose_name=_("Counted from meetings identified after the meeting began"), attrs=NUM
    )
    set_late = tables.Column(
        verbose_name=_("Positions behind the figure set after the meeting"), attrs=NUM
    )
    recorded = tables.Column(verbose_name=_("Recorded"))

    export_title = _("All indicators for the year")

    class Meta:
        orderable = False


class TrendTable(tables.Table):
    code = tables.Column(verbose_name=_("Id"))
    indicator = tables.Column(verbose_name=_("Indicator"))
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"))
    value = tables.Column(verbose_name=_("Result"), attrs=NUM)
    live_value = tables.Column(verbose_name=_("Live value"), attrs=NUM)
    lenient = tables.Column(verbose_name=_("Reflected or partially"), attrs=NUM)
    numerator = tables.Column(verbose_name=_("Numerator"), attrs=NUM)
    denominator = tables.Column(verbose_name=_("Denominator"), attrs=NUM)
    target = tables.Column(verbose_name=_("Target"))
    status = tables.Column(verbose_name=_("Status"))

    export_title = _("Indicator trends")

    class Meta:
        orderable = False


class ResourceTable(tables.Table):
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"))
    planned_spending = MoneyColumn(verbose_name=_("Planned spending"), places=0)
    authorities = MoneyColumn(verbose_name=_("Total authorities"), places=0)
    actual_spending = MoneyColumn(verbose_name=_("Actual spending"), places=0)
    planned_ftes = tables.Column(verbose_name=_("Planned FTEs"), attrs=NUM)
    actual_ftes = tables.Column(verbose_name=_("Actual FTEs"), attrs=NUM)

    export_title = _("Program resources")

    class Meta:
        orderable = False
        attrs = {"class": "table"}

    def render_planned_ftes(self, value):
        return number(value)

    def render_actual_ftes(self, value):
        return number(value)

    def value_planned_ftes(self, value):
        return value

    def value_actual_ftes(self, value):
        return value


class AttentionTable(tables.Table):
    what = tables.Column(verbose_name=_("What"))
    agreement = tables.Column(verbose_name=_("Agreement"))
    date = ShortDateColumn(verbose_name=_("Date"), short=True)
    days = tables.Column(verbose_name=_("Days"), attrs=NUM)

    export_title = _("Agreements needing attention")

    class Meta:
        orderable = False

    def render_agreement(self, value, record):
        return format_html('<a href="{}">{}</a>', record["url"], value)

    def value_agreement(self, value):
        return value


class ForumFigureColumn(tables.Column):
    """A count of the by-forum dashboard, linked to the records it counts (the column's name is
    the figure's); the number itself in the exports."""

    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", NUM_FOOTER)
        kwargs.setdefault("footer", _total)
        super().__init__(**kwargs)

    def render(self, value, record, table, bound_column):
        if not value:
            return value  # a zero has nothing behind it: no link
        url = reverse(
            "indicators:forum_records", args=[table.year, record["forum_pk"], bound_column.name]
        )
        return format_html('<a href="{}">{}</a>', url, value)

    def value(self, value):
        return value


def _total(table, bound_column):
    """A footer: the column's total over every row of the table."""
    return sum(row[bound_column.name] for row in table.data)


def _total_share(table):
    assessed = sum(row["assessed"] for row in table.data)
    reflected = sum(row["reflected"] for row in table.data)
    value = percentage(reflected, assessed) if assessed else None
    return percent(value) if value is not None else _("Not available")


class ForumTable(tables.Table):
    """The by-forum dashboard, with a totals row; each count above zero links to the records it
    counts (a zero has nothing behind it)."""

    forum = tables.Column(verbose_name=_("Forum"), footer=_("Total"))
    meetings = ForumFigureColumn(verbose_name=_("Meetings"))
    important_meetings = ForumFigureColumn(verbose_name=_("Important meetings"))
    engagements = ForumFigureColumn(verbose_name=_("Approved engagements"))
    positions = ForumFigureColumn(verbose_name=_("Positions delivered"))
    assessed = ForumFigureColumn(verbose_name=_("Outcome known"))
    reflected = ForumFigureColumn(verbose_name=_("Reflected"))
    share = PercentColumn(
        verbose_name=_("Share reflected"),
        default=_("Not available"),
        footer=_total_share,
        attrs=NUM_FOOTER,
    )

    export_title = _("Results by forum")

    class Meta:
        orderable = False

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def render_forum(self, value, record):
        return format_html('<a href="{}">{}</a>', record["forum_url"], value)

    def value_forum(self, value):
        return value


class FundingTable(tables.Table):
    transfer_payment = tables.Column(
        verbose_name=_("Transfer payment"),
        linkify=lambda record: record.get("url") or None,
    )
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"))
    authorized = MoneyColumn(verbose_name=_("Authorized"), places=0)
    actual = MoneyColumn(verbose_name=_("Actual"), places=0)
    share = PercentColumn(verbose_name=_("Share spent"))

    export_title = _("Funding by transfer payment")

    class Meta:
        orderable = False


class PositionTraceTable(tables.Table):
    """The positions that aimed at one outcome document: what the figure's count rests on, with
    the outcome, the note, the engagement, its officer and its evidence."""

    # officers' words, marked with the language they are written in (core.languages)
    text = tables.Column(
        verbose_name=_("Position delivered"),
        orderable=False,
        attrs={"td": {"lang": lambda record: language_of(record.text, record.engagement.language)}},
    )
    outcome = tables.Column(verbose_name=_("Outcome"))
    outcome_note = tables.Column(
        verbose_name=_("Note on the outcome"),
        orderable=False,
        attrs={
            "td": {
                "lang": lambda record: language_of(record.outcome_note, record.engagement.language)
            }
        },
    )
    outcome_reference = tables.Column(
        verbose_name=_("Where the outcome document says it"), orderable=False
    )
    set_late = SetLateColumn()
    set_late_reason = tables.Column(
        verbose_name=_("Why it was set after the meeting"), orderable=False
    )
    engagement = tables.Column(
        verbose_name=_("Engagement"),
        linkify=lambda record: record.engagement.get_absolute_url(),
        order_by="engagement__start_date",
    )
    status = tables.Column(
        verbose_name=_("Engagement status"), accessor="engagement__status", orderable=False
    )
    officer = tables.Column(
        verbose_name=_("Lead officer"),
        accessor="engagement__lead_officer",
        order_by="engagement__lead_officer__last_name",
    )
    evidence = tables.Column(verbose_name=_("Evidence"), accessor="pk", orderable=False)

    class Meta:
        order_by = ("engagement",)

    @staticmethod
    def prepare(queryset):
        from django.db.models import Prefetch

        from engagements.models import Evidence

        return (
            queryset.select_related(
                "engagement__lead_officer", "engagement__meeting__forum", "engagement__forum"
            )
            .prefetch_related(
                Prefetch(
                    "engagement__evidence", queryset=Evidence.objects.order_by("uploaded_at", "pk")
                )
            )
            .order_by("engagement__start_date", "engagement_id", "sort_order", "pk")
        )

    def render_engagement(self, record):
        return str(record.engagement)

    def render_status(self, record):
        engagement = record.engagement
        if engagement.is_mandate and engagement.status == engagement.Status.APPROVED:
            return f"{engagement.get_status_display()} — {engagement.get_outcome_step_display()}"
        return engagement.get_status_display()

    def render_outcome(self, record):
        return record.outcome_label()

    def value_outcome(self, record):
        return record.outcome_label()

    def render_officer(self, value):
        return str(value)

    def render_evidence(self, record):
        files = list(record.engagement.evidence.all())
        if not files:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}" download>{}</a>',
            ((f.get_absolute_url(), f.original_name) for f in files),
        )

    def value_evidence(self, record):
        return "; ".join(f.original_name for f in record.engagement.evidence.all())
