"""Reads that the agreement pages (and the dashboard) share. Sums are computed by the database."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Max, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.fiscal import FiscalYear, fiscal_year_range, listed_years
from core.formatting import percentage

from .models import (
    AgreementAmount,
    ContributionAgreement,
    ReportingRequirement,
    ServiceLine,
    ServiceVolume,
    TransferPayment,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
ENDING_SOON_DAYS = 90
MONEY_FIELD: DecimalField = DecimalField(max_digits=16, decimal_places=2)


def to_money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(CENT)


def _amount_sum(field: str):
    """The agreement's sum of one amount column, as a subquery (no join: rows stay one each)."""
    sums = (
        AgreementAmount.objects.filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(sums, output_field=MONEY_FIELD), Value(ZERO), output_field=MONEY_FIELD)


def agreements_with_totals():
    """Agreements with their recipient, transfer payment and summed amounts (agreement list)."""
    return ContributionAgreement.objects.select_related(
        "recipient", "transfer_payment", "responsible_officer"
    ).annotate(authorized_total=_amount_sum("authorized"), actual_total=_amount_sum("actual"))


def lapse_percent(authorized: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """The share of the authorities not spent, to one decimal; None when it cannot be said."""
    if authorized is None or authorized == ZERO or actual is None:
        return None
    return percentage(authorized - actual, authorized)


def used_percent(authorized: Decimal | None, actual: Decimal | None) -> Decimal | None:
    if authorized in (None, ZERO) or actual is None:
        return None
    return percentage(actual, authorized)


def agreement_amount_totals(agreement: ContributionAgreement) -> dict:
    """The agreement's amounts added up (detail page footer), one query."""
    totals = agreement.amounts.aggregate(
        authorized_sum=Coalesce(Sum("authorized"), Value(ZERO), output_field=MONEY_FIELD),
        actual_sum=Sum("actual"),
        # Lapsed only counts the years whose actual spending is known.
        authorized_known_sum=Coalesce(
            Sum("authorized", filter=Q(actual__isnull=False)),
            Value(ZERO),
            output_field=MONEY_FIELD,
        ),
    )
    totals = {key: to_money(value) for key, value in totals.items()}
    actual = totals["actual_sum"]
    lapsed = None if actual is None else totals["authorized_known_sum"] - actual
    return {
        "authorized": totals["authorized_sum"],
        "actual": actual,
        "lapsed": lapsed,
        "percent_used": used_percent(totals["authorized_known_sum"], actual),
        "unallocated": agreement.total_amount - totals["authorized_sum"],
    }


# --- Funding summary: transfer payment × fiscal year ---


@dataclass
class Cell:
    authorized: Decimal = ZERO
    actual: Decimal = ZERO
    agreements: int = 0
    agreement_id: int | None = None  # the only agreement behind the figure, if there is one
    year: FiscalYear | None = None
    with_actual: int = 0  # how many of its amounts have their actual spending recorded

    def __post_init__(self):
        # SQLite gives sums back as integers or floats' text; keep exact cents everywhere.
        self.authorized = to_money(self.authorized)
        self.actual = to_money(self.actual)

    @property
    def lapsed(self) -> Decimal:
        return self.authorized - self.actual

    @property
    def percent_used(self):
        return used_percent(self.authorized, self.actual)

    @property
    def percent_lapsed(self):
        return lapse_percent(self.authorized, self.actual)

    def add(self, other: "Cell"):
        self.authorized += other.authorized
        self.actual += other.actual
        self.agreements += other.agreements
        self.with_actual += other.with_actual

    @property
    def actual_known(self) -> bool:
        return self.with_actual > 0


@dataclass
class SummaryRow:
    transfer_payment: TransferPayment
    cells: list[Cell]
    total: Cell


@dataclass
class YearRow:
    """One fiscal year across the transfer payments: the summary read by year (the summary
    page shows years as rows, so that a long range of years never widens the page)."""

    year: FiscalYear
    cells: list[tuple[TransferPayment, Cell]]
    total: Cell


@dataclass
class FundingSummary:
    years: list[FiscalYear]
    rows: list[SummaryRow]
    totals: list[Cell]
    grand_total: Cell

    @property
    def by_year(self) -> list[YearRow]:
        return [
            YearRow(
                year=year,
                cells=[(row.transfer_payment, row.cells[index]) for row in self.rows],
                total=self.totals[index],
            )
            for index, year in enumerate(self.years)
        ]


def funding_years() -> list[FiscalYear]:
    """Every fiscal year from the first to the last that has an amount (summary page range)."""
    bounds = AgreementAmount.objects.aggregate(first=Min("fiscal_year"), last=Max("fiscal_year"))
    if bounds["first"] is None:
        return []
    return fiscal_year_range(bounds["first"], bounds["last"])


def funding_summary(*, years: list[FiscalYear], statuses=None) -> FundingSummary:
    """Authorized and actual amounts by transfer payment and fiscal year, with totals.

    Two queries: the transfer payments, and the amounts grouped by (transfer payment, year).
    Years without actual figures count as zero spending. Draft agreements are left out by
    default: their money is not committed.
    """
    statuses = statuses or [
        ContributionAgreement.Status.ACTIVE,
        ContributionAgreement.Status.CLOSED,
        ContributionAgreement.Status.TERMINATED,
    ]
    transfer_payments = list(TransferPayment.objects.order_by("pk"))
    index = {year.start_year: i for i, year in enumerate(years)}
    grouped = (
        AgreementAmount.objects.filter(fiscal_year__in=list(index), agreement__status__in=statuses)
        .order_by()
        .values("agreement__transfer_payment_id", "fiscal_year")
        .annotate(
            # first: below, "actual" names the sum, and Count() skips the amounts without one
            with_actual=Count("actual"),
            authorized=Sum("authorized"),
            actual=Coalesce(Sum("actual"), Value(ZERO), output_field=MONEY_FIELD),
            agreements=Count("agreement_id", distinct=True),
            only_agreement=Min("agreement_id"),
        )
    )
    cells = {tp.pk: [Cell(year=year) for year in years] for tp in transfer_payments}
    for group in grouped:
        cells[group["agreement__transfer_payment_id"]][index[group["fiscal_year"]]] = Cell(
            authorized=group["authorized"],
            actual=group["actual"],
            agreements=group["agreements"],
            agreement_id=group["only_agreement"] if group["agreements"] == 1 else None,
            year=years[index[group["fiscal_year"]]],
            with_actual=group["with_actual"],
        )
    rows = []
    totals = [Cell(year=year) for year in years]
    grand_total = Cell()
    for tp in transfer_payments:
        row_total = Cell()
        for i, cell in enumerate(cells[tp.pk]):
            row_total.add(cell)
            totals[i].add(cell)
        grand_total.add(row_total)
        rows.append(SummaryRow(transfer_payment=tp, cells=cells[tp.pk], total=row_total))
    return FundingSummary(years=years, rows=rows, totals=totals, grand_total=grand_total)


def funding_year_cells(summary: FundingSummary, year: FiscalYear) -> list[tuple]:
    """One fiscal year of the summary: (transfer payment, cell) pairs; empty when the year is
    outside the summary's range."""
    if year not in summary.years:
        return []
    index = summary.years.index(year)
    return [(row.transfer_payment, row.cells[index]) for row in summary.rows]


def funding_year_total(summary: FundingSummary, year: FiscalYear) -> Cell:
    """The total of one fiscal year across the transfer payments (an empty cell outside the
    summary's range)."""
    if year not in summary.years:
        return Cell(year=year)
    return summary.totals[summary.years.index(year)]


# --- Attention list: what needs someone's attention now ---


@dataclass(frozen=True)
class AttentionItem:
    kind: str  # "report_overdue" or "ending_soon"
    agreement: ContributionAgreement
    date: datetime.date  # the report's due date, or the agreement's end date
    days: int  # days overdue (reports) or days left (agreements)
    report: ReportingRequirement | None = None

    @property
    def is_overdue_report(self) -> bool:
        return self.kind == "report_overdue"


def attention_items(*, today: datetime.date | None = None) -> list[AttentionItem]:
    """Reports overdue (not received, due before today) and agreements ending within 90 days.

    Two queries whatever the number of agreements; oldest overdue first, then soonest ending.
    Drafts and finished agreements raise nothing: only active agreements are watched.
    """
    today = today or timezone.localdate()
    overdue = (
        ReportingRequirement.objects.filter(
            received_date__isnull=True,
            due_date__lt=today,
            agreement__status=ContributionAgreement.Status.ACTIVE,
        )
        .select_related("agreement__recipient", "agreement__transfer_payment")
        .order_by("due_date", "pk")
    )
    ending = (
        ContributionAgreement.objects.filter(
            status=ContributionAgreement.Status.ACTIVE,
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=ENDING_SOON_DAYS),
        )
        .select_related("recipient", "transfer_payment")
        .order_by("end_date", "number")
    )
    items = [
        AttentionItem(
            kind="report_overdue",
            agreement=report.agreement,
            date=report.due_date,
            days=(today - report.due_date).days,
            report=report,
        )
        for report in overdue
    ]
    items += [
        AttentionItem(
            kind="ending_soon",
            agreement=agreement,
            date=agreement.end_date,
            days=(agreement.end_date - today).days,
        )
        for agreement in ending
    ]
    return items


# --- Services Canada uses from IOM and UNHCR ---


def service_lines_with_totals(queryset=None, *, year: FiscalYear | None = None):
    """Service lines with their partner and department, and the sums of their volumes (all years,
    or one): one query whatever the number of lines and years."""
    queryset = ServiceLine.objects.all() if queryset is None else queryset
    only = Q(volumes__fiscal_year=year.start_year) if year else Q()
    return queryset.select_related("partner", "department").annotate(
        people_served_total=Sum("volumes__people_served", filter=only),
        sessions_total=Sum("volumes__sessions", filter=only),
        referrals_total=Sum("volumes__referrals", filter=only),
        amount_total=Sum("volumes__amount", filter=only),
        years_recorded=Count("volumes", filter=only),
    )


def service_lines_for_list(*, fiscal_year: str = ""):
    """The services list, its page and its API: the lines with the sums of the fiscal year the
    list is filtered on (its slug, "2014-15"), or of every year when it is not one of the
    listed years (the FilterSet refuses those)."""
    year = next((y for y in listed_years() if y.slug == fiscal_year), None)
    return service_lines_with_totals(year=year)


def service_volumes_for_years(years: list[FiscalYear]):
    """The funding summary's services section: every volume recorded in the years shown, with its
    line, partner and the agreement or transfer payment it is paid under (one query)."""
    return (
        ServiceVolume.objects.filter(fiscal_year__in=[year.start_year for year in years])
        .select_related(
            "service_line__partner",
            "service_line__agreement",
            "service_line__transfer_payment",
        )
        .order_by("fiscal_year", "service_line__partner__acronym_en", "service_line__name_en")
    )
