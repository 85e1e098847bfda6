import datetime
import io
import re
import zipfile
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from engagements.models import Engagement, Position, Transition
from imports import reader, services
from imports.models import ImportedEngagement, ImportLog

from .helpers import HEADER, csv_bytes, row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def dry_run(user, rows, *, name="engagements.csv", data=None, as_approved=False):
    data = data if data is not None else csv_bytes(rows)
    return services.upload(
        actor=user,
        kind=ImportLog.Kind.ENGAGEMENTS,
        file=upload(data, name),
        as_approved=as_approved,
    )


def errors(log):
    return [(e["row"], e["column"]) for e in log.report["errors"]]


# --- reading every value form ------------------------------------------------------------------


def test_a_clean_file_plans_one_engagement_per_reference(officer, atcr):
    rows = [row(), row(position="Second position.", outcome="pending", outcome_document="")]
    log = dry_run(officer, rows)
    assert log.error_count == 0, log.report["errors"]
    assert log.rows == 2
    assert log.created == 1
    assert log.report["records"][0]["positions"] == 2
    assert Engagement.objects.count() == 0  # the dry run saves nothing
    assert ImportLog.objects.get().status == ImportLog.Status.DRY_RUN


def test_french_labels_headers_and_values_in_any_order(officer, atcr):
    with translation.override("fr"):
        from imports.engagements import COLUMNS

        french = {c.key: str(c.label) for c in COLUMNS}
    header = [french[key] for key in reversed(HEADER)]
    values = row(
        kind="Participation à une réunion",
        forum="Consultations annuelles tripartites sur la réinstallation",
        meeting="CTAR 2013",
        country="Suisse",
        themes="Réinstallation; intégration",
        position_theme="réinstallation",
        outcome_document="Résumé de la présidence 2013",
        outcome="Reflétée",
    )
    data = csv_bytes([[values[key] for key in reversed(HEADER)]], header=header, delimiter=";")
    log = dry_run(officer, None, data=b"\xef\xbb\xbf" + data)
    assert log.error_count == 0, log.report["errors"]
    assert log.created == 1


def test_xlsx_with_real_dates_and_a_formula_stays_text(officer, atcr):
    values = row(
        start_date=datetime.datetime(2013, 6, 25),  # noqa: DTZ001 (a spreadsheet's dates are naive)
        end_date=datetime.date(2013, 6, 27),
        summary='=HYPERLINK("http://example.com")',
    )
    log = dry_run(officer, None, name="past.xlsx", data=xlsx_bytes([values]))
    assert log.error_count == 0, log.report["errors"]
    services.commit(actor=officer, log=log, reason="Entered from the 2013 workbook.")
    engagement = Engagement.objects.get()
    assert engagement.summary == '=HYPERLINK("http://example.com")'
    assert engagement.start_date == datetime.date(2013, 6, 25)


@pytest.mark.parametrize(
    ("values", "column", "words"),
    [
        ({"start_date": "03/04/2013"}, "start_date", "ambiguous"),
        ({"start_date": "2013-02-30"}, "start_date", "does not exist"),
        ({"start_date": "1999-01-01", "end_date": "1999-01-02"}, "start_date", "between"),
        ({"forum": "ATRC"}, "forum", "Closest"),
        ({"kind": "picnic"}, "kind", "No kind"),
        ({"country": "Atlantis"}, "country", "No country"),
        ({"lead_officer": "nobody@example.gc.ca"}, "lead_officer", "No policy officer"),
        ({"themes": "resettlement; gardening"}, "themes", "No theme"),
        ({"meeting": "IGC 2013"}, "meeting", "No meeting"),
        ({"end_date": "2013-06-20", "start_date": "2013-06-25"}, "end_date", "before"),
        ({"summary": ""}, "summary", "empty"),
        ({"position_theme": ""}, "position_theme", "theme"),
    ],
)
def test_bad_values_are_row_errors_with_column_value_and_message(
    officer, atcr, values, column, words
):
    log = dry_run(officer, [row(**values)])
    found = [e for e in log.report["errors"] if e["column"] == column]
    assert found, log.report["errors"]
    assert found[0]["row"] == 2
    assert words in found[0]["message"]
    assert Engagement.objects.count() == 0


def test_messages_come_in_the_readers_language(officer, atcr):
    with translation.override("fr"):
        log = dry_run(officer, [row(start_date="03/04/2013")])
    assert "ambiguë" in log.report["errors"][0]["message"]


def test_a_meeting_of_another_forum_is_an_error(officer, atcr):
    from tests.forums.factories import ForumFactory, MeetingFactory

    igc = ForumFactory(acronym_en="IGC", acronym_fr="CIG")
    MeetingFactory(
        forum=igc,
        name_en="IGC 2013",
        start_date=datetime.date(2013, 6, 25),
        end_date=datetime.date(2013, 6, 27),
    )
    log = dry_run(officer, [row(meeting="IGC 2013")])
    assert (2, "meeting") in errors(log)


def test_unknown_and_missing_columns_are_reported_never_dropped(officer, atcr):
    header = [*HEADER, "budget"]
    header.remove("summary")
    data = csv_bytes([[*[row()[k] for k in header[:-1]], "12,5"]], header=header)
    log = dry_run(officer, None, data=data)
    assert (1, "budget") in errors(log)
    assert (1, "summary") in errors(log)


def test_duplicate_references_with_conflicting_values(officer, atcr):
    log = dry_run(officer, [row(), row(position="Another.", city="Bern")])
    assert (3, "city") in errors(log)


def test_merged_cells_leave_an_empty_reference_that_is_reported(officer, atcr):
    log = dry_run(officer, [row(), row(reference="", position="Another.")])
    assert (3, "reference") in errors(log)


def test_an_outcome_before_the_meeting_ended_is_refused(officer, atcr):
    from tests.forums.factories import MeetingFactory

    forum, _meeting, _document = atcr
    today = timezone.localdate()
    MeetingFactory(
        forum=forum,
        name_en="ATCR next",
        start_date=today + datetime.timedelta(30),
        end_date=today + datetime.timedelta(32),
    )
    future = row(
        meeting="ATCR next",
        outcome_document="",
        start_date=str(today + datetime.timedelta(30)),
        end_date=str(today + datetime.timedelta(31)),
    )
    log = dry_run(officer, [future])
    assert (2, "outcome") in errors(log)


# --- bad files --------------------------------------------------------------------------------


def test_not_a_spreadsheet(officer):
    with pytest.raises(reader.FileRefused, match="not a spreadsheet"):
        dry_run(officer, None, name="notes.pdf", data=b"%PDF-1.4 hello")


def test_encrypted_or_old_workbooks(officer):
    with pytest.raises(reader.FileRefused, match="encrypted"):
        dry_run(
            officer, None, name="secret.xlsx", data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100
        )


def test_a_zip_that_is_not_a_workbook(officer):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(reader.FileRefused, match="not an Excel workbook"):
        dry_run(officer, None, name="data.xlsx", data=buffer.getvalue())


def test_a_macro_enabled_workbook(officer, atcr):
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([row()])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        archive.writestr("xl/vbaProject.bin", b"macro")
    with pytest.raises(reader.FileRefused, match="macros"):
        dry_run(officer, None, name="data.xlsx", data=buffer.getvalue())
    with pytest.raises(reader.FileRefused, match="macro-enabled"):
        dry_run(officer, None, name="data.xlsm", data=buffer.getvalue())


def test_size_and_row_limits(officer, atcr, settings):
    settings.IMPORT_MAX_ROWS = 2
    with pytest.raises(reader.FileRefused, match="more than 2 rows"):
        dry_run(officer, [row(reference=f"R{i}") for i in range(3)])
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(reader.FileRefused, match="at most"):
        dry_run(officer, [row()])
    assert ImportLog.objects.count() == 0


def test_empty_rows_are_skipped(officer, atcr):
    log = dry_run(officer, [row(), {}, row(reference="ATCR-2013-2")])
    assert log.error_count == 0, log.report["errors"]
    assert log.created == 2


# --- commit ------------------------------------------------------------------------------------


def test_commit_writes_drafts_linked_to_their_import(officer, atcr):
    log = dry_run(officer, [row(), row(position="Second.", outcome="pending", outcome_document="")])
    log = services.commit(actor=officer, log=log, reason="Entered from the 2013 spreadsheet.")
    assert log.status == ImportLog.Status.COMMITTED
    engagement = Engagement.objects.get()
    assert engagement.status == Engagement.Status.DRAFT
    assert engagement.created_by == officer and engagement.lead_officer == officer
    assert engagement.imported.first_import == log
    assert engagement.positions.count() == 2
    # positions entered after their meeting carry the flag and the reason
    assert set(engagement.positions.values_list("set_late", flat=True)) == {True}
    assert log.report["records"][0]["engagement"] == engagement.pk


def test_late_positions_need_a_reason(officer, atcr):
    log = dry_run(officer, [row()])
    assert log.report["late_positions"] == 1
    with pytest.raises(services.ValidationError):
        services.commit(actor=officer, log=log, reason="")
    assert Engagement.objects.count() == 0


def test_commit_is_all_or_nothing(officer, atcr, monkeypatch):
    rows = [row(reference=f"R{i}") for i in range(5)]
    log = dry_run(officer, rows)
    from engagements import services as engagement_services

    real = engagement_services.create_imported_engagements

    def failing_after_the_last_row(**kwargs):
        real(**kwargs)
        assert Engagement.objects.count() == 5  # every row was written, then one is refused
        raise engagement_services.ValidationError({"summary": "refused at the last row"})

    monkeypatch.setattr(
        engagement_services, "create_imported_engagements", failing_after_the_last_row
    )
    log = services.commit(actor=officer, log=log, reason="Past year.")
    assert log.status == ImportLog.Status.DRY_RUN
    assert log.error_count == 1
    assert Engagement.objects.count() == 0
    assert Engagement.history.count() == 0
    assert Position.objects.count() == 0
    assert ImportedEngagement.objects.count() == 0


def test_a_bulk_commit_writes_what_one_by_one_would(manager, officer, atcr):
    """History rows with their themes, the approval's trail, the flag of positions set late."""
    rows = [
        row(reference="R1", lead_officer=officer.username),
        row(reference="R1", lead_officer=officer.username, position="A second one."),
        row(reference="R2", lead_officer=officer.username),
    ]
    log = dry_run(manager, rows, as_approved=True)
    assert log.error_count == 0, log.report["errors"]
    services.commit(actor=manager, log=log, reason="Past year.")
    first = Engagement.objects.get(imported__reference="R1")
    assert first.status == Engagement.Status.APPROVED
    assert first.version == 2
    assert [p.sort_order for p in first.positions.order_by("sort_order")] == [0, 1]
    assert all(p.set_late and p.set_late_reason == "Past year." for p in first.positions.all())
    trail = list(first.history.order_by("history_date", "history_id"))
    assert [h.history_type for h in trail] == ["+", "~"]
    assert [h.status for h in trail] == ["draft", "approved"]
    assert trail[1].history_change_reason.startswith("Imported as approved by")
    assert trail[0].history_user == manager
    themes = {t.pk for t in first.themes.all()}
    assert themes
    for entry in trail:
        assert {t.theme_id for t in entry.themes.all()} == themes
    transition = first.transitions.get()
    assert (transition.from_status, transition.to_status) == ("draft", "approved")
    assert Position.history.filter(engagement_id=first.pk, history_type="+").count() == 2


def test_reimporting_the_same_file_changes_nothing(officer, atcr):
    rows = [row(), row(reference="R2")]
    services.commit(actor=officer, log=dry_run(officer, rows), reason="Past year.")
    versions = list(Engagement.objects.values_list("pk", "version"))
    again = dry_run(officer, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    services.commit(actor=officer, log=again, reason="")
    assert list(Engagement.objects.values_list("pk", "version")) == versions


def test_a_changed_row_updates_the_draft_and_a_submitted_one_is_a_conflict(officer, atcr):
    services.commit(actor=officer, log=dry_run(officer, [row(), row(reference="R2")]), reason="x")
    submitted = Engagement.objects.get(imported__reference="R2")
    Engagement.objects.filter(pk=submitted.pk).update(status=Engagement.Status.SUBMITTED)
    changed = [row(summary="Corrected summary."), row(reference="R2", summary="Changed too.")]
    log = dry_run(officer, changed)
    assert (log.updated, log.refused) == (1, 1)
    services.commit(actor=officer, log=log, reason="x")
    assert Engagement.objects.get(imported__reference="ATCR-2013-1").summary == "Corrected summary."
    assert Engagement.objects.get(pk=submitted.pk).summary != "Changed too."


def test_another_importers_reference_is_a_new_record(officer, other_officer, atcr):
    services.commit(actor=officer, log=dry_run(officer, [row()]), reason="x")
    log = dry_run(other_officer, [row()])
    assert log.created == 1


def test_manager_imports_past_years_as_approved_with_the_reason_on_the_trail(
    manager, officer, atcr
):
    log = dry_run(manager, [row(lead_officer=officer.username)], as_approved=True)
    assert log.error_count == 0, log.report["errors"]
    log = services.commit(actor=manager, log=log, reason="Approved in 2013 by the DG.")
    engagement = Engagement.objects.get()
    assert engagement.status == Engagement.Status.APPROVED
    assert engagement.lead_officer == officer and engagement.created_by == manager
    step = Transition.objects.get(engagement=engagement)
    assert step.to_status == Engagement.Status.APPROVED
    assert step.reason == f"Imported as approved by {manager}: Approved in 2013 by the DG."
    position = engagement.positions.get()
    assert position.set_late and position.set_late_reason == "Approved in 2013 by the DG."


def test_a_manager_must_name_the_lead_officer(manager, atcr):
    log = dry_run(manager, [row()])
    assert (2, "lead_officer") in errors(log)


def test_an_officer_cannot_import_as_approved(officer, atcr):
    with pytest.raises(services.PermissionDenied):
        dry_run(officer, [row()], as_approved=True)


def test_commit_only_once_and_only_by_the_uploader(officer, other_officer, atcr):
    log = dry_run(officer, [row()])
    with pytest.raises(services.PermissionDenied):
        services.commit(actor=other_officer, log=log, reason="x")
    services.commit(actor=officer, log=log, reason="x")
    with pytest.raises(services.ValidationError):
        services.commit(actor=officer, log=log, reason="x")


# --- pages -------------------------------------------------------------------------------------


def test_the_wizard_upload_dry_run_commit(officer_client, officer, atcr):
    url = reverse("imports:engagements")
    page = officer_client.get(url)
    assert page.status_code == HTTPStatus.OK
    response = officer_client.post(url, {"file": upload(csv_bytes([row(summary="")]))})
    log = ImportLog.objects.get()
    assert response["Location"] == log.get_absolute_url()
    detail = officer_client.get(log.get_absolute_url())
    assert b"problems to fix" in detail.content or b"problem to fix" in detail.content
    assert b"Commit the import" not in detail.content
    officer_client.post(url, {"file": upload(csv_bytes([row()]))})
    fixed = ImportLog.objects.exclude(pk=log.pk).get()
    detail = officer_client.get(fixed.get_absolute_url())
    assert b"Commit the import" in detail.content
    refused = officer_client.post(reverse("imports:commit", args=[fixed.pk]), {"reason": ""})
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    done = officer_client.post(reverse("imports:commit", args=[fixed.pk]), {"reason": "Old file."})
    assert done.status_code == HTTPStatus.FOUND
    engagement = Engagement.objects.get()
    page = officer_client.get(fixed.get_absolute_url())
    assert reverse("engagements:detail", args=[engagement.pk]).encode() in page.content


def test_a_refused_file_is_a_page_message(officer_client):
    response = officer_client.post(
        reverse("imports:engagements"), {"file": upload(b"%PDF-1.4", "notes.pdf")}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"not a spreadsheet" in response.content
    assert ImportLog.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_template_reads_back_as_a_valid_header(officer_client, officer, atcr, language):
    import io

    from openpyxl import load_workbook

    with translation.override(language):
        response = officer_client.get(f"/{language}/engagements/import/template/")
    assert response.status_code == HTTPStatus.OK
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert len(workbook.sheetnames) >= 6
    assert sheet.data_validations.dataValidation  # drop-down lists
    header = [c.value for c in sheet[1]]
    sheet.append([row().get(key, None) for key in _keys(header)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    log = dry_run(officer, None, name="filled.xlsx", data=buffer.getvalue())
    assert log.error_count == 0, log.report["errors"]


def _keys(header):
    from imports.engagements import COLUMNS
    from imports.values import bilingual, normal

    names = {normal(n): c.key for c in COLUMNS for n in (c.key, *bilingual(c.label))}
    return [names[normal(h)] for h in header]


def test_dry_run_queries_do_not_grow_with_rows(officer, atcr):
    def count(n):
        rows = [row(reference=f"R{i}", lead_officer=officer.username) for i in range(n)]
        data = csv_bytes(rows)
        with CaptureQueriesContext(connection) as context:
            dry_run(officer, None, data=data)
        return len(context.captured_queries)

    count(1)  # warm caches (content types, countries)
    assert count(3) == count(60)


def test_the_stored_file_leaves_only_to_who_may_see_the_import(
    client, officer, other_officer, manager, atcr
):
    log = dry_run(officer, [row()])
    url = reverse("imports:file", args=[log.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")


def test_a_workbook_that_understates_its_size_is_read_whole(officer, atcr):
    """Read-only openpyxl trusts the sheet's stated dimension unless told not to: a file
    claiming to be one cell wide and one row high keeps every row and column."""
    data = xlsx_bytes([row(), row(reference="ATCR-2013-2", summary="Another one.")])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(
                    rb'<dimension ref="[^"]+" ?/>', b'<dimension ref="A1:B1"/>', content
                )
            target.writestr(item, content)
    log = services.upload(
        actor=officer,
        kind=ImportLog.Kind.ENGAGEMENTS,
        file=upload(out.getvalue(), "engagements.xlsx"),
    )
    assert log.error_count == 0, log.report["errors"][:3]
    assert (log.rows, log.created) == (2, 2)
