"""Government of Canada fiscal years: 1 April to 31 March, "2013-14" / « 2013-2014 »."""

import datetime

import pytest
from django.utils import translation

from core.fiscal import FiscalYear, FiscalYearConverter, fiscal_year_range


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (datetime.date(2014, 3, 31), 2013),
        (datetime.date(2014, 4, 1), 2014),
        (datetime.date(2013, 1, 1), 2012),
        (datetime.date(2013, 12, 31), 2013),
    ],
)
def test_from_date_turns_on_1_april(day, start_year):
    assert FiscalYear.from_date(day) == FiscalYear(start_year)


def test_bounds_and_contains():
    year = FiscalYear(2013)
    assert (year.start, year.end) == (datetime.date(2013, 4, 1), datetime.date(2014, 3, 31))
    assert year.contains(datetime.date(2014, 3, 31))
    assert not year.contains(datetime.date(2014, 4, 1))
    assert not year.contains(datetime.date(2013, 3, 31))
    assert year.next() == FiscalYear(2014) and year.previous() == FiscalYear(2012)


def test_labels_per_language():
    year = FiscalYear(2013)
    assert (year.label_en, year.label_fr, year.slug) == ("2013-14", "2013-2014", "2013-14")
    with translation.override("fr"):
        assert str(year) == "2013-2014"
    with translation.override("en"):
        assert str(year) == "2013-14"
    assert FiscalYear(1999 + 1).label_en == "2000-01"
    assert FiscalYear(2099).label_en == "2099-00"


@pytest.mark.parametrize(
    ("label", "start_year"),
    [("2013-14", 2013), ("2013-2014", 2013), (" 2016-17 ", 2016), ("2099-00", 2099)],
)
def test_parse(label, start_year):
    assert FiscalYear.parse(label) == FiscalYear(start_year)


@pytest.mark.parametrize(
    "label", ["2013-15", "2013-2015", "13-14", "2013", "2013/14", "", "abcd-ef", "1999-00"]
)
def test_parse_rejects_anything_else(label):
    with pytest.raises(ValueError):
        FiscalYear.parse(label)


def test_out_of_range_years_are_refused():
    with pytest.raises(ValueError):
        FiscalYear(1999)
    with pytest.raises(ValueError):
        FiscalYear(2101)


def test_ordering_and_range():
    assert FiscalYear(2012) < FiscalYear(2013)
    assert [y.label_en for y in fiscal_year_range(2012, 2016)] == [
        "2012-13",
        "2013-14",
        "2014-15",
        "2015-16",
        "2016-17",
    ]


def test_url_converter_round_trip():
    converter = FiscalYearConverter()
    assert converter.to_python("2013-14") == FiscalYear(2013)
    assert converter.to_url(FiscalYear(2013)) == "2013-14"
    assert converter.to_url("2013-2014") == "2013-14"
    with pytest.raises(ValueError):  # a malformed year in a URL is a 404
        converter.to_python("2013-15")


def test_url_converter_in_a_url_pattern():
    import re

    from django.urls import path
    from django.urls.resolvers import URLPattern

    import config.urls  # noqa: F401  (registers the `fy` converter)

    pattern: URLPattern = path("results/<fy:year>/", lambda request, year: None)
    match = pattern.resolve("results/2014-15/")
    assert match.kwargs == {"year": FiscalYear(2014)}
    assert pattern.resolve("results/2014-16/") is None
    assert pattern.resolve("results/2014-2015/") is None
    assert re.fullmatch(FiscalYearConverter.regex, "2014-15")


def test_one_fiscal_year_choices_for_filters_and_forms(monkeypatch):
    from core import fiscal

    monkeypatch.setattr(fiscal.FiscalYear, "current", classmethod(lambda cls: cls(2016)))
    choices = fiscal.fiscal_year_choices()
    # the lists' filters: from 2012-13 to next year, newest first, the slug as the value
    assert choices[0] == ("2017-18", "2017-18")
    assert choices[-1] == ("2012-13", "2012-13")
    assert len(choices) == 6
    # a form field of a fiscal_year column: the start year, labelled in the active language
    with translation.override("fr"):
        stored = fiscal.fiscal_year_choices(fiscal_year_range(2005, 2006), stored=True)
    assert stored == [(2005, "2005-2006"), (2006, "2006-2007")]
