"""Status rules for every seeking_to and target type."""

from decimal import Decimal

import pytest

from core.fiscal import FiscalYear
from indicators.models import Status, Target
from indicators.status import meets_target, status_for, target_in_force

D = Decimal
NOW = FiscalYear(2026)
PAST, CURRENT, FUTURE = FiscalYear(2020), NOW, FiscalYear(2027)


def target(kind, low=None, high=None, year=2017, narrative=""):
    return Target(
        fiscal_year=year,
        target_type=kind,
        target_min=low,
        target_max=high,
        narrative_en=narrative,
        narrative_fr=narrative,
    )


@pytest.mark.parametrize(
    ("kind", "low", "high", "seeking", "value", "expected"),
    [
        ("percent", D(90), D(90), "increase", D("90.0"), True),
        ("percent", D(90), D(90), "increase", D("89.9"), False),
        ("percent", D(10), D(10), "decrease", D("10.0"), True),
        ("percent", D(10), D(10), "decrease", D("10.1"), False),
        ("percent", D(50), D(50), "target", D("50"), True),
        ("percent", D(50), D(50), "target", D("51"), False),
        ("num", D(12), None, "increase", D(12), True),
        ("num", D(12), None, "increase", D(11), False),
        ("num", D(12), None, "decrease", D(13), False),
        ("num", None, D(5), "decrease", D(5), True),
        ("num", D(7), D(7), "target", D(7), True),
        ("percent_range", D(80), D(95), "target", D(85), True),
        ("percent_range", D(80), D(95), "target", D(96), False),
        ("percent_range", D(80), D(95), "increase", D(96), True),
        ("percent_range", D(80), D(95), "increase", D(79), False),
        ("percent_range", D(80), D(95), "decrease", D(79), True),
        ("num_range", D(3), D(6), "target", D(2), False),
        ("num_range", D(3), D(6), "target", D(6), True),
        ("num_range", D(3), D(6), "decrease", D(7), False),
        ("text", None, None, "increase", D(100), None),
        ("tbd", None, None, "increase", D(100), None),
    ],
)
def test_meets_target(kind, low, high, seeking, value, expected):
    assert meets_target(value, target(kind, low, high), seeking) is expected


def test_no_value_or_no_target_cannot_be_compared():
    assert meets_target(None, target("percent", D(90), D(90)), "increase") is None
    assert meets_target(D(95), None, "increase") is None


@pytest.mark.parametrize(
    ("year", "value", "expected"),
    [
        (PAST, D(95), Status.MET),
        (PAST, D(85), Status.NOT_MET),
        (PAST, None, Status.NOT_AVAILABLE),
        (CURRENT, D(95), Status.ON_TRACK),
        (CURRENT, D(85), Status.AT_RISK),
        (CURRENT, None, Status.NOT_AVAILABLE),
        (FUTURE, D(95), Status.FUTURE),
        (FUTURE, None, Status.FUTURE),
    ],
)
def test_status_by_period(year, value, expected):
    ninety = target("percent", D(90), D(90))
    assert (
        status_for(year=year, value=value, target=ninety, seeking_to="increase", today_year=NOW)
        == expected
    )


def test_text_target_is_not_available_from_a_number():
    narrative = target("text", narrative="Canada chairs the ATCR")
    assert (
        status_for(year=PAST, value=D(1), target=narrative, seeking_to="target", today_year=NOW)
        == Status.NOT_AVAILABLE
    )


def test_target_in_force():
    t2017, t2020 = target("percent", D(90), D(90), 2017), target("percent", D(95), D(95), 2020)
    targets = [t2020, t2017]
    assert target_in_force(targets, FiscalYear(2017)) is t2017
    assert target_in_force(targets, FiscalYear(2019)) is t2017  # stands until replaced
    assert target_in_force(targets, FiscalYear(2024)) is t2020
    assert target_in_force(targets, FiscalYear(2014)) is t2017  # the first target, before it
    assert target_in_force([], FiscalYear(2014)) is None
