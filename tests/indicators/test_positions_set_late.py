"""The official figure and positions set before the outcome (issue 11, point 3): outcomes recorded
and not yet approved count as pending; positions set after the meeting are counted and flagged on
the dashboard, the drill-downs, the document and engagement pages and in every export."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from core.fiscal import FiscalYear
from engagements import services
from engagements.models import Engagement
from indicators import calculations as calc
from tests.exports import read_csv
from tests.indicators.records import YEAR, DocumentFactory, deliver

pytestmark = pytest.mark.django_db

FY = FiscalYear(YEAR)
CODE = "NI050-0377-2017"
REASON = "Entered from the delegation report, after the session."


def official(year=FY):
    return calc.get(calc.OFFICIAL).figures_for(year)


def flagged_and_plain():
    """Two documents counted for the year: one with a position set after the meeting."""
    late_document = DocumentFactory()
    engagement = deliver(late_document, "reflected", "reflected")
    first = engagement.positions.order_by("pk").first()
    services.flag_position_set_late(first, reason=REASON)
    first.save()
    deliver(DocumentFactory(), "reflected")
    return late_document, engagement, first


def test_the_figure_counts_positions_set_after_the_meeting():
    flagged_and_plain()
    figures = official()
    assert (figures.numerator, figures.denominator) == (2, 2)
    assert figures.set_late == 1
    # the drill-down lists exactly the positions the count says
    rows = calc.get(calc.OFFICIAL).records(FY, calc.SET_LATE)
    assert rows.count() == figures.set_late
    assert rows.get().set_late_reason == REASON


def test_a_flagged_position_shows_in_the_dashboard_count_and_its_export(manager_client):
    flagged_and_plain()
    url = reverse("indicators:indicator_records", args=[CODE, FY, calc.SET_LATE])
    dashboard = manager_client.get(reverse("dashboard"), {"year": FY.slug}).content.decode()
    assert "1 position behind the figure was set after the meeting" in dashboard
    assert url in dashboard
    summary = manager_client.get(
        reverse("dashboard"), {"year": FY.slug, "_export": "csv", "_table": "indicators"}
    )
    _title, table = read_csv(summary)
    column = table[0].index("Positions behind the figure set after the meeting")
    assert next(row for row in table[1:] if row[0] == CODE)[column] == "1"
    french = manager_client.get("/fr/", {"year": FY.slug}).content.decode()
    assert "1 position derrière le chiffre a été fixée après la réunion" in french


def test_a_flagged_position_shows_in_the_drill_downs_and_their_exports(manager_client):
    late_document, _engagement, _first = flagged_and_plain()
    url = reverse("indicators:indicator_records", args=[CODE, FY, calc.SET_LATE])
    response = manager_client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response.context["table"].paginator.count == 1
    html = response.content.decode()
    assert REASON in html
    assert "added or changed after the meeting ended" in html  # the caption says what it lists
    _title, rows = read_csv(manager_client.get(url, {"_export": "csv"}))
    assert rows[0][rows[0].index("Set after the meeting")] == "Set after the meeting"
    assert rows[1][rows[0].index("Set after the meeting")] == "Yes"
    assert rows[1][rows[0].index("Why it was set after the meeting")] == REASON
    # the documents behind the numerator count their flagged positions
    _title, documents = read_csv(
        manager_client.get(
            reverse("indicators:indicator_records", args=[CODE, FY, calc.NUMERATOR]),
            {"_export": "csv"},
        )
    )
    column = documents[0].index("Set after the meeting")
    titles = documents[0].index("Outcome document")
    counts = {row[titles]: row[column] for row in documents[1:]}
    assert counts[str(late_document.title)] == "1"
    assert sorted(counts.values()) == ["0", "1"]


def test_a_flagged_position_shows_on_the_document_engagement_and_meeting_pages(manager_client):
    late_document, engagement, _first = flagged_and_plain()
    url = reverse("indicators:document_positions", args=[late_document.pk])
    response = manager_client.get(url)
    html = response.content.decode()
    assert REASON in html and "Positions set after the meeting are flagged" in html
    _title, rows = read_csv(manager_client.get(url, {"_export": "csv"}))
    flags = [row[rows[0].index("Set after the meeting")] for row in rows[1:]]
    assert sorted(flags) == ["No", "Yes"]
    detail = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert REASON in detail
    meeting = manager_client.get(late_document.meeting.get_absolute_url()).content.decode()
    assert REASON in meeting


def test_the_positions_export_carries_the_flag_and_its_reason(manager_client):
    flagged_and_plain()
    response = manager_client.get(reverse("engagements:positions_export"), {"_export": "csv"})
    _title, rows = read_csv(response)
    header = rows[0]
    flags = sorted(
        (
            row[header.index("Set after the meeting")],
            row[header.index("Why it was set after the meeting")],
        )
        for row in rows[1:]
    )
    assert flags == [("No", ""), ("No", ""), ("Yes", REASON)]


# --- outcomes recorded and not yet approved ------------------------------------------------------


def mandate_with_recorded_outcomes(officer, manager):
    """A mandate approved before its meeting; the meeting is now over (its dates, relative to
    today, moved through the ORM) and the officer has recorded a reflected outcome."""
    today = timezone.localdate()
    document = DocumentFactory(
        meeting__start_date=today - datetime.timedelta(days=9),
        meeting__end_date=today - datetime.timedelta(days=7),
    )
    engagement = deliver(
        document,
        "pending",
        engagement=Engagement.objects.create(
            kind=Engagement.Kind.MEETING,
            meeting=document.meeting,
            forum=document.meeting.forum,
            start_date=document.meeting.start_date,
            end_date=document.meeting.end_date,
            lead_officer=officer,
            created_by=officer,
            summary="Mandate.",
            status=Engagement.Status.APPROVED,
            outcome_step=Engagement.OutcomeStep.AWAITING,
        ),
    )
    engagement.positions.update(outcome="reflected")
    return document, engagement


def test_outcomes_recorded_and_not_yet_approved_count_as_pending(officer, manager, manager_client):
    document, engagement = mandate_with_recorded_outcomes(officer, manager)
    year = document.meeting.year
    engagement = services.submit_outcomes(engagement=engagement, actor=officer)
    figures = official(year)
    assert (figures.numerator, figures.denominator, figures.pending) == (0, 0, 1)
    assert figures.awaiting == 1
    pending = manager_client.get(
        reverse("indicators:indicator_records", args=[CODE, year, calc.PENDING])
    ).content.decode()
    assert "recorded and not yet approved" in pending
    awaiting = manager_client.get(
        reverse("indicators:indicator_records", args=[CODE, year, "awaiting"])
    )
    assert awaiting.context["table"].paginator.count == 1
    assert "approved mandates whose outcomes are submitted" in awaiting.content.decode()
    positions = manager_client.get(
        reverse("indicators:document_positions", args=[document.pk])
    ).content.decode()
    assert "Reflected (awaiting approval: counted as pending)" in positions

    services.approve_outcomes(engagement=engagement, actor=manager)
    figures = official(year)
    assert (figures.numerator, figures.denominator, figures.pending) == (1, 1, 0)
    assert figures.awaiting == 0


def test_the_dashboard_says_which_records_awaiting_are_outcomes(officer, manager, manager_client):
    document, engagement = mandate_with_recorded_outcomes(officer, manager)
    services.submit_outcomes(engagement=engagement, actor=officer)
    year = document.meeting.year
    html = manager_client.get(reverse("dashboard"), {"year": year.slug}).content.decode()
    assert "1 of them is an approved mandate whose outcomes" in html
