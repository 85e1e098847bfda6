"""Each calculation against hand-computed figures on small data, with the edge cases."""

import datetime
from decimal import Decimal

import pytest

from core.fiscal import FiscalYear
from engagements.models import Engagement
from indicators import calculations as calc
from tests.indicators.records import (
    AmountFactory,
    DocumentFactory,
    EngagementFactory,
    MeetingFactory,
    PositionFactory,
    deliver,
)
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

FY14 = FiscalYear(2021)  # a year without reference data
FY15 = FiscalYear(2022)
R, P, N, W = "reflected", "partially_reflected", "not_reflected", "pending"


def official(year=FY14):
    return calc.get(calc.OFFICIAL).figures_for(year)


def records(key, figure, year=FY14):
    return calc.get(key).records(year, figure)


def test_no_data_is_not_available_never_zero():
    for key, calculation in calc.REGISTRY.items():
        figures = calculation.figures_for(FY14)
        assert figures.value is None, key
        assert not figures.is_available


def test_official_strict_and_lenient_hand_computed():
    # four documents of important meetings in 2014-15:
    a = DocumentFactory()  # every position reflected: strict and lenient
    deliver(a, R, R)
    b = DocumentFactory()  # reflected + partially: lenient only
    deliver(b, R, P)
    c = DocumentFactory()  # one not reflected: neither
    deliver(c, R, N)
    d = DocumentFactory()  # a position still pending: out of the denominator, pending
    deliver(d, R, W)
    figures = official()
    assert (figures.numerator, figures.denominator) == (1, 3)
    assert figures.value == Decimal("33")  # a whole number, as GC InfoBase publishes it
    assert figures.lenient_numerator == 2
    assert figures.lenient_value == Decimal("67")
    assert figures.pending == 1
    assert set(records(calc.OFFICIAL, calc.NUMERATOR)) == {a}
    assert set(records(calc.OFFICIAL, calc.LENIENT)) == {a, b}
    assert set(records(calc.OFFICIAL, calc.DENOMINATOR)) == {a, b, c}
    assert set(records(calc.OFFICIAL, calc.PENDING)) == {d}


def test_official_only_pending_is_not_available_and_reported_as_pending():
    deliver(DocumentFactory(), W)
    deliver(DocumentFactory(), W, W)
    figures = official()
    assert figures.value is None
    assert figures.lenient_value is None
    assert figures.denominator == 0
    assert figures.pending == 2


def test_official_counts_only_approved_engagements():
    document = DocumentFactory()
    deliver(document, N, status=Engagement.Status.RETURNED)
    deliver(document, N, status=Engagement.Status.DRAFT)
    deliver(document, N, status=Engagement.Status.SUBMITTED)
    deliver(document, R)
    figures = official()
    assert (figures.numerator, figures.denominator, figures.value) == (1, 1, Decimal("100.0"))
    assert figures.awaiting == 1  # the submitted engagement could change it


def test_official_leaves_out_meetings_not_identified_as_important():
    ordinary = DocumentFactory(meeting=MeetingFactory(is_important=False))
    deliver(ordinary, N)
    deliver(DocumentFactory(), R)
    figures = official()
    assert (figures.numerator, figures.denominator) == (1, 1)


def test_official_leaves_out_documents_no_position_aimed_at():
    DocumentFactory()  # adopted at an important meeting, Canada aimed nothing at it
    assert official().denominator == 0


def test_official_fiscal_year_by_meeting_start_straddling_31_march():
    march = DocumentFactory(
        meeting=MeetingFactory(is_important=True, start_date=datetime.date(2022, 3, 31))
    )
    april = DocumentFactory(
        meeting=MeetingFactory(is_important=True, start_date=datetime.date(2022, 4, 1))
    )
    deliver(march, R)
    deliver(april, N)
    series = calc.get(calc.OFFICIAL).series([FY14, FY15])
    assert (series[FY14].numerator, series[FY14].denominator) == (1, 1)
    assert (series[FY15].numerator, series[FY15].denominator) == (0, 1)
    assert series[FY15].value == Decimal("0.0")  # a real 0 %: there was something to count


def test_series_is_one_query_per_calculation_whatever_the_years(django_assert_num_queries):
    deliver(DocumentFactory(), R)
    years = [FiscalYear(y) for y in range(2005, 2030)]
    with django_assert_num_queries(2):  # the figures, and the records awaiting approval
        calc.get(calc.OFFICIAL).series(years)


def test_important_meetings_with_participation():
    attended = MeetingFactory(is_important=True)
    EngagementFactory(meeting=attended, forum=attended.forum)
    returned = MeetingFactory(is_important=True)
    EngagementFactory(meeting=returned, forum=returned.forum, status=Engagement.Status.RETURNED)
    ordinary = MeetingFactory(is_important=False)
    EngagementFactory(meeting=ordinary, forum=ordinary.forum)
    figures = calc.get(calc.MEETINGS).figures_for(FY14)
    assert (figures.numerator, figures.denominator, figures.value) == (1, 2, Decimal(1))
    assert list(records(calc.MEETINGS, calc.NUMERATOR)) == [attended]


def test_leadership_roles_held():
    for role in ("chair", "co_chair", "rapporteur", "host", "vice_chair"):
        EngagementFactory(kind=Engagement.Kind.LEADERSHIP, leadership_role=role)
    EngagementFactory()
    EngagementFactory(
        kind=Engagement.Kind.LEADERSHIP, leadership_role="chair", status=Engagement.Status.SUBMITTED
    )
    figures = calc.get(calc.LEADERSHIP).figures_for(FY14)
    assert (figures.numerator, figures.denominator) == (4, 6)
    assert figures.value == Decimal(4)
    assert figures.awaiting == 1
    assert records(calc.LEADERSHIP, calc.NUMERATOR).count() == 4


def test_delivered_positions_reflected():
    engagement = EngagementFactory()
    for outcome in (R, R, P, N, W):
        PositionFactory(engagement=engagement, outcome=outcome)
    PositionFactory(engagement=EngagementFactory(status=Engagement.Status.RETURNED), outcome=N)
    figures = calc.get(calc.POSITIONS).figures_for(FY14)
    assert (figures.numerator, figures.denominator) == (2, 4)
    assert figures.value == Decimal("50.0")
    assert figures.lenient_value == Decimal("75.0")
    assert figures.pending == 1


def test_transfer_payment_authorities_spent():
    AmountFactory(fiscal_year=2021, authorized=Decimal("1000"), actual=Decimal("900"))
    AmountFactory(fiscal_year=2021, authorized=Decimal("3000"), actual=Decimal("2700"))
    AmountFactory(fiscal_year=2021, authorized=Decimal("5000"), actual=None)  # not known yet
    AmountFactory(
        fiscal_year=2021,
        authorized=Decimal("5000"),
        actual=Decimal("0"),
        agreement__status="draft",  # not committed money
    )
    AmountFactory(fiscal_year=2022, authorized=Decimal("1000"), actual=Decimal("1000"))
    figures = calc.get(calc.FUNDING).figures_for(FY14)
    assert (figures.numerator, figures.denominator) == (Decimal("3600"), Decimal("4000"))
    assert figures.value == Decimal("90.0")
    assert records(calc.FUNDING, calc.NUMERATOR).count() == 2


def test_transfer_payment_share_from_the_real_figures():
    """2014-15 from GC InfoBase: IOM 1,871,744 / 1,871,744; grant 349,765 / 350,000;
    ITF 42,648 / 44,450 → 2,264,157 / 2,266,194 = 99.9 %."""
    figures = calc.get(calc.FUNDING).figures_for(FiscalYear(2014))
    assert (figures.numerator, figures.denominator) == (Decimal("2264157"), Decimal("2266194"))
    assert figures.value == Decimal("99.9")


def test_transfer_payment_share_not_available_without_authorities():
    assert calc.get(calc.FUNDING).figures_for(FiscalYear(2025)).value is None


def test_partner_organizations_engaged_counts_distinct():
    iom, unhcr = OrganizationFactory(), OrganizationFactory()
    first, second = EngagementFactory(), EngagementFactory()
    first.partners.add(iom, unhcr)
    second.partners.add(iom)
    EngagementFactory(status=Engagement.Status.DRAFT).partners.add(OrganizationFactory())
    figures = calc.get(calc.ORGANIZATIONS).figures_for(FY14)
    assert (figures.numerator, figures.denominator, figures.value) == (2, 2, Decimal(2))
    assert set(records(calc.ORGANIZATIONS, calc.NUMERATOR)) == {iom, unhcr}
