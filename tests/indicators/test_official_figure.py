"""The official figure as the department reports it, its counts and flags, and the real 2016-17
result from GC InfoBase (issue 11)."""

import csv
import datetime
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.fiscal import FiscalYear
from indicators import calculations as calc
from indicators.models import Result
from tests.exports import read_csv
from tests.indicators.records import YEAR, DocumentFactory, MeetingFactory, deliver

pytestmark = pytest.mark.django_db

FY = FiscalYear(YEAR)
CODE = "NI050-0377-2017"
R, N, W = "reflected", "not_reflected", "pending"
EXTRACT = "infobase-program-4.3-indicator-drr16.csv"
VENDORED = Path(__file__).parent / "data" / EXTRACT
SHARED = Path(settings.BASE_DIR).parent.parent / "shared" / "data" / EXTRACT


def official():
    return calc.get(calc.OFFICIAL).figures_for(FY)


def twenty_one_meetings_nineteen_favourable():
    for i in range(21):
        meeting = MeetingFactory(
            start_date=datetime.date(YEAR, 5, 1) + datetime.timedelta(days=7 * i)
        )
        deliver(DocumentFactory(meeting=meeting), R if i < 19 else N)


def test_nineteen_of_twenty_one_reads_as_the_department_reports_it(manager_client):
    twenty_one_meetings_nineteen_favourable()
    figures = official()
    assert (figures.numerator, figures.denominator, figures.value) == (19, 21, Decimal("90"))
    assert (figures.meetings_attended, figures.meetings_favourable) == (21, 19)
    response = manager_client.get(reverse("dashboard"), {"year": FY.slug})
    html = response.content.decode()
    assert ">19</a> of <a" in html and ">21</a> outcome documents" in html
    assert ">90%<" in html
    assert "Rounded to a whole number, as GC InfoBase publishes it." in html
    assert "with outcomes favourable to Canada" in html
    french = manager_client.get("/fr/", {"year": FY.slug}).content.decode()
    assert ">90\xa0%<" in french


def test_a_document_from_a_meeting_identified_late_is_flagged_and_listed(manager_client):
    late = MeetingFactory(
        importance_decided_on=datetime.date(YEAR, 5, 20), importance_reason="Agenda changed."
    )
    deliver(DocumentFactory(meeting=late), R)
    deliver(DocumentFactory(), R)
    figures = official()
    assert figures.late == 1
    url = reverse("indicators:indicator_records", args=[CODE, FY, calc.LATE])
    response = manager_client.get(url)
    assert response.context["table"].paginator.count == 1
    denominator = manager_client.get(
        reverse("indicators:indicator_records", args=[CODE, FY, calc.DENOMINATOR]),
        {"_export": "csv"},
    )
    _title, rows = read_csv(denominator)
    flag = rows[0].index("Identified after the meeting began")
    assert sorted(row[flag] for row in rows[1:]) == ["No", "Yes"]
    dashboard = manager_client.get(reverse("dashboard"), {"year": FY.slug}).content.decode()
    assert url in dashboard
    summary = manager_client.get(
        reverse("dashboard"), {"year": FY.slug, "_export": "csv", "_table": "indicators"}
    )
    _title, table = read_csv(summary)
    column = table[0].index("Counted from meetings identified after the meeting began")
    assert next(row for row in table[1:] if row[0] == CODE)[column] == "1"


def test_meeting_counts_drill_down_to_meetings():
    twenty_one_meetings_nineteen_favourable()
    pending = MeetingFactory(start_date=datetime.date(YEAR, 12, 1))
    deliver(DocumentFactory(meeting=pending), R, W)
    calculation = calc.get(calc.OFFICIAL)
    attended = calculation.records(FY, calc.MEETINGS_ATTENDED)
    favourable = calculation.records(FY, calc.MEETINGS_FAVOURABLE)
    assert attended.count() == official().meetings_attended == 22
    assert favourable.count() == official().meetings_favourable == 19
    assert pending in attended and pending not in favourable


# --- the real 2016-17 result ----------------------------------------------------------------------


def extract_lines(path=VENDORED) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_the_2016_17_result_is_recorded_from_drr16():
    result = Result.objects.get(indicator__code=CODE, fiscal_year=2016)
    assert (result.value, result.status, result.source) == (Decimal(90), "met", "drr16")
    assert result.explanation_en.startswith(
        "In 2016–2017, IRCC attended 21 meetings identified as important, of which 19"
    )
    assert result.explanation_fr.startswith("En 2016-2017, IRCC a assisté à 21 réunions")


def test_the_drr16_row_round_trips_exactly_through_the_infobase_export(manager_client):
    header, data = extract_lines()
    if SHARED.exists():  # the vendored copy is the shared extract, byte for byte
        assert extract_lines(SHARED) == [header, data]
    response = manager_client.get(reverse("indicators:infobase_export"))
    lines = response.content.decode().splitlines()
    assert lines[0] == header
    assert data in lines[1:]
    row = next(csv.reader([data]))
    assert dict(zip(next(csv.reader([header])), row, strict=True))["doc"] == "drr16"


@pytest.mark.parametrize(
    ("lang", "explanation", "source"),
    [
        ("en", "IRCC attended 21 meetings identified as important", "drr16: Departmental Results"),
        (
            "fr",
            "IRCC a assisté à 21 réunions jugées importantes",
            "drr16\xa0: Rapport sur les résultats",
        ),
    ],
)
def test_the_indicator_page_and_report_show_it(manager_client, lang, explanation, source):
    year = FiscalYear(2016)
    page = manager_client.get(f"/{lang}/indicators/{CODE}/{year.slug}/").content.decode()
    assert explanation in page and source in page
    assert "19" in page and "21" in page
    report = manager_client.get(f"/{lang}/indicators/report/", {"year": year.slug})
    assert explanation in report.content.decode()
    assert source in report.content.decode()


# --- traced all the way down ----------------------------------------------------------------------


def test_each_document_links_to_its_positions_with_outcome_note_officer_and_evidence(
    manager_client, django_assert_num_queries
):
    from tests.engagements.factories import EvidenceFactory

    document = DocumentFactory()
    engagement = deliver(document, R, N)
    engagement.positions.update(outcome_note="Taken up in para. 4.")
    EvidenceFactory(engagement=engagement, original_name="statement-canada.pdf")
    numerator = manager_client.get(
        reverse("indicators:indicator_records", args=[CODE, FY, calc.DENOMINATOR])
    ).content.decode()
    url = reverse("indicators:document_positions", args=[document.pk])
    assert url in numerator
    response = manager_client.get(url)
    html = response.content.decode()
    assert response.context["table"].paginator.count == 2
    assert "Taken up in para. 4." in html and "statement-canada.pdf" in html
    assert engagement.get_absolute_url() in html
    assert engagement.lead_officer.get_full_name() in html
    with django_assert_num_queries(POSITIONS_QUERIES):
        manager_client.get(url)
    for _extra in range(5):
        deliver(document, R)
    with django_assert_num_queries(POSITIONS_QUERIES):
        manager_client.get(url)


# session, user, permissions, navigation badge, the document, the count, the rows with their
# engagements, officers, meetings and forums, their evidence: the same for 2 or 7 positions
POSITIONS_QUERIES = 13


def test_the_meeting_page_lists_documents_with_the_positions_the_reader_may_see(
    officer_client, other_officer
):
    from engagements.models import Engagement

    document = DocumentFactory()
    deliver(document, R)  # approved: everyone sees it
    hidden = deliver(document, N, status=Engagement.Status.DRAFT)
    hidden.lead_officer = hidden.created_by = other_officer
    hidden.save()
    html = officer_client.get(document.meeting.get_absolute_url()).content.decode()
    assert reverse("indicators:document_positions", args=[document.pk]) in html
    assert "Reflected" in html and "Not reflected" not in html
    positions = officer_client.get(reverse("indicators:document_positions", args=[document.pk]))
    assert positions.context["table"].paginator.count == 1


# --- recording and revising results ---------------------------------------------------------------

CLOSED = FiscalYear(2019)


def record_page(client, year=CLOSED):
    return client.get(reverse("indicators:record_result", args=[CODE, year]))


def test_the_record_form_warns_of_pending_and_unapproved_and_drafts_the_explanation(
    manager_client,
):
    from engagements.models import Engagement

    for i in range(3):
        meeting = MeetingFactory(start_date=datetime.date(2019, 6, 1 + i))
        deliver(DocumentFactory(meeting=meeting), R if i < 2 else N)
    deliver(DocumentFactory(meeting=MeetingFactory(start_date=datetime.date(2019, 9, 1))), W)
    deliver(DocumentFactory(), R, status=Engagement.Status.SUBMITTED)  # 2021-22: another year
    deliver(
        DocumentFactory(meeting=MeetingFactory(start_date=datetime.date(2019, 10, 1))),
        R,
        status=Engagement.Status.SUBMITTED,
    )
    response = record_page(manager_client)
    html = response.content.decode()
    assert "1 counted record still awaits its outcome" in html
    assert "1 engagement is submitted and not yet approved" in html
    assert reverse("indicators:indicator_records", args=[CODE, CLOSED, "awaiting"]) in html
    form = response.context["form"]
    assert form.initial["explanation_en"] == (
        "In 2019-20, IRCC attended 4 meetings identified as important, of which 2 resulted in "
        "outcomes favourable to Canadian positions."
    )
    assert form.initial["explanation_fr"].startswith(
        "En 2019-2020, IRCC a assisté à 4 réunions jugées importantes, dont 2 ont permis"
    )


def test_a_recorded_result_shows_instead_of_the_form_and_revises_with_a_reason(manager_client):
    deliver(DocumentFactory(meeting=MeetingFactory(start_date=datetime.date(2019, 6, 1))), R)
    url = reverse("indicators:record_result", args=[CODE, CLOSED])
    assert (
        manager_client.post(url, {"explanation_en": "All.", "explanation_fr": "Tout."}).status_code
        == 302
    )
    response = record_page(manager_client)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("indicators:indicator_year", args=[CODE, CLOSED])
    deliver(DocumentFactory(meeting=MeetingFactory(start_date=datetime.date(2019, 7, 1))), N)
    revise = reverse("indicators:revise_result", args=[CODE, CLOSED])
    refused = manager_client.post(revise, {"explanation_en": "Half.", "explanation_fr": "Moitié."})
    assert refused.status_code == HTTPStatus.OK
    assert "There is a problem to fix" in refused.content.decode()
    assert Result.objects.get(indicator__code=CODE, fiscal_year=2019).value == Decimal(100)
    done = manager_client.post(
        revise,
        {"reason": "A late outcome.", "explanation_en": "Half.", "explanation_fr": "Moitié."},
    )
    assert done.status_code == HTTPStatus.FOUND
    result = Result.objects.get(indicator__code=CODE, fiscal_year=2019)
    assert (result.value, result.revision_reason) == (Decimal(50), "A late outcome.")
    assert [v.value for v in result.history.all()] == [Decimal(50), Decimal(100)]
    page = manager_client.get(reverse("indicators:indicator_year", args=[CODE, CLOSED]))
    html = page.content.decode()
    assert "A late outcome." in html and "Every version of this result" in html
    export = manager_client.get(reverse("indicators:infobase_export")).content.decode()
    row = next(line for line in export.splitlines() if '"2019-20"' in line and CODE in line)
    assert '"50%"' in row and '"Half."' in row  # the latest version


def test_revising_the_drr16_result_keeps_its_source_and_history(manager_client, manager):
    from indicators.services import revise_result

    result = Result.objects.get(indicator__code=CODE, fiscal_year=2016)
    with pytest.raises(ValidationError):
        revise_result(
            result=result, revised_by=manager, reason=" ", explanation_en="x", explanation_fr="y"
        )
    result.refresh_from_db()
    assert result.published["doc"] == "drr16"
