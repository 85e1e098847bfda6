"""The dashboards and indicator pages: figures, drill-downs, exports, recording results, bad input."""

import csv
import io
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.fiscal import FiscalYear
from indicators import calculations as calc
from indicators.models import Result, Target
from indicators.services import record_result
from tests.exports import read_csv
from tests.indicators.factories import ResultFactory, TargetFactory, official
from tests.indicators.records import (
    YEAR,
    DocumentFactory,
    EngagementFactory,
    MeetingFactory,
    deliver,
)

pytestmark = pytest.mark.django_db

FY = FiscalYear(YEAR)
CODE = "NI050-0377-2017"
R, P, N, W = "reflected", "partially_reflected", "not_reflected", "pending"


def some_records():
    deliver(DocumentFactory(), R, R)
    deliver(DocumentFactory(), R, P)
    deliver(DocumentFactory(), N)
    deliver(DocumentFactory(), W)


def test_dashboard_is_the_home_page_with_the_official_figures(manager_client):
    some_records()
    response = manager_client.get(reverse("dashboard"), {"year": FY.slug})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Canadian positions on managed migration" in html
    assert "33%" in html  # strict: 1 of 3, a whole number as GC InfoBase publishes it
    assert "67%" in html  # lenient: 2 of 3 (methodology detail)
    assert "at least 90%" in html
    assert "Rounded to a whole number, as GC InfoBase publishes it." in html
    assert "Supplementary: the portal's own indicator" in html
    numerator = reverse("indicators:indicator_records", args=[CODE, FY, "numerator"])
    assert numerator in html


def test_dashboard_in_french(manager_client):
    some_records()
    response = manager_client.get("/fr/", {"year": FY.slug})
    assert response.status_code == HTTPStatus.OK
    assert "33\xa0%" in response.content.decode()


@pytest.mark.parametrize("year", ["2014-99", "abc", "1999-00", "2090-91"])
def test_dashboard_bad_year_is_a_clear_message(manager_client, year):
    response = manager_client.get(reverse("dashboard"), {"year": year})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "year-error" in response.content.decode()


@pytest.mark.parametrize("path", ["1990-91", "2090-91"])
def test_unknown_year_in_a_path_is_a_404(manager_client, path):
    response = manager_client.get(f"/en/indicators/{CODE}/{path}/")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_malformed_year_in_a_path_is_a_404(manager_client):
    assert manager_client.get(f"/en/indicators/{CODE}/2014-99/").status_code == 404
    assert manager_client.get(f"/en/indicators/{CODE}/{FY.slug}/nonsense/").status_code == 404


@pytest.mark.parametrize("key", sorted(calc.REGISTRY))
def test_every_drill_down_lists_exactly_what_the_figure_counts(manager_client, key):
    some_records()
    from tests.indicators.records import AmountFactory
    from tests.partners.factories import OrganizationFactory

    engagement = EngagementFactory(kind="leadership", leadership_role="chair")
    engagement.partners.add(OrganizationFactory(), OrganizationFactory())
    AmountFactory()
    from indicators.models import Indicator

    code = Indicator.objects.get(measurement=key).code
    calculation = calc.get(key)
    figures = calculation.figures_for(FY)
    for figure in calculation.figures:
        response = manager_client.get(
            reverse("indicators:indicator_records", args=[code, FY, figure])
        )
        assert response.status_code == HTTPStatus.OK
        count = response.context["table"].paginator.count
        expected = {
            calc.NUMERATOR: figures.numerator,
            calc.DENOMINATOR: figures.denominator,
            calc.LENIENT: figures.lenient_numerator,
            calc.PENDING: figures.pending,
        }.get(figure, figures.counts.get(figure))
        if calculation.is_money:
            total = sum(
                row.actual if figure == calc.NUMERATOR else row.authorized
                for row in response.context["table"].data
            )
            assert total == expected
        else:
            assert count == expected, (key, figure)


def test_awaiting_drill_down_shows_what_the_user_may_see(client, manager, officer):
    deliver(DocumentFactory(), R, status="submitted")
    url = reverse("indicators:indicator_records", args=[CODE, FY, "awaiting"])
    client.force_login(manager)
    assert client.get(url).context["table"].paginator.count == 1
    client.force_login(officer)  # another officer's submission is not theirs to see
    assert client.get(url).context["table"].paginator.count == 0


def test_dashboard_query_count_is_constant(client, manager, django_assert_max_num_queries):
    client.force_login(manager)
    url = reverse("dashboard") + f"?year={FY.slug}"
    some_records()
    client.get(url)  # warm up (sessions, content types)
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the figures computed, not read from the cache (tests/performance pins both)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(15):  # more forums, meetings, engagements, positions, fiscal years
        document = DocumentFactory(
            meeting=MeetingFactory(start_date=FY.start.replace(year=2013 + _))
        )
        deliver(document, R, N, P)
        EngagementFactory(kind="leadership", leadership_role="host")
    ResultFactory(fiscal_year=2019)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
    cache.clear()
    with django_assert_max_num_queries(31):
        client.get(url)


def test_forum_dashboard_counts_and_drill_downs(manager_client):
    document = DocumentFactory()
    deliver(document, R, N, W)
    MeetingFactory(forum=document.meeting.forum, is_important=False)
    response = manager_client.get(reverse("indicators:forum_dashboard"), {"year": FY.slug})
    (row,) = [
        r for r in response.context["table"].data.data if r["forum_pk"] == document.meeting.forum_id
    ]
    assert (row["meetings"], row["important_meetings"], row["engagements"]) == (2, 1, 1)
    assert (row["positions"], row["assessed"], row["reflected"]) == (3, 2, 1)
    assert row["share"] == Decimal("50.0")
    for figure in (
        "meetings",
        "important_meetings",
        "engagements",
        "positions",
        "assessed",
        "reflected",
    ):
        url = reverse("indicators:forum_records", args=[FY, document.meeting.forum_id, figure])
        assert manager_client.get(url).context["table"].paginator.count == row[figure]


def test_dashboard_tables_export(manager_client):
    response = manager_client.get(
        reverse("dashboard"), {"year": "2014-15", "_table": "resources", "_export": "csv"}
    )
    assert response.status_code == HTTPStatus.OK
    title, rows = read_csv(response)
    assert title.startswith("Program resources — Fiscal year: 2014-15 — downloaded on ")
    assert rows[0][0] == "Fiscal year"
    assert any(row[0] == "2014-15" and row[2] == "5898735" for row in rows)


def test_infobase_export_has_the_infobase_columns(manager_client, settings):
    from pathlib import Path

    response = manager_client.get(reverse("indicators:infobase_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    source = (
        Path(settings.BASE_DIR).parent / "shared" / "data" / "infobase-program-4.3-indicator.csv"
    )
    if source.exists():
        with open(source, encoding="utf-8") as handle:
            assert rows[0] == next(csv.reader(handle))
    official_row = next(row for row in rows[1:] if row[0] == CODE)
    header = rows[0]
    record = dict(zip(header, official_row, strict=True))
    assert record["result_id"] == "NR050-0051-2017"
    assert (record["target_min"], record["target_max"], record["doc"]) == ("90.0", "90.0", "dp17")
    assert record["target_type"] == "percent"


# --- recording results --------------------------------------------------------------------------


def record_url(year=FY):
    return reverse("indicators:record_result", args=[CODE, year])


def test_manager_records_a_result_and_it_stays_frozen(manager_client, manager):
    some_records()
    response = manager_client.post(
        record_url(),
        {"explanation_en": "One in three.", "explanation_fr": "Un sur trois."},
    )
    assert response.status_code == HTTPStatus.FOUND
    result = Result.objects.get(indicator__code=CODE, fiscal_year=YEAR)
    assert (result.value, result.numerator, result.denominator) == (
        Decimal("33"),
        Decimal(1),
        Decimal(3),
    )
    assert result.lenient_value == Decimal("67")
    assert result.recorded_by == manager
    assert result.status == "not_met"  # against the 90 % target in force since 2017-18
    deliver(DocumentFactory(), R)  # a late record
    page = manager_client.get(reverse("indicators:indicator_year", args=[CODE, FY]))
    html = page.content.decode()
    assert "The live calculation now gives 50%" in html
    assert "33%" in html


def test_a_result_recorded_twice_is_refused(manager_client, manager):
    ResultFactory()
    response = manager_client.post(
        record_url(), {"explanation_en": "Again.", "explanation_fr": "Encore."}
    )
    assert response.status_code == HTTPStatus.OK
    assert "already been recorded" in response.content.decode()
    assert Result.objects.filter(fiscal_year=YEAR).count() == 1


def test_an_explanation_missing_in_one_language_is_refused(manager_client):
    response = manager_client.post(record_url(), {"explanation_en": "Only English."})
    assert response.status_code == HTTPStatus.OK
    assert "Give the explanation in French." in response.content.decode()
    assert not Result.objects.exclude(source="drr16").exists()


def test_an_open_year_cannot_be_recorded(manager_client):
    response = manager_client.post(
        record_url(FiscalYear.current()), {"explanation_en": "x", "explanation_fr": "x"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "once the fiscal year has ended" in response.content.decode()
    assert not Result.objects.exclude(source="drr16").exists()


def test_officers_cannot_record(officer_client):
    response = officer_client.post(record_url(), {"explanation_en": "x", "explanation_fr": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_service_refuses_a_percentage_over_100_for_hand_entered_indicators(manager):
    indicator = official()
    indicator.measurement = "manual"
    with pytest.raises(ValidationError) as error:
        record_result(
            indicator=indicator,
            year=FY,
            recorded_by=manager,
            explanation_en="x",
            explanation_fr="x",
            value=Decimal("120"),
        )
    assert "value" in error.value.message_dict


# --- database invariants ---------------------------------------------------------------------------


def test_target_min_above_max_is_refused():
    target = Target(
        indicator=official(), fiscal_year=2030, target_type="num", target_min=5, target_max=3
    )
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "target_max" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        target.save()


def test_target_percentage_over_100_is_refused():
    target = Target(
        indicator=official(), fiscal_year=2030, target_type="percent", target_min=90, target_max=120
    )
    with pytest.raises(ValidationError):
        target.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        target.save()


def test_one_target_per_indicator_and_year():
    TargetFactory(fiscal_year=2030)
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(fiscal_year=2030)


def test_result_constraints():
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultFactory(value=Decimal("101"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultFactory(explanation_fr="")
    ResultFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultFactory()
