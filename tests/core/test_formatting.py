"""Numbers, money, percentages and fiscal years per language (1 234 567,89 $ in French)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core import formatting
from core.fiscal import FiscalYear
from core.formatting import fiscal_year_label as fiscal_year
from core.formatting import money, percent

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("en", Decimal("1234567.89"), "$1,234,567.89"),
        ("fr", Decimal("1234567.89"), f"1{NBSP}234{NBSP}567,89{NBSP}$"),
        ("en", Decimal("-1500"), "-$1,500.00"),
        ("fr", Decimal("-1500"), f"-1{NBSP}500,00{NBSP}$"),
        ("en", 0, "$0.00"),
        ("fr", "250000", f"250{NBSP}000,00{NBSP}$"),
    ],
)
def test_money(lang, value, expected):
    with translation.override(lang):
        assert money(value) == expected


def test_money_without_cents_and_empty():
    with translation.override("fr"):
        assert money(Decimal("2400000"), 0) == f"2{NBSP}400{NBSP}000{NBSP}$"
        assert money(None) == "—"


@pytest.mark.parametrize(("lang", "expected"), [("en", "87.5%"), ("fr", f"87,5{NBSP}%")])
def test_percent(lang, expected):
    with translation.override(lang):
        assert percent(Decimal("87.5")) == expected


def test_fiscal_year_filter():
    with translation.override("fr"):
        assert fiscal_year(2013) == "2013-2014"
        assert fiscal_year(FiscalYear(2016)) == "2016-2017"
    with translation.override("en"):
        assert fiscal_year(2013) == "2013-14"
    assert fiscal_year(None) == "—"


def test_templates_format_numbers_and_dates_per_language():
    import datetime

    template = Template(
        '{% load portal %}{{ amount|money }}|{{ big }}|{{ day|date:"DATE_FORMAT" }}'
    )
    context = Context(
        {"amount": Decimal("1234567.89"), "big": 1234567, "day": datetime.date(2014, 5, 14)}
    )
    with translation.override("fr"):
        assert template.render(context) == (
            f"1{NBSP}234{NBSP}567,89{NBSP}$|1{NBSP}234{NBSP}567|14 mai 2014"
        )
    with translation.override("en"):
        assert template.render(context) == "$1,234,567.89|1,234,567|14 May 2014"


# --- one rounding rule (core.formatting): half up, in decimal ---------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("72.45"), 1, Decimal("72.5")),  # half-even would give 72.4
        (Decimal("72.55"), 1, Decimal("72.6")),
        (Decimal("0.125"), 2, Decimal("0.13")),  # half-even would give 0.12
        (Decimal("-2.5"), 0, Decimal("-3")),
        (2.675, 2, Decimal("2.68")),  # a float is read as its shortest decimal, not 2.67499...
    ],
)
def test_rounded_is_half_up(value, places, expected):
    assert formatting.rounded(value, places) == expected


def test_written_figures_round_rather_than_cut_off():
    # Django's number_format cuts extra decimals off (73.68 → "73.6"): the portal rounds first
    with translation.override("en"):
        assert percent(Decimal("73.68")) == "73.7%"
        assert percent(Decimal("72.45")) == "72.5%"
        assert money(Decimal("0.125")) == "$0.13"
        assert formatting.number(Decimal("1234.565")) == "1,234.57"
    with translation.override("fr"):
        assert percent(Decimal("72.45")) == f"72,5{NBSP}%"


@pytest.mark.django_db
def test_funding_dashboard_and_funding_summary_agree_on_a_half(manager_client):
    """289.80 of 400 is 72.45 %: the dashboard's share and the agreement's percentage used
    (the funding summary's figures) both read 72.5 %, never one 72.4 and the other 72.5."""
    from django.urls import reverse

    from indicators.selectors import share
    from partners.selectors import lapse_percent, used_percent
    from tests.indicators.records import YEAR, AmountFactory

    authorized, actual = Decimal("400"), Decimal("289.80")
    assert share(actual, authorized) == used_percent(authorized, actual) == Decimal("72.5")
    assert lapse_percent(authorized, actual) == Decimal("27.6")  # 27.55, half up
    amount = AmountFactory(fiscal_year=YEAR, authorized=authorized, actual=actual)
    assert amount.percent_used == Decimal("72.5")
    year = FiscalYear(YEAR)
    dashboard = manager_client.get(reverse("indicators:funding_dashboard"), {"year": year.slug})
    assert dashboard.context["share_text"] == "72.5%"
    detail = manager_client.get(amount.agreement.get_absolute_url()).content.decode()
    assert "72.5%" in detail and "72.4%" not in detail
