from http import HTTPStatus

import pytest
from django.urls import reverse

from forums.models import Meeting, OutcomeDocument
from imports import services
from imports.models import ImportedMeeting, ImportLog

from .helpers import csv_bytes, upload

pytestmark = pytest.mark.django_db

HEADER = [
    "reference",
    "forum",
    "name_en",
    "name_fr",
    "start_date",
    "end_date",
    "city",
    "country",
    "important",
    "outcome_document",
    "outcome_document_kind",
    "outcome_document_reference",
]


def meeting_row(**values):
    base = {
        "reference": "EXCOM-64",
        "forum": "ExCom",
        "name_en": "64th session of the Executive Committee (test)",
        "name_fr": "64e session du Comité exécutif (essai)",
        "start_date": "2013-09-30",
        "end_date": "2013-10-04",
        "city": "Geneva",
        "country": "CH",
        "important": "oui",
        "outcome_document": "Conclusion on international cooperation (test)",
        "outcome_document_kind": "conclusion",
        "outcome_document_reference": "A/AC.96/1132",
    }
    base.update(values)
    return base


def dry_run(user, rows):
    data = csv_bytes(rows, header=HEADER, delimiter=";")
    return services.upload(actor=user, kind=ImportLog.Kind.MEETINGS, file=upload(data))


def test_meetings_with_their_documents_and_importance(manager):
    rows = [
        meeting_row(),
        meeting_row(outcome_document="General conclusion (test)", outcome_document_kind="Rapport"),
        meeting_row(
            reference="EXCOM-SC",
            name_en="Standing Committee (test)",
            name_fr="Comité permanent (essai)",
            important="no",
            outcome_document="",
        ),
    ]
    log = dry_run(manager, rows)
    assert log.error_count == 0, log.report["errors"]
    assert log.created == 2
    assert log.report["late_decisions"] == 1
    assert Meeting.objects.filter(name_en__endswith="(test)").count() == 0
    with pytest.raises(services.ValidationError):
        services.commit(actor=manager, log=log, reason="")
    log = services.commit(actor=manager, log=log, reason="Identified in the 2013-14 plan.")
    assert log.status == ImportLog.Status.COMMITTED
    meeting = Meeting.objects.get(imported__reference="EXCOM-64")
    assert meeting.is_important and meeting.identified_late
    assert meeting.importance_reason == "Identified in the 2013-14 plan."
    assert meeting.outcome_documents.count() == 2
    assert not Meeting.objects.get(imported__reference="EXCOM-SC").is_important
    again = dry_run(manager, rows)  # the same file again changes nothing
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_changed_row_updates_the_meeting_it_created(manager):
    services.commit(actor=manager, log=dry_run(manager, [meeting_row()]), reason="Plan.")
    log = dry_run(manager, [meeting_row(city="Genève", outcome_document_reference="new ref")])
    assert log.updated == 1
    services.commit(actor=manager, log=log, reason="Plan.")
    meeting = Meeting.objects.get(imported__reference="EXCOM-64")
    assert meeting.city == "Genève"
    assert OutcomeDocument.objects.get(meeting=meeting).reference == "new ref"


def test_a_meeting_already_in_the_portal_is_a_conflict(manager):
    existing = Meeting.objects.select_related("forum").first()
    row = meeting_row(
        forum=existing.forum.acronym_en,
        name_en=existing.name_en,
        name_fr=existing.name_fr,
        start_date=existing.start_date.isoformat(),
        end_date=existing.end_date.isoformat(),
        city="Elsewhere",
    )
    log = dry_run(manager, [row])
    assert log.refused == 1
    assert not ImportedMeeting.objects.exists()


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"important": "maybe"}, "important"),
        ({"forum": "Nowhere"}, "forum"),
        ({"end_date": "2013-09-01"}, "end_date"),
        ({"outcome_document_kind": ""}, "outcome_document_kind"),
        ({"name_fr": ""}, "name_fr"),
    ],
)
def test_bad_meeting_rows(manager, values, column):
    log = dry_run(manager, [meeting_row(**values)])
    assert column in [e["column"] for e in log.report["errors"]], log.report["errors"]


def test_only_managers_import_meetings(client, officer, manager):
    client.force_login(officer)
    assert client.get(reverse("imports:meetings")).status_code == HTTPStatus.FORBIDDEN
    client.force_login(manager)
    assert client.get(reverse("imports:meetings")).status_code == HTTPStatus.OK
    template = client.get(reverse("imports:meetings_template"))
    assert template.status_code == HTTPStatus.OK
