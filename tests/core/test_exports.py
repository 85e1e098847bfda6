"""Every table page's CSV and XLSX (core.exports): formula injection neutralised, characters a
workbook cannot hold removed, typed XLSX cells with number formats, a BOM, a title row in the
reader's language, and query counts that do not grow with the rows."""

from decimal import Decimal
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core import exports
from engagements.models import Engagement, Position
from indicators.models import Indicator
from tests.engagements.factories import EngagementFactory, PositionFactory
from tests.exports import read_csv, read_xlsx
from tests.forums.factories import ForumFactory, MeetingFactory
from tests.indicators.factories import ResultFactory
from tests.partners.factories import (
    AgreementFactory,
    AmountFactory,
    OrganizationFactory,
    TransferPaymentFactory,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/","click me")'
STARTS = ("=", "+", "-", "@", "\t", "\r")
YEAR = "2014-15"  # the factories' meetings are in May 2014


@pytest.fixture
def poisoned(officer):
    """Records whose text an officer or an administrator typed, each beginning as a formula (or
    holding a control character), shown by every table page."""
    forum = ForumFactory(acronym_en="+SUM(1,2)", acronym_fr="+SUM(1,2)", name_en="@cmd")
    meeting = MeetingFactory(forum=forum, name_en=FORMULA, name_fr=FORMULA, is_important=True)
    MeetingFactory(forum=forum, name_en="Ctl\x0bmeeting", name_fr="Ctl\x0bréunion")
    engagement = EngagementFactory(
        meeting=meeting, lead_officer=officer, status=Engagement.Status.APPROVED
    )
    PositionFactory(
        engagement=engagement,
        text="\rcarriage return",
        outcome=Position.Outcome.REFLECTED,
        outcome_note="-2+3",
    )
    organization = OrganizationFactory(acronym_en="-2+3", name_en="\tTabbed")
    payment = TransferPaymentFactory(name_en="=1+1", name_fr="=1+1")
    AmountFactory(
        agreement=AgreementFactory(recipient=organization, transfer_payment=payment),
        fiscal_year=2014,
    )
    Indicator.objects.filter(code="NI050-0377-2017").update(name_en=FORMULA)
    ResultFactory(fiscal_year=2014, explanation_en=FORMULA)
    return {"forum": forum, "meeting": meeting, "engagement": engagement}


def table_pages(poisoned):
    """(label, url, query, whether the poisoned text is among what the table shows)."""
    forum = poisoned["forum"].pk
    return [
        ("engagements", reverse("engagements:list"), {}, True),
        ("positions", reverse("engagements:positions_export"), {}, True),
        ("forums", reverse("forums:forum_list"), {}, True),
        ("meetings", reverse("forums:meeting_list"), {}, True),
        ("organizations", reverse("partners:organization_list"), {}, True),
        ("agreements", reverse("partners:agreement_list"), {}, True),
        ("funding summary", reverse("partners:funding_summary"), {}, True),
        ("indicators", reverse("indicators:indicator_list"), {}, True),
        ("dashboard indicators", reverse("dashboard"), {"year": YEAR, "_table": "indicators"}, 1),
        ("dashboard trends", reverse("dashboard"), {"year": YEAR, "_table": "trends"}, True),
        ("dashboard resources", reverse("dashboard"), {"year": YEAR, "_table": "resources"}, 0),
        ("dashboard attention", reverse("dashboard"), {"year": YEAR, "_table": "attention"}, 0),
        ("by forum", reverse("indicators:forum_dashboard"), {"year": YEAR, "_table": "forums"}, 1),
        (
            "funding",
            reverse("indicators:funding_dashboard"),
            {"year": YEAR, "_table": "funding"},
            True,
        ),
        (
            "forum records",
            reverse("indicators:forum_records", args=[YEAR, forum, "meetings"]),
            {},
            True,
        ),
        (
            "indicator records",
            reverse("indicators:indicator_records", args=["NI050-0377-2017", YEAR, "denominator"]),
            {},
            False,
        ),
    ]


def assert_safe(rows, *, shown):
    texts = [cell for row in rows for cell in row if isinstance(cell, str)]
    for text in texts:
        assert not text.startswith(STARTS), text
        assert not ILLEGAL_CHARACTERS_RE.search(text), text
    if shown:
        # the poisoned text reached the file, neutralised: the apostrophe, then the text
        assert any(text.startswith("'") and text[1:].startswith(STARTS) for text in texts)


@pytest.mark.parametrize("index", range(16))
def test_every_table_page_neutralises_formulas_in_csv_and_xlsx(manager_client, poisoned, index):
    label, url, query, shown = table_pages(poisoned)[index]
    response = manager_client.get(url, {**query, "_export": "csv"})
    assert response.status_code == HTTPStatus.OK, label
    title, rows = read_csv(response)
    assert_safe([[title], *rows], shown=shown)

    response = manager_client.get(url, {**query, "_export": "xlsx"})
    assert response.status_code == HTTPStatus.OK, label
    title, rows, sheet = read_xlsx(response)
    assert_safe([[title], *rows], shown=shown)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row), label


def test_the_pages_above_are_every_table_page(poisoned):
    assert len(table_pages(poisoned)) == 16


def test_a_formula_meeting_name_arrives_as_text(manager_client, poisoned):
    response = manager_client.get(reverse("forums:meeting_list"), {"_export": "xlsx"})
    _title, rows, sheet = read_xlsx(response)
    names = [row[2] for row in rows[1:]]
    assert "'" + FORMULA in names
    assert "Ctlmeeting" in names  # \x0b removed: the workbook opens, no 500
    response = manager_client.get(reverse("forums:meeting_list"), {"_export": "csv"})
    _title, rows = read_csv(response)
    assert "'" + FORMULA in [row[2] for row in rows[1:]]
    assert "Ctlmeeting" in [row[2] for row in rows[1:]]


def test_the_infobase_csv_neutralises_the_explanation_and_keeps_its_encoding(
    manager_client, poisoned
):
    response = manager_client.get(reverse("indicators:infobase_export"))
    body = response.content
    assert not body.startswith(b"\xef\xbb\xbf")  # GC InfoBase's files carry no byte-order mark
    assert body.startswith(b'"id","result_id","name_en"')
    assert b"\r\n" in body  # and end their lines as GC InfoBase's do
    text = body.decode("utf-8")
    assert "\"'" + FORMULA.replace('"', '""') + '"' in text
    assert ',"=' not in text


def test_numbers_stay_numbers_negative_ones_too():
    assert exports.neutralise(-5) == -5
    assert exports.neutralise(Decimal("-2.5")) == Decimal("-2.5")
    assert exports.neutralise("-5") == "'-5"  # text that would be read as a formula
    assert exports.neutralise("5 - 2") == "5 - 2"
    for start in STARTS:
        assert exports.neutralise(f"{start}x") == f"'{start}x"
    handle = exports.xlsx_file(
        ["a", "b", "c"],
        [[-5, exports.Money("-3.5"), "-x"]],
        title="t",
        sheet_name="s",
    )
    import openpyxl

    sheet = openpyxl.load_workbook(handle).active
    assert sheet["A3"].value == -5 and sheet["A3"].data_type == "n"
    assert sheet["B3"].value == -3.5 and sheet["B3"].data_type == "n"
    assert sheet["C3"].value == "'-x"


def test_xlsx_cells_are_typed_with_number_formats(manager_client, poisoned):
    response = manager_client.get(reverse("partners:agreement_list"), {"_export": "xlsx"})
    _title, rows, sheet = read_xlsx(response)
    header = rows[0]
    total = header.index("Total") + 1
    start = header.index("Start") + 1
    cell = sheet.cell(row=3, column=total)
    assert cell.data_type == "n" and cell.value == 1000000
    assert cell.number_format == '"$"#,##0.00;-"$"#,##0.00'
    assert sheet.cell(row=3, column=start).is_date
    assert sheet.cell(row=3, column=start).number_format == "yyyy-mm-dd"

    response = manager_client.get(
        reverse("indicators:funding_dashboard"),
        {"year": YEAR, "_table": "funding"} | {"_export": "xlsx"},
    )
    _title, rows, sheet = read_xlsx(response)
    share = rows[0].index("Share spent") + 1
    mine = next(number for number, row in enumerate(rows) if row[0] == "'=1+1")
    cell = sheet.cell(row=2 + mine, column=share)
    assert cell.number_format == "0.0%" and cell.value == pytest.approx(0.9)

    with translation.override("fr"):
        response = manager_client.get(reverse("partners:agreement_list"), {"_export": "xlsx"})
    _title, rows, sheet = read_xlsx(response)
    assert sheet.cell(row=3, column=total).number_format == '#,##0.00\\ "$";-#,##0.00\\ "$"'


def test_dashboard_figures_are_numbers_not_text(manager_client, poisoned):
    response = manager_client.get(
        reverse("indicators:forum_dashboard"), {"year": YEAR, "_table": "forums", "_export": "csv"}
    )
    _title, rows = read_csv(response)
    row = next(row for row in rows[1:] if row[0].startswith("'+SUM"))
    assert row[1:] == ["2", "1", "1", "1", "1", "1", "100.0"]  # no HTML link, no "100.0%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Meetings — Fiscal year: 2014-15 — Identified as important: Yes — downloaded on "),
        (
            "fr",
            "Réunions — Exercice\u00a0: 2014-2015 — Jugée importante\u00a0: Oui — téléchargé le ",
        ),
    ],
)
def test_title_row_names_the_fiscal_year_and_the_filters(manager_client, language, expected):
    MeetingFactory()
    with translation.override(language):
        url = reverse("forums:meeting_list")
        query = {"fiscal_year": YEAR, "is_important": "true"}
        csv_response = manager_client.get(url, {**query, "_export": "csv"})
        xlsx_response = manager_client.get(url, {**query, "_export": "xlsx"})
    title, _rows = read_csv(csv_response)
    assert title.startswith(expected)
    assert title.endswith(timezone.localdate().isoformat())
    title, _rows, sheet = read_xlsx(xlsx_response)
    assert title.startswith(expected)
    assert sheet.title == expected.split(" — ")[0]
    stem = {"en": "meetings-2014-15-", "fr": "reunions-2014-2015-"}[language]
    for response, ext in ((csv_response, "csv"), (xlsx_response, "xlsx")):
        assert f'filename="{stem}' in response["Content-Disposition"]
        assert response["Content-Disposition"].endswith(f'.{ext}"')


def test_csv_opens_in_excel_with_its_accents(manager_client):
    MeetingFactory(name_en="Réunion de Genève", name_fr="Réunion de Genève")
    with translation.override("fr"):
        response = manager_client.get(reverse("forums:meeting_list"), {"_export": "csv"})
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")
    assert "Réunion de Genève".encode() in body


# --- the positions export ---------------------------------------------------------------------


def test_positions_export_has_one_row_per_position(officer_client, officer, poisoned):
    engagement = poisoned["engagement"]
    PositionFactory(engagement=engagement, text="Second position", outcome_note="")
    response = officer_client.get(reverse("engagements:positions_export"), {"_export": "csv"})
    title, rows = read_csv(response)
    assert title.startswith("Positions delivered — Fiscal year: all years — downloaded on ")
    assert rows[0] == [
        "Engagement id",
        "Start",
        "Forum",
        "Meeting",
        "Position delivered",
        "Theme",
        "Outcome document",
        "Outcome",
        "Note on the outcome",
        "Set after the meeting",
        "Why it was set after the meeting",
        "Engagement link",
    ]
    mine = [row for row in rows[1:] if row[0] == str(engagement.pk)]
    assert len(mine) == 2
    assert mine[0][3] == "'" + FORMULA
    assert mine[0][7] == "Reflected" and mine[0][8] == "'-2+3"
    assert mine[0][9:11] == ["No", ""]
    assert mine[0][11] == f"http://testserver/en/engagements/{engagement.pk}/"


def test_positions_export_shows_what_the_list_shows(officer_client, officer, other_officer):
    own_draft = EngagementFactory(lead_officer=officer, status=Engagement.Status.DRAFT)
    approved = EngagementFactory(lead_officer=other_officer, status=Engagement.Status.APPROVED)
    others_draft = EngagementFactory(lead_officer=other_officer, status=Engagement.Status.DRAFT)
    for engagement in (own_draft, approved, others_draft):
        PositionFactory(engagement=engagement)
    url = reverse("engagements:positions_export")
    _title, rows = read_csv(officer_client.get(url, {"_export": "csv"}))
    assert {row[0] for row in rows[1:]} == {str(own_draft.pk), str(approved.pk)}
    # the list's filters apply
    _title, rows = read_csv(officer_client.get(url, {"_export": "csv", "status": "approved"}))
    assert {row[0] for row in rows[1:]} == {str(approved.pk)}


def test_positions_export_is_linked_from_the_list_with_its_filters(officer_client):
    response = officer_client.get(reverse("engagements:list"), {"status": "approved"})
    url = reverse("engagements:positions_export")
    assert f'href="{url}?status=approved&amp;_export=csv"' in response.text
    assert f'href="{url}?status=approved&amp;_export=xlsx"' in response.text


def test_positions_export_values_equal_the_generic_path(manager, poisoned, rf):
    """The values_list() rows equal django-tables2's own reading of the same table."""
    from django_tables2.export import TableExport

    from engagements import selectors
    from engagements.tables import PositionExportTable

    PositionFactory(engagement=EngagementFactory(meeting=None, kind="bilateral"))
    request = rf.get("/")
    request.user = manager
    for language in ("en", "fr"):
        with translation.override(language):
            table = PositionExportTable(
                selectors.positions_for_export(Engagement.objects.visible_to(request.user))
            )
            table.request = request
            names = [column.name for column in exports.export_columns(table)]
            fast = [list(row) for row in table.export_rows(table.data.data, names)]
            generic = [list(row) for row in TableExport("csv", table).dataset]
        assert fast == generic
        assert len(fast) == Position.objects.count()


# --- query counts -------------------------------------------------------------------------------


def count_queries(client, url, query):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, query)
        assert response.status_code == HTTPStatus.OK
        b"".join(response.streaming_content) if response.streaming else response.content
    return len(context.captured_queries)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("url_name", ["engagements:list", "engagements:positions_export"])
def test_engagement_exports_query_counts_do_not_grow_with_rows(
    manager_client, officer, url_name, export_format
):
    url = reverse(url_name)
    for _ in range(2):
        PositionFactory(engagement=EngagementFactory(lead_officer=officer))
    few = count_queries(manager_client, url, {"_export": export_format})
    for _ in range(25):
        PositionFactory(engagement=EngagementFactory(lead_officer=officer))
    assert count_queries(manager_client, url, {"_export": export_format}) == few


def test_filters_not_understood_give_an_empty_file_that_says_so(manager_client):
    MeetingFactory()
    response = manager_client.get(
        reverse("forums:meeting_list"), {"fiscal_year": "20x", "_export": "csv"}
    )
    assert response.status_code == HTTPStatus.OK
    title, rows = read_csv(response)
    assert title.startswith("Meetings — filters not understood: no rows — downloaded on ")
    assert len(rows) == 1  # the header alone, as the page shows no row


def test_dashboard_results_are_percentages_in_xlsx(manager_client, poisoned):
    response = manager_client.get(
        reverse("dashboard"), {"year": YEAR, "_table": "indicators", "_export": "xlsx"}
    )
    _title, rows, sheet = read_xlsx(response)
    column = rows[0].index("Result") + 1
    number = next(n for n, row in enumerate(rows) if row[0] == "NI050-0377-2017")
    cell = sheet.cell(row=2 + number, column=column)
    assert cell.data_type == "n" and cell.value == pytest.approx(0.8)  # the recorded 80.0 %
    assert cell.number_format == "0.0%"


def test_every_cell_goes_through_the_rules_whatever_its_type():
    from django.utils.functional import lazy

    lazy_text = lazy(lambda: "=1+1", str)()
    lines = list(exports.csv_lines(["a", "b"], [[lazy_text, "x\x0b=y"], ["\x0b=z", -1]]))
    assert lines[2] == "'=1+1,x=y\r\n"
    assert lines[3] == "'=z,-1\r\n"  # the control character removed, then neutralised
