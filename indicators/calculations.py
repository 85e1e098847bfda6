"""The registry of computed indicators: each one a function of a fiscal year, counted by the database.

A calculation looks at *units* (outcome documents, meetings, engagements, positions, agreement
amounts, partner links), each annotated with the fiscal year it belongs to (`fy`) and with boolean
flags computed by `Exists` subqueries. Every figure it reports (numerator, denominator, lenient
numerator, pending) is one `Q` over those flags, used twice: inside `Count(..., filter=Q)` /
`Sum(..., filter=Q)` for the number, and as `.filter(Q)` for the drill-down list of the records the
number was computed from. So the list behind a figure always has exactly as many rows as the figure
counts. `series()` groups by `fy`, so a trend across any number of fiscal years is one query.

When the denominator is zero there is nothing to count: the value is `None` ("not available"),
never 0 % and never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import ExpressionWrapper
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.formatting import percentage

NUMERATOR = "numerator"
DENOMINATOR = "denominator"
LENIENT = "lenient"
PENDING = "pending"
FIGURES = (NUMERATOR, DENOMINATOR, LENIENT, PENDING)
# the official indicator's other counts: documents of meetings identified after they began, and
# the important meetings attended and those whose outcomes were favourable (as the department
# wrote its 2016-17 result)
LATE = "late"
MEETINGS_ATTENDED = "meetings"
MEETINGS_FAVOURABLE = "favourable_meetings"
# the positions behind the counted documents that were set after the meeting (or after their
# document was adopted): added or changed when the outcome could be known
SET_LATE = "set_late"

# The leadership roles the supplementary indicator counts (as the issue names them).
LEADERSHIP_ROLES = ("chair", "co_chair", "rapporteur", "host")


def fiscal_year_of(date_field: str):
    """The start year of the fiscal year a date falls in, as a database expression."""
    return ExtractYear(date_field) - Case(
        When(**{f"{date_field}__month__lt": 4}, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Figures:
    """One calculation's figures for one fiscal year."""

    year: FiscalYear
    numerator: Decimal | int | None
    denominator: Decimal | int | None
    value: Decimal | None
    lenient_numerator: int | None = None
    lenient_value: Decimal | None = None
    pending: int | None = None
    awaiting: int | None = None
    counts: dict = field(default_factory=dict)  # every figure's count, by name

    @property
    def is_available(self) -> bool:
        return self.value is not None

    @property
    def late(self) -> int | None:
        return self.counts.get(LATE)

    @property
    def meetings_attended(self) -> int | None:
        return self.counts.get(MEETINGS_ATTENDED)

    @property
    def meetings_favourable(self) -> int | None:
        return self.counts.get(MEETINGS_FAVOURABLE)

    @property
    def set_late(self) -> int | None:
        return self.counts.get(SET_LATE)


@dataclass(frozen=True)
class FigureSpec:
    """A figure: how it is aggregated and which units it counts."""

    q: Q
    label: str
    aggregate: str = "count"  # "count" units, or "sum" a field over them
    sum_field: str = ""
    distinct_field: str = ""  # count distinct values of this field instead of units
    caption: str = ""  # what the drill-down lists, when the label alone does not say it


@dataclass
class Calculation:
    key: str
    label: str
    is_percentage: bool
    units_label: str
    figures: dict[str, FigureSpec]
    description: str = ""
    has_lenient: bool = False
    is_money: bool = False
    decimals: int = 1  # places a percentage is rounded to
    awaiting_caption: str = ""
    _units: object = field(default=None, repr=False)
    _records: object = field(default=None, repr=False)
    _awaiting: object = field(default=None, repr=False)
    # the figures per fiscal year read from the summaries (indicators.tallies) instead of
    # aggregating the units: {start year: {figure: number}}
    _totals: object = field(default=None, repr=False)
    # the units computed from the records alone, when `_units` reads the summaries
    _reference_units: object = field(default=None, repr=False)

    # -- the units and their figures

    def units(self) -> QuerySet:
        """The candidate units, each annotated with `fy` and the flags the figures test."""
        return self._units()

    def _aggregate(self, name: str):
        spec = self.figures[name]
        condition = spec.q or None  # an empty Q counts every unit
        if spec.aggregate == "sum":
            return Sum(spec.sum_field, filter=condition)
        if spec.distinct_field:
            return Count(spec.distinct_field, filter=condition, distinct=True)
        return Count("pk", filter=condition)

    def series(self, years: list[FiscalYear]) -> dict[FiscalYear, Figures]:
        """The figures for each of these fiscal years: one grouped query (two with the count of
        records awaiting approval), kept in the cache until a record they count changes
        (core.cache)."""
        if not years:
            return {}
        from core.cache import cached

        return cached(
            f"series:{self.key}",
            [year.start_year for year in years],
            lambda: self._series(years),
        )

    def reference_series(self, years: list[FiscalYear]) -> dict[FiscalYear, Figures]:
        """The figures computed from the records alone, never from the summaries: what
        `verify_figures` compares `series()` with."""
        return self._series(years, reference=True)

    def _series(self, years: list[FiscalYear], reference=False) -> dict[FiscalYear, Figures]:
        starts = [year.start_year for year in years]
        if self._totals and not reference:
            by_year = self._totals(starts)
        else:
            units = self._reference_units if reference and self._reference_units else self._units
            rows = (
                units()
                .filter(fy__in=starts)
                .values("fy")
                .annotate(**{name: self._aggregate(name) for name in self.figures})
                .order_by()
            )
            by_year = {row["fy"]: row for row in rows}
        awaiting = self.awaiting_counts(years)
        result = {}
        for year in years:
            row = by_year.get(year.start_year, {})
            numerator = row.get(NUMERATOR) or 0
            denominator = row.get(DENOMINATOR) or 0
            if self.is_percentage:
                value = percentage(numerator, denominator, self.decimals)
            else:
                value = Decimal(numerator) if denominator else None
            lenient = row.get(LENIENT) if self.has_lenient else None
            result[year] = Figures(
                year=year,
                numerator=numerator,
                denominator=denominator,
                value=value,
                lenient_numerator=(lenient or 0) if self.has_lenient else None,
                lenient_value=percentage(lenient, denominator, self.decimals)
                if self.has_lenient
                else None,
                pending=(row.get(PENDING) or 0) if PENDING in self.figures else None,
                awaiting=awaiting.get(year.start_year, 0) if self._awaiting else None,
                counts={name: row.get(name) or 0 for name in self.figures},
            )
        return result

    def figures_for(self, year: FiscalYear) -> Figures:
        return self.series([year])[year]

    def units_of(self, year: FiscalYear, figure: str) -> QuerySet:
        """Exactly the units a figure counts for a fiscal year."""
        spec = self.figures[figure]
        return self.units().filter(spec.q, fy=year.start_year)

    def records(self, year: FiscalYear, figure: str) -> QuerySet:
        """The records behind a figure (the units themselves, or what they point to)."""
        units = self.units_of(year, figure)
        return self._records(units, figure) if self._records else units

    # -- records still awaiting approval that could change the figures

    def awaiting_records(self, year: FiscalYear) -> QuerySet | None:
        """Submitted engagements that would change the figures once approved."""
        if not self._awaiting:
            return None
        from engagements.models import Engagement

        return Engagement.objects.filter(
            pk__in=self._awaiting().filter(fy=year.start_year).values("pk")
        )

    def awaiting_counts(self, years: list[FiscalYear]) -> dict[int, int]:
        if not self._awaiting:
            return {}
        rows = (
            self._awaiting()
            .filter(fy__in=[year.start_year for year in years])
            .values("fy")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        return {row["fy"]: row["n"] for row in rows}


REGISTRY: dict[str, Calculation] = {}


def register(calculation: Calculation) -> Calculation:
    if calculation.key in REGISTRY:
        raise ValueError(f"calculation {calculation.key!r} registered twice")
    REGISTRY[calculation.key] = calculation
    return calculation


def get(key: str) -> Calculation | None:
    return REGISTRY.get(key)


# --- helpers shared by the calculations -------------------------------------------------------


def _approved_positions():
    from engagements.models import Engagement, Position

    return Position.objects.filter(engagement__status=Engagement.Status.APPROVED)


def _submitted_engagements():
    """Engagements submitted and not yet approved, by their own fiscal year (`fy`)."""
    from engagements.models import Engagement

    return Engagement.objects.filter(status=Engagement.Status.SUBMITTED).annotate(
        fy=F("fiscal_year")
    )


def _awaiting_outcomes_or_record():
    """Engagements submitted and not yet approved, and approved mandates whose outcomes are
    submitted and not yet approved: what could change an outcome figure once approved."""
    from engagements.models import Engagement

    return Engagement.objects.filter(
        Q(status=Engagement.Status.SUBMITTED)
        | Q(status=Engagement.Status.APPROVED, outcome_step=Engagement.OutcomeStep.SUBMITTED)
    ).annotate(fy=F("fiscal_year"))


def _counted():
    """Positions whose outcome counts (engagements.models.outcomes_counted_q)."""
    from engagements.models import outcomes_counted_q

    return outcomes_counted_q()


# --- official: decisions/reports of important meetings that reflect Canada's position ------------

OFFICIAL = "positions_reflected_in_outcome_documents"


def _official_units():
    """The outcome documents of important meetings with a position delivered in an approved
    engagement, their flags read from the positions' summaries (indicators.tallies): one row
    per document and key, so each flag is an index lookup."""
    from forums.models import OutcomeDocument, identified_late_q

    from .models import NONE, PositionTally

    def summed(name):
        return Coalesce(
            Subquery(
                PositionTally.objects.filter(document_id=OuterRef("pk"))
                .order_by()
                .values("document_id")
                .annotate(n=Sum(name))
                .values("n")[:1]
            ),
            0,
        )

    # a position aimed at one of the meeting's documents that was not reflected (or whose
    # outcome is not approved): `reflected` counts only approved outcomes
    unfavourable = PositionTally.objects.filter(
        meeting_id=OuterRef("meeting_id"), positions__gt=F("reflected")
    ).exclude(document_id=NONE)
    return (
        OutcomeDocument.objects.filter(meeting__is_important=True)
        .annotate(
            fy=fiscal_year_of("meeting__start_date"),
            n_delivered=summed("positions"),
            n_pending=summed("pending"),
            n_partial=summed("partially_reflected"),
            n_not_reflected=summed("not_reflected"),
            n_set_late=summed("set_late"),
        )
        .annotate(
            delivered=ExpressionWrapper(Q(n_delivered__gt=0), output_field=BooleanField()),
            has_pending=ExpressionWrapper(Q(n_pending__gt=0), output_field=BooleanField()),
            has_partial=ExpressionWrapper(Q(n_partial__gt=0), output_field=BooleanField()),
            has_not_reflected=ExpressionWrapper(
                Q(n_not_reflected__gt=0), output_field=BooleanField()
            ),
            meeting_favourable=~Exists(unfavourable),
            identified_late=ExpressionWrapper(
                identified_late_q("meeting__"), output_field=BooleanField()
            ),
        )
        .filter(delivered=True)
    )


def _official_units_from_records():
    """_official_units() computed from the records alone (verify_figures' reference)."""
    from forums.models import OutcomeDocument, identified_late_q

    aimed = _approved_positions().filter(outcome_document=OuterRef("pk"))
    at_meeting = _approved_positions().filter(outcome_document__meeting=OuterRef("meeting"))
    # an outcome recorded and not yet approved (a mandate's outcomes step) counts as pending
    known = aimed.filter(_counted())
    set_late = (
        aimed.filter(set_late=True)
        .order_by()
        .values("outcome_document")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        OutcomeDocument.objects.filter(meeting__is_important=True)
        .annotate(
            fy=fiscal_year_of("meeting__start_date"),
            delivered=Exists(aimed),
            has_pending=Exists(aimed.filter(Q(outcome="pending") | ~_counted())),
            has_partial=Exists(known.filter(outcome="partially_reflected")),
            has_not_reflected=Exists(known.filter(outcome="not_reflected")),
            # every approved position aimed at any document of the meeting was reflected (and
            # its outcome approved)
            meeting_favourable=~Exists(at_meeting.exclude(Q(outcome="reflected") & _counted())),
            n_set_late=Coalesce(Subquery(set_late), 0),
            identified_late=ExpressionWrapper(
                identified_late_q("meeting__"), output_field=BooleanField()
            ),
        )
        .filter(delivered=True)
    )


def _official_records(units, figure):
    """The meetings for the meeting counts; the outcome documents themselves otherwise."""
    from forums.models import Meeting

    if figure in (MEETINGS_ATTENDED, MEETINGS_FAVOURABLE):
        return Meeting.objects.filter(pk__in=units.values("meeting"))
    if figure == SET_LATE:
        return _approved_positions().filter(set_late=True, outcome_document__in=units.values("pk"))
    return units


def _official_awaiting():
    # by the fiscal year of the meeting whose document the submitted position aims at
    return (
        _awaiting_outcomes_or_record()
        .filter(positions__outcome_document__meeting__is_important=True)
        .annotate(fy=fiscal_year_of("positions__outcome_document__meeting__start_date"))
    )


_ASSESSED = Q(has_pending=False)

register(
    Calculation(
        key=OFFICIAL,
        label=_("Decisions and reports of important meetings that reflect Canada's position"),
        description=_(
            "Outcome documents of meetings identified as important, at which Canada delivered a "
            "position in an approved engagement."
        ),
        is_percentage=True,
        has_lenient=True,
        decimals=0,  # GC InfoBase publishes this indicator as a whole number (90, not 90.5)
        units_label=_("outcome documents"),
        figures={
            NUMERATOR: FigureSpec(
                _ASSESSED & Q(has_partial=False, has_not_reflected=False),
                _("every position reflected"),
                caption=_(
                    "Outcome documents of meetings identified as important, held in the fiscal "
                    "year, whose every position from an approved engagement was reflected."
                ),
            ),
            LENIENT: FigureSpec(
                _ASSESSED & Q(has_not_reflected=False),
                _("every position reflected or partially reflected"),
                caption=_(
                    "Outcome documents of meetings identified as important, held in the fiscal "
                    "year, whose every position from an approved engagement was reflected or "
                    "partially reflected."
                ),
            ),
            DENOMINATOR: FigureSpec(
                _ASSESSED,
                _("with every position assessed"),
                caption=_(
                    "Outcome documents of meetings identified as important, held in the fiscal "
                    "year, at which Canada delivered a position in an approved engagement, and "
                    "whose every such position has a known outcome."
                ),
            ),
            PENDING: FigureSpec(
                Q(has_pending=True),
                _("with a position still pending"),
                caption=_(
                    "Outcome documents of meetings identified as important, held in the fiscal "
                    "year, with a position from an approved engagement whose outcome is not "
                    "known yet, or is recorded and not yet approved: not counted until it is "
                    "known and approved."
                ),
            ),
            SET_LATE: FigureSpec(
                Q(n_set_late__gt=0),
                _("positions set after the meeting"),
                aggregate="sum",
                sum_field="n_set_late",
                caption=_(
                    "Positions from approved engagements aimed at the outcome documents counted "
                    "for the fiscal year (assessed or pending) that were added or changed after "
                    "the meeting ended or after their outcome document was adopted, each with "
                    "its reason."
                ),
            ),
            LATE: FigureSpec(
                Q(identified_late=True),
                _("of meetings identified after the meeting began"),
                caption=_(
                    "Outcome documents counted for the fiscal year (assessed or pending) whose "
                    "meeting was identified as important on or after the day it began."
                ),
            ),
            MEETINGS_ATTENDED: FigureSpec(
                Q(),
                _("important meetings attended"),
                distinct_field="meeting",
                caption=_(
                    "Meetings identified as important, held in the fiscal year, at which Canada "
                    "delivered a position on an outcome document in an approved engagement."
                ),
            ),
            MEETINGS_FAVOURABLE: FigureSpec(
                Q(meeting_favourable=True),
                _("with outcomes favourable to Canada's positions"),
                distinct_field="meeting",
                caption=_(
                    "Important meetings attended in the fiscal year whose outcome documents "
                    "reflected every position Canada delivered there (approved engagements)."
                ),
            ),
        },
        _units=_official_units,
        _reference_units=_official_units_from_records,
        _records=_official_records,
        _awaiting=_official_awaiting,
        awaiting_caption=_(
            "Engagements submitted and not yet approved, and approved mandates whose outcomes "
            "are submitted and not yet approved, with a position aimed at an outcome document of "
            "an important meeting of the fiscal year: approving them can change the figure."
        ),
    )
)


# --- supplementary indicators (the portal's own) ---------------------------------------------

MEETINGS = "important_meetings_with_participation"


def _meeting_units():
    from forums.models import Meeting

    from .models import EngagementTally

    return Meeting.objects.filter(is_important=True).annotate(
        fy=fiscal_year_of("start_date"),
        participated=Exists(
            EngagementTally.objects.filter(meeting_id=OuterRef("pk"), engagements__gt=0)
        ),
    )


def _meeting_units_from_records():
    from engagements.models import Engagement
    from forums.models import Meeting

    return Meeting.objects.filter(is_important=True).annotate(
        fy=fiscal_year_of("start_date"),
        participated=Exists(
            Engagement.objects.filter(meeting=OuterRef("pk"), status=Engagement.Status.APPROVED)
        ),
    )


def _summed_by_year(model, starts, **sums) -> dict[int, dict]:
    """{start year: {name: sum}} of a summary's counts (indicators.tallies) for these years."""
    rows = (
        model.objects.filter(fiscal_year__in=starts)
        .order_by()
        .values("fiscal_year")
        .annotate(**{name: Sum(expression) for name, expression in sums.items()})
    )
    return {row.pop("fiscal_year"): row for row in rows}


register(
    Calculation(
        key=MEETINGS,
        label=_("Important meetings with Canadian participation"),
        description=_(
            "Meetings identified as important, held in the fiscal year, with at least one "
            "approved engagement."
        ),
        is_percentage=False,
        units_label=_("meetings"),
        figures={
            NUMERATOR: FigureSpec(Q(participated=True), _("with Canadian participation")),
            DENOMINATOR: FigureSpec(Q(), _("meetings identified as important")),
        },
        _units=_meeting_units,
        _reference_units=_meeting_units_from_records,
        _awaiting=lambda: _submitted_engagements().filter(meeting__is_important=True),
    )
)


LEADERSHIP = "leadership_roles_held"


def _leadership_totals(starts):
    from .models import EngagementTally

    return _summed_by_year(
        EngagementTally, starts, **{NUMERATOR: "leading", DENOMINATOR: "engagements"}
    )


def _engagement_units():
    from engagements.models import Engagement

    return Engagement.objects.filter(status=Engagement.Status.APPROVED).annotate(
        fy=F("fiscal_year")
    )


register(
    Calculation(
        key=LEADERSHIP,
        label=_("Leadership roles held"),
        description=_(
            "Approved engagements in which Canada was chair, co-chair, rapporteur or host."
        ),
        is_percentage=False,
        units_label=_("engagements"),
        figures={
            NUMERATOR: FigureSpec(
                Q(leadership_role__in=LEADERSHIP_ROLES), _("with a leadership role")
            ),
            DENOMINATOR: FigureSpec(Q(), _("approved engagements")),
        },
        _units=_engagement_units,
        _totals=_leadership_totals,
        _awaiting=lambda: _submitted_engagements().filter(leadership_role__in=LEADERSHIP_ROLES),
    )
)


POSITIONS = "delivered_positions_reflected"


def _position_units():
    return _approved_positions().annotate(fy=F("engagement__fiscal_year"))


def _position_totals(starts):
    from .models import PositionTally

    known = F("reflected") + F("partially_reflected")
    return _summed_by_year(
        PositionTally,
        starts,
        **{
            NUMERATOR: "reflected",
            LENIENT: known,
            DENOMINATOR: known + F("not_reflected"),
            PENDING: "pending",
        },
    )


register(
    Calculation(
        key=POSITIONS,
        label=_("Share of delivered positions reflected"),
        description=_(
            "Positions delivered in approved engagements of the fiscal year whose outcome is "
            "known, and how many of them were reflected."
        ),
        is_percentage=True,
        has_lenient=True,
        units_label=_("positions"),
        figures={
            NUMERATOR: FigureSpec(Q(outcome="reflected") & _counted(), _("reflected")),
            LENIENT: FigureSpec(
                Q(outcome__in=["reflected", "partially_reflected"]) & _counted(),
                _("reflected or partially reflected"),
            ),
            DENOMINATOR: FigureSpec(~Q(outcome="pending") & _counted(), _("with a known outcome")),
            PENDING: FigureSpec(
                Q(outcome="pending") | ~_counted(),
                _("still pending"),
                caption=_(
                    "Positions delivered in approved engagements of the fiscal year whose "
                    "outcome is not known yet, or is recorded and not yet approved."
                ),
            ),
        },
        _units=_position_units,
        _totals=_position_totals,
        _awaiting=lambda: _awaiting_outcomes_or_record().filter(
            Exists(_position_model().objects.filter(engagement=OuterRef("pk")))
        ),
    )
)


def _position_model():
    from engagements.models import Position

    return Position


FUNDING = "transfer_payment_authorities_spent"


def _amount_units():
    from partners.models import AgreementAmount, ContributionAgreement

    return (
        AgreementAmount.objects.exclude(agreement__status=ContributionAgreement.Status.DRAFT)
        .filter(actual__isnull=False)
        .annotate(fy=F("fiscal_year"))
    )


register(
    Calculation(
        key=FUNDING,
        label=_("Share of transfer-payment authorities spent"),
        description=_(
            "Actual spending over authorized amounts of the fiscal year, for agreement amounts "
            "whose actual spending is known (draft agreements left out)."
        ),
        is_percentage=True,
        is_money=True,
        units_label=_("agreement amounts"),
        figures={
            NUMERATOR: FigureSpec(Q(), _("spent"), aggregate="sum", sum_field="actual"),
            DENOMINATOR: FigureSpec(Q(), _("authorized"), aggregate="sum", sum_field="authorized"),
        },
        _units=_amount_units,
    )
)


ORGANIZATIONS = "partner_organizations_engaged"


def _partner_totals(starts):
    from .models import EngagementTally, PartnerTally

    totals = _summed_by_year(EngagementTally, starts, **{DENOMINATOR: "engagements"})
    rows = (
        PartnerTally.objects.filter(fiscal_year__in=starts, engagements__gt=0)
        .order_by()
        .values("fiscal_year")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        totals.setdefault(row["fiscal_year"], {})[NUMERATOR] = row["n"]
    return totals


def _partner_records(units, figure):
    """Distinct organizations for the numerator; the approved engagements for the denominator."""
    from partners.models import Organization

    if figure == NUMERATOR:
        return Organization.objects.filter(
            pk__in=units.filter(partners__isnull=False).values("partners")
        )
    return units


register(
    Calculation(
        key=ORGANIZATIONS,
        label=_("Partner organizations engaged"),
        description=_(
            "Distinct partner organizations named in approved engagements of the fiscal year."
        ),
        is_percentage=False,
        units_label=_("organizations"),
        figures={
            NUMERATOR: FigureSpec(Q(), _("distinct organizations"), distinct_field="partners"),
            DENOMINATOR: FigureSpec(Q(), _("approved engagements"), distinct_field="pk"),
        },
        _units=_engagement_units,
        _totals=_partner_totals,
        _records=_partner_records,
        _awaiting=lambda: _submitted_engagements().filter(partners__isnull=False),
    )
)
