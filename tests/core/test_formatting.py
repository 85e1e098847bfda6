"""Numbers, money, percentages and fiscal years per language (1 234 567,89 $ in French)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.fiscal import FiscalYear
from core.templatetags.portal import fiscal_year, money, percent

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
