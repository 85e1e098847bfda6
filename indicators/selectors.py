"""Reads the indicator pages and dashboards share.

Query counts do not grow with the data: the indicators and their targets and results are three
queries, each computed indicator one grouped query for every fiscal year at once (plus one for the
records awaiting approval), whatever the number of engagements, forums or fiscal years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from core.fiscal import FiscalYear, fiscal_year_range
from core.formatting import percentage

from .calculations import Calculation, Figures, fiscal_year_of
from .models import Indicator, Program, ProgramResource, Result, Status, Target
from .status import STATUS_CLASS, status_for, target_in_force

# GC InfoBase figures for Program 4.3 start in 2012-13; the selector runs to next fiscal year.
FIRST_YEAR = 2012


def portal_years() -> list[FiscalYear]:
    return fiscal_year_range(FIRST_YEAR, FiscalYear.current().start_year + 1)


class BadYear(ValueError):
    """A fiscal year in a query string that is malformed or outside the portal's years."""

    def __init__(self, text: str, message: str):
        super().__init__(message)
        self.text = text
        self.message = message


def year_from_query(value: str | None) -> FiscalYear:
    """The fiscal year a `?year=2014-15` asks for; the current one when absent. BadYear else."""
    if not value:
        return FiscalYear.current()
    years = portal_years()
    try:
        year = FiscalYear.parse(value)
    except ValueError:
        if FiscalYear.is_well_formed(value):  # "1999-00": a fiscal year, not one of ours
            raise BadYear(
                value,
                _(
                    "The portal has no figures for %(year)s: choose a year from %(first)s "
                    "to %(last)s."
                )
                % {"year": value, "first": years[0].label, "last": years[-1].label},
            ) from None
        raise BadYear(
            value, _("“%(text)s” is not a fiscal year: use the form 2014-15.") % {"text": value}
        ) from None
    if not years[0] <= year <= years[-1]:
        raise BadYear(
            value,
            _("The portal has no figures for %(year)s: choose a year from %(first)s to %(last)s.")
            % {"year": year.label, "first": years[0].label, "last": years[-1].label},
        )
    return year


def year_from_url(year: FiscalYear) -> FiscalYear:
    """A fiscal year from a URL path: 404 outside the portal's years."""
    years = portal_years()
    if not years[0] <= year <= years[-1]:
        raise Http404(_("The portal has no figures for this fiscal year."))
    return year


def the_program() -> Program | None:
    return Program.objects.filter(code="LJZ00").first() or Program.objects.first()


# --- one indicator across fiscal years ---------------------------------------------------------


@dataclass
class YearReading:
    """An indicator in one fiscal year: the live figures, the recorded result, the target, the
    status shown (the recorded one where recorded, else read from the live value)."""

    year: FiscalYear
    figures: Figures | None
    result: Result | None
    target: Target | None
    status: str
    live_status: str

    @property
    def value(self):
        if self.result is not None:
            return self.result.value
        return self.figures.value if self.figures else None

    @property
    def live_value(self):
        return self.figures.value if self.figures else None

    @property
    def live_differs(self) -> bool:
        """A recorded result whose value the live calculation no longer gives."""
        return (
            self.result is not None
            and self.figures is not None
            and (
                self.result.value != self.figures.value
                or (
                    self.figures.lenient_value is not None
                    and self.result.lenient_value != self.figures.lenient_value
                )
            )
        )

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def status_class(self) -> str:
        return STATUS_CLASS[Status(self.status)]

    @property
    def is_current(self) -> bool:
        return self.year == FiscalYear.current()

    @property
    def is_past(self) -> bool:
        return self.year < FiscalYear.current()

    @property
    def awaiting(self):
        return self.figures.awaiting if self.figures else None


@dataclass
class IndicatorTrend:
    indicator: Indicator
    calculation: Calculation | None
    readings: list[YearReading] = field(default_factory=list)

    def reading(self, year: FiscalYear) -> YearReading:
        return next(r for r in self.readings if r.year == year)


def _reading(indicator, year, figures, result, targets, current: FiscalYear) -> YearReading:
    target = target_in_force(targets, year)
    live_value = figures.value if figures else None
    live_status = status_for(
        year=year,
        value=live_value,
        target=target,
        seeking_to=indicator.seeking_to,
        today_year=current,
    )
    if result is not None:
        status = result.status
    elif figures is None and year <= current:
        status = Status.NOT_AVAILABLE  # entered by hand and not yet recorded
    else:
        status = live_status
    return YearReading(
        year=year,
        figures=figures,
        result=result,
        target=target,
        status=status,
        live_status=live_status,
    )


def indicators_for_display():
    return (
        Indicator.objects.active()
        .for_display()
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("fiscal_year")),
            Prefetch(
                "results", queryset=Result.objects.select_related("recorded_by", "revised_by")
            ),
        )
    )


def trends(indicators, years: list[FiscalYear]) -> list[IndicatorTrend]:
    """Each indicator's readings across the years (targets and results must be prefetched)."""
    # today's fiscal year once, not per reading: the API's indicators list reads some 500 and
    # localdate() reads the active time zone from a thread-local each time
    current = FiscalYear.current()
    out = []
    for indicator in indicators:
        calculation = indicator.calculation if indicator.is_computed else None
        series = calculation.series(years) if calculation else {}
        results = {r.fiscal_year: r for r in indicator.results.all()}
        targets = list(indicator.targets.all())
        out.append(
            IndicatorTrend(
                indicator=indicator,
                calculation=calculation,
                readings=[
                    _reading(
                        indicator,
                        year,
                        series.get(year),
                        results.get(year.start_year),
                        targets,
                        current,
                    )
                    for year in years
                ],
            )
        )
    return out


def indicator_trend(indicator: Indicator, years: list[FiscalYear]) -> IndicatorTrend:
    indicator = indicators_for_display().get(pk=indicator.pk)
    return trends([indicator], years)[0]


# --- the program's resources --------------------------------------------------------------------


def resources(program: Program | None) -> list[ProgramResource]:
    if program is None:
        return []
    return list(ProgramResource.objects.filter(program=program).order_by("fiscal_year"))


# --- records awaiting approval ------------------------------------------------------------------


def awaiting_approval(year: FiscalYear) -> dict:
    """Engagements of the year submitted and not yet approved (records, or a mandate's outcomes),
    and how many have positions aimed at outcome documents of important meetings (the ones that
    can move the official figure)."""
    from core.cache import cached

    return cached("awaiting", [year.start_year], lambda: _awaiting_approval(year))


def _awaiting_approval(year: FiscalYear) -> dict:
    from engagements.models import Engagement, Position

    return Engagement.objects.filter(
        Q(status=Engagement.Status.SUBMITTED)
        | Q(status=Engagement.Status.APPROVED, outcome_step=Engagement.OutcomeStep.SUBMITTED),
        fiscal_year=year.start_year,
    ).aggregate(
        total=Count("pk"),
        # mandates whose outcomes, recorded after the meeting, await their own approval
        outcomes=Count("pk", filter=Q(outcome_step=Engagement.OutcomeStep.SUBMITTED)),
        official=Count(
            "pk",
            filter=Q(
                Exists(
                    Position.objects.filter(
                        engagement=OuterRef("pk"), outcome_document__meeting__is_important=True
                    )
                )
            ),
        ),
    )


# --- by forum -----------------------------------------------------------------------------------


def forum_rows(year: FiscalYear):
    """Per forum, for one fiscal year: meetings, important meetings, approved engagements,
    positions delivered, assessed and reflected. One query; each count a correlated subquery,
    the approved records' counts read from their summaries (indicators.tallies)."""
    from forums.models import Forum, Meeting

    from .models import EngagementTally, PositionTally

    def grouped(queryset, key):
        return Coalesce(
            Subquery(
                queryset.filter(**{key: OuterRef("pk")})
                .order_by()
                .values(key)
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        )

    meetings = Meeting.objects.annotate(fy=fiscal_year_of("start_date")).filter(fy=year.start_year)

    def summed(model, name):
        # the approved records' counts, from the summaries (indicators.tallies)
        return Coalesce(
            Subquery(
                model.objects.filter(forum_id=OuterRef("pk"), fiscal_year=year.start_year)
                .order_by()
                .values("forum_id")
                .annotate(n=Sum(name))
                .values("n")[:1]
            ),
            0,
        )

    return (
        Forum.objects.annotate(
            n_meetings=grouped(meetings, "forum"),
            n_important_meetings=grouped(meetings.filter(is_important=True), "forum"),
            n_engagements=summed(EngagementTally, "engagements"),
            n_positions=summed(PositionTally, "positions"),
            n_assessed=summed(PositionTally, "outcome_known"),
            n_reflected=summed(PositionTally, "outcome_reflected"),
        )
        .filter(Q(n_meetings__gt=0) | Q(n_engagements__gt=0))
        .order_by(F("acronym_en"))
    )


def forum_rows_for_dashboard(year: FiscalYear) -> list:
    """forum_rows() read once and kept in the cache until a record they count changes."""
    from core.cache import cached

    return cached("forums", [year.start_year], lambda: list(forum_rows(year)))


FORUM_FIGURES = (
    "meetings",
    "important_meetings",
    "engagements",
    "positions",
    "assessed",
    "reflected",
)


def forum_records(forum, year: FiscalYear, figure: str):
    """Exactly the records a by-forum figure counts."""
    from engagements.models import Engagement, Position
    from forums.models import Meeting

    if figure in ("meetings", "important_meetings"):
        meetings = (
            Meeting.objects.annotate(fy=fiscal_year_of("start_date"))
            .filter(forum=forum, fy=year.start_year)
            .select_related("forum")
        )
        return meetings.filter(is_important=True) if figure == "important_meetings" else meetings
    if figure == "engagements":
        return Engagement.objects.filter(
            forum=forum, status=Engagement.Status.APPROVED, fiscal_year=year.start_year
        )
    positions = Position.objects.filter(
        engagement__forum=forum,
        engagement__status=Engagement.Status.APPROVED,
        engagement__fiscal_year=year.start_year,
    )
    if figure == "assessed":
        return positions.exclude(outcome="pending")
    if figure == "reflected":
        return positions.filter(outcome="reflected")
    return positions


def share(numerator, denominator) -> Decimal | None:
    return percentage(numerator, denominator)
