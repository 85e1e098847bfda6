"""Issue 13's "Done when", tried as a manager would: a year of meetings (21 identified as
important) and of engagements whose outcomes make 19 of them favourable come in from two
spreadsheets, and the dashboard's figures for that year follow: 19 of 21."""

import re

import pytest
from django.urls import reverse

from core.fiscal import FiscalYear
from imports import services
from imports.models import ImportLog
from indicators import calculations

from .helpers import HEADER, csv_bytes, upload
from .test_meetings_import import HEADER as MEETING_HEADER

pytestmark = pytest.mark.django_db

YEAR = FiscalYear(2013)
MEETINGS = 21
NOT_FAVOURABLE = {4, 11}  # two meetings whose outcome did not reflect Canada's position


def meeting_rows():
    for number in range(MEETINGS):
        day = 2 + number  # April to October 2013, in fiscal year 2013-14
        month = 4 + number // 3
        yield {
            "reference": f"IGC-2013-{number}",
            "forum": "IGC",
            "name_en": f"IGC working group {number} (2013)",
            "name_fr": f"Groupe de travail des CIG {number} (2013)",
            "start_date": f"2013-{month:02d}-{day:02d}",
            "end_date": f"2013-{month:02d}-{day:02d}",
            "city": "Geneva",
            "country": "CH",
            "important": "yes",
            "outcome_document": f"Chair's summary {number}",
            "outcome_document_kind": "report",
            "outcome_document_reference": "",
        }


def engagement_rows(officer, meetings):
    for number, meeting in enumerate(meetings):
        yield {
            "reference": f"ENG-2013-{number}",
            "kind": "meeting",
            "forum": "IGC",
            "meeting": meeting["name_fr"],  # French names work as well
            "start_date": meeting["start_date"],
            "end_date": meeting["end_date"],
            "lead_officer": officer.username,
            "themes": "resettlement",
            "summary": "Canada took part.",
            "position": "Canada supports resettlement commitments.",
            "position_theme": "resettlement",
            "outcome_document": meeting["outcome_document"],
            "outcome": "not_reflected" if number in NOT_FAVOURABLE else "reflected",
        }


def test_a_year_of_meetings_and_engagements_reads_19_of_21(client, manager, officer):
    meetings = list(meeting_rows())
    log = services.upload(
        actor=manager,
        kind=ImportLog.Kind.MEETINGS,
        file=upload(csv_bytes(meetings, header=MEETING_HEADER), "meetings-2013.csv"),
    )
    assert log.error_count == 0, log.report["errors"][:3]
    log = services.commit(actor=manager, log=log, reason="The 2013-14 plan, on paper.")
    assert log.status == ImportLog.Status.COMMITTED and log.created == MEETINGS

    rows = list(engagement_rows(officer, meetings))
    log = services.upload(
        actor=manager,
        kind=ImportLog.Kind.ENGAGEMENTS,
        file=upload(csv_bytes(rows, header=HEADER), "engagements-2013.csv"),
        as_approved=True,
    )
    assert log.error_count == 0, log.report["errors"][:3]
    log = services.commit(actor=manager, log=log, reason="Approved on paper in 2013-14.")
    assert log.status == ImportLog.Status.COMMITTED and log.created == MEETINGS

    figures = calculations.get(calculations.OFFICIAL).figures_for(YEAR)
    assert (figures.meetings_favourable, figures.meetings_attended) == (19, 21)
    client.force_login(manager)
    page = client.get(reverse("dashboard"), {"year": YEAR.slug})
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", "", " ".join(page.text.split()))
    assert "21, of which 19 with outcomes favourable to Canada's positions" in text
