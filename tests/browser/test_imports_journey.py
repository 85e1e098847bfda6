"""Issue 13's journey, in English and in French: an officer imports engagements and a manager
imports meetings. Each downloads the template (an XLSX whose header row is in the page's
language), fills it (the test writes it with openpyxl, one row naming an unknown forum), uploads
it, reads the row error on the dry-run page (row number, column, message in the page's
language), fixes the file, uploads it again, commits it and opens an imported record. axe-core
checks every page visited."""

import datetime
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from engagements.models import Engagement, Position
from forums.models import Forum, Meeting
from imports.engagements import COLUMNS as ENGAGEMENT_COLUMNS
from imports.meetings import COLUMNS as MEETING_COLUMNS
from imports.models import ImportLog
from tests.browser.helpers import assert_accessible, sign_in
from tests.forums.factories import MeetingFactory, OutcomeDocumentFactory

TEXT = {
    "en": {
        "engagements": "Engagements",
        "import": "Import from a spreadsheet",
        "template": "Template (Excel, XLSX)",
        "upload": "Upload and check (dry run)",
        "dry_run": "Dry run of the import",
        "problems": "1 problem to fix",
        "unknown_forum": "No forum is called “ATCRX”",
        "upload_again": "Upload the corrected file",
        "reason": "Reason",
        "commit": "Commit the import",
        "committed": "Import committed",
        "imported": "Imported: 2 created, 0 updated, 0 unchanged.",
        "draft": "Draft",
    },
    "fr": {
        "engagements": "Activités",
        "import": "Importer d’un tableur",
        "template": "Modèle (Excel, XLSX)",
        "upload": "Téléverser et vérifier (essai à blanc)",
        "dry_run": "Essai à blanc de l’importation",
        "problems": "1 problème à corriger",
        "unknown_forum": "Aucun élément (forum) ne s’appelle « ATCRX »",
        "upload_again": "Téléverser le fichier corrigé",
        "reason": "Motif",
        "commit": "Faire l’importation",
        "committed": "Importation faite",
        "imported": "Importation faite : 2 créées, 0 modifiées, 0 inchangées.",
        "draft": "Ébauche",
    },
}


def headers_in(lang, columns):
    """The header row the template must have in `lang`: the keys in English, the French
    labels in French."""
    with translation.override(lang):
        return [column.key if lang == "en" else str(column.label) for column in columns]


def download_template(page, text, lang, columns):
    """Download the page's template and check it: an XLSX whose first sheet is the header row
    in the page's language. Returns the workbook, to fill."""
    with page.expect_download() as download:
        page.get_by_role("link", name=text["template"]).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"PK")  # a zip: the XLSX container
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == headers_in(lang, columns)
    assert sheet.max_row == 1  # the header row only: the test fills the rest
    return workbook


def fill(workbook, lang, columns, rows):
    """Write `rows` (dicts by column key) under the header, as a user would, and return the
    file's bytes."""
    sheet = workbook.worksheets[0]
    keys = [column.key for column in columns]
    assert len(keys) == sheet.max_column
    for row in rows:
        sheet.append([row.get(key) for key in keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(page, text, name, data):
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": name,
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": data,
            }
        ]
    )
    page.get_by_role("button", name=text["upload"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["dry_run"])


def read_the_row_error(page, text, row, column):
    """The dry run shows one problem: its row number, its column and a message in the page's
    language; and no way to commit."""
    expect(page.locator("#row-errors")).to_have_text(text["problems"])
    errors = page.locator("table.row-errors tbody tr")
    expect(errors).to_have_count(1)
    cells = errors.first.locator("td")
    expect(cells.nth(0)).to_have_text(str(row))
    expect(cells.nth(1)).to_have_text(column)
    expect(cells.nth(3)).to_contain_text(text["unknown_forum"])
    expect(page.get_by_role("button", name=text["commit"])).to_have_count(0)
    assert_accessible(page)


def commit(page, text, reason):
    # the reason is asked for (required) before anything is written
    page.get_by_role("textbox", name=re.compile(rf"^{text['reason']} \(")).fill(reason)
    page.get_by_role("button", name=text["commit"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["committed"])
    expect(page.locator(".messages")).to_contain_text(text["imported"])
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_officer_imports_engagements_from_the_template(live_server, page, demo_users, lang):
    text = TEXT[lang]
    atcr = Forum.objects.get(acronym_en="ATCR")  # reference data
    meeting = MeetingFactory(
        forum=atcr,
        name_en="ATCR 2013",
        name_fr="CTAR 2013",
        start_date=datetime.date(2013, 6, 25),
        end_date=datetime.date(2013, 6, 27),
    )
    OutcomeDocumentFactory(
        meeting=meeting, title_en="Chair's summary 2013", title_fr="Résumé de la présidence 2013"
    )

    sign_in(page, live_server, "officer", lang=lang)
    page.get_by_role("navigation").get_by_role("link", name=text["engagements"]).first.click()
    page.get_by_role("link", name=text["import"]).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/engagements/import/$"))
    assert_accessible(page)
    workbook = download_template(page, text, lang, ENGAGEMENT_COLUMNS)

    # filled in the page's language: the kind, the meeting and the outcome by their names
    with translation.override(lang):
        kind = str(Engagement.Kind.MEETING.label)
        reflected = str(Position.Outcome.REFLECTED.label)
    common = {
        "kind": kind,
        "forum": "ATCR",
        "meeting": meeting.name_fr if lang == "fr" else meeting.name_en,
        "start_date": datetime.date(2013, 6, 25),
        "end_date": datetime.date(2013, 6, 27),
        "city": "Genève" if lang == "fr" else "Geneva",
        "country": "CH",
        "themes": "resettlement",
        "position_theme": "resettlement",
        "outcome": reflected,
    }
    rows = [
        {
            **common,
            "reference": "ATCR-2013-1",
            "summary": f"Canada chaired the consultations ({lang}).",
            "position": "Canada supports multi-year resettlement commitments.",
            "outcome_document": "Chair's summary 2013",
        },
        {
            **common,
            "reference": "ATCR-2013-2",
            "forum": "ATCRX",  # the mistake: no such forum
            "meeting": "",
            "summary": f"Canada presented its resettlement pledges ({lang}).",
            "position": "Canada welcomes more resettlement places.",
        },
    ]
    upload(page, text, "atcr-2013.xlsx", fill(workbook, lang, ENGAGEMENT_COLUMNS, rows))
    read_the_row_error(page, text, row=3, column="forum")
    assert not Engagement.objects.exists()  # the dry run saved nothing

    # fixed in the same workbook and uploaded again: no problem left, two engagements to create
    workbook = load_workbook(io.BytesIO(fill(workbook, lang, ENGAGEMENT_COLUMNS, [])))
    forum_column = [c.key for c in ENGAGEMENT_COLUMNS].index("forum") + 1
    workbook.worksheets[0].cell(row=3, column=forum_column, value="ATCR")
    page.get_by_role("link", name=text["upload_again"]).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/engagements/import/$"))
    assert_accessible(page)  # with the officer's recent imports
    upload(page, text, "atcr-2013.xlsx", fill(workbook, lang, ENGAGEMENT_COLUMNS, []))
    expect(page.locator("table.row-errors")).to_have_count(0)
    expect(page.locator("table.counts tbody td").first).to_have_text("2")
    assert_accessible(page)

    # positions of a past meeting need a reason, which goes on each record
    commit(page, text, "Brought in from the 2013-14 tracking sheet.")
    log = ImportLog.objects.get(status=ImportLog.Status.COMMITTED)
    assert log.created == 2 and log.uploaded_by == demo_users["officer"]
    assert Engagement.objects.filter(status=Engagement.Status.DRAFT).count() == 2

    # an imported record, opened from the import: a draft of the officer's, with its position
    page.get_by_role("link", name="ATCR-2013-1").click()
    main = page.locator("main")
    expect(main).to_contain_text(f"Canada chaired the consultations ({lang}).")
    expect(main).to_contain_text("Canada supports multi-year resettlement commitments.")
    expect(main).to_contain_text(text["draft"])
    assert_accessible(page)
    engagement = Engagement.objects.get(imported__reference="ATCR-2013-1")
    assert engagement.lead_officer == demo_users["officer"]
    assert engagement.meeting == meeting
    assert engagement.positions.get().outcome == Position.Outcome.REFLECTED


MEETING_TEXT = {
    "en": {
        "important": "counts for the program's indicator",
        "late": "identified after the meeting began",
    },
    "fr": {
        "important": "compte pour l’indicateur du programme",
        "late": "jugée importante après le début de la réunion",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_manager_imports_meetings_from_the_template(live_server, page, demo_users, lang):
    text = {**TEXT[lang], **MEETING_TEXT[lang]}
    sign_in(page, live_server, "manager", lang=lang)
    page.goto(f"{live_server.url}/{lang}/meetings/import/")
    assert_accessible(page)
    workbook = download_template(page, text, lang, MEETING_COLUMNS)

    yes = "oui" if lang == "fr" else "yes"
    rows = [
        {
            "reference": "EXCOM-64",
            "forum": "ExCom",
            "name_en": "64th session of the Executive Committee (journey)",
            "name_fr": "64e session du Comité exécutif (parcours)",
            "start_date": datetime.date(2013, 9, 30),
            "end_date": datetime.date(2013, 10, 4),
            "city": "Genève" if lang == "fr" else "Geneva",
            "country": "Suisse" if lang == "fr" else "Switzerland",
            "important": yes,
            "outcome_document": "Conclusion on international cooperation (journey)",
            "outcome_document_kind": "conclusion",
            "outcome_document_reference": "A/AC.96/1132",
        },
        {
            "reference": "ATCR-2013",
            "forum": "ATCRX",  # the mistake: no such forum
            "name_en": "Annual Tripartite Consultations 2013 (journey)",
            "name_fr": "Consultations tripartites annuelles 2013 (parcours)",
            "start_date": datetime.date(2013, 6, 25),
            "end_date": datetime.date(2013, 6, 27),
            "city": "Genève" if lang == "fr" else "Geneva",
            "country": "CH",
            "important": yes,
            "outcome_document": "Chair's summary (journey)",
            "outcome_document_kind": "declaration",
        },
    ]
    upload(page, text, "meetings-2013.xlsx", fill(workbook, lang, MEETING_COLUMNS, rows))
    read_the_row_error(page, text, row=3, column="forum")
    assert not Meeting.objects.filter(name_en__endswith="(journey)").exists()

    workbook = load_workbook(io.BytesIO(fill(workbook, lang, MEETING_COLUMNS, [])))
    forum_column = [c.key for c in MEETING_COLUMNS].index("forum") + 1
    workbook.worksheets[0].cell(row=3, column=forum_column, value="ATCR")
    page.get_by_role("link", name=text["upload_again"]).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/meetings/import/$"))
    assert_accessible(page)
    upload(page, text, "meetings-2013.xlsx", fill(workbook, lang, MEETING_COLUMNS, []))
    expect(page.locator("table.row-errors")).to_have_count(0)
    expect(page.locator("table.counts tbody td").first).to_have_text("2")
    assert_accessible(page)

    # meetings identified as important after they began need a reason, and are flagged
    commit(page, text, "Identified in the 2013-14 plan.")
    assert Meeting.objects.filter(name_en__endswith="(journey)", is_important=True).count() == 2

    page.get_by_role("link", name="EXCOM-64").click()
    main = page.locator("main")
    name = rows[0][f"name_{lang}"]
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(main).to_contain_text(text["important"])
    expect(main).to_contain_text(text["late"])
    assert_accessible(page)
    meeting = Meeting.objects.get(imported__reference="EXCOM-64")
    assert meeting.identified_late and meeting.outcome_documents.count() == 1
