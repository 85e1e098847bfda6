"""The XLSX templates, in the reader's language: a sheet with the header row (drop-down lists on
the columns that take a listed value), a sheet of instructions, and one sheet per list of valid
values."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from core.models import current_language
from engagements.models import Engagement, Position, Theme
from forums.models import Forum, Meeting, OutcomeDocument

from .engagements import COLUMNS
from .meetings import COLUMNS as MEETING_COLUMNS
from .rows import Column

MAX_TEMPLATE_ROWS = 5000  # rows the drop-down lists cover


def header_of(column: Column) -> str:
    """English templates head their columns with the keys (the contract); French ones with the
    French labels (both are read back)."""
    return column.key if current_language() == "en" else str(column.label)


def _values_sheet(workbook, title, heading, rows):
    sheet = workbook.create_sheet(title)
    sheet.append(heading)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for index in range(1, len(heading) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 40
    return sheet, len(rows) + 1


def _list_validation(sheet, column_index, source, last_row, *, strict=True):
    letter = get_column_letter(column_index)
    validation = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(source)}!$A$2:$A${max(last_row, 2)}",
        allow_blank=True,
        showErrorMessage=strict,
        errorStyle="stop" if strict else "warning",
    )
    validation.error = _("Choose a value from the list.")
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{MAX_TEMPLATE_ROWS}")


def _finish(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(workbook, columns, lines):
    sheet = workbook.create_sheet(_("Instructions"))
    for line in lines:
        sheet.append([line])
    sheet.append([])
    sheet.append([_("Column"), _("Key"), _("Required"), _("What to write"), _("Example")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in columns:
        sheet.append(
            [
                header_of(column),
                column.key,
                _("yes") if column.required else _("no"),
                str(column.help),
                column.example,
            ]
        )
    for letter, width in zip("ABCDE", (30, 22, 10, 80, 25), strict=True):
        sheet.column_dimensions[letter].width = width


def _header_sheet(workbook, title, columns):
    sheet = workbook.active
    sheet.title = title
    sheet.append([header_of(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index in range(1, len(columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    return sheet


def _forums_sheet(workbook):
    french = current_language() == "fr"
    forums = [
        (f.acronym, f.name, f.acronym_en, f.acronym_fr)
        for f in Forum.objects.filter(is_active=True).order_by(
            "acronym_fr" if french else "acronym_en"
        )
    ]
    _sheet, end = _values_sheet(
        workbook,
        _("Forums"),
        [_("Acronym"), _("Name"), _("acronym (English)"), _("acronym (French)")],
        forums,
    )
    return end


def meetings_template() -> bytes:
    workbook = Workbook()
    sheet = _header_sheet(workbook, _("Meetings"), MEETING_COLUMNS)
    _instructions(
        workbook,
        MEETING_COLUMNS,
        [
            _("Import meetings and their outcome documents"),
            _(
                "One row per outcome document. Rows with the same reference are one meeting: "
                "write its own columns (forum to important) on its first row; the other rows "
                "may leave them empty or repeat them."
            ),
            _(
                "Identifying a meeting as important is your decision, dated the day of the "
                "import: for meetings that have begun, say why before committing (they are "
                "flagged as identified after the meeting began)."
            ),
            _("Upload the file as it is (XLSX) or saved as CSV UTF-8."),
        ],
    )
    forums_end = _forums_sheet(workbook)
    kinds = [(str(label), value) for value, label in OutcomeDocument.Kind.choices]
    _kinds, kinds_end = _values_sheet(workbook, _("Document kinds"), [_("Name"), _("Code")], kinds)
    _answers, answers_end = _values_sheet(
        workbook, _("Yes or no"), [_("Answer")], [(_("yes"),), (_("no"),)]
    )
    position = {c.key: i for i, c in enumerate(MEETING_COLUMNS, start=1)}
    _list_validation(sheet, position["forum"], _("Forums"), forums_end)
    _list_validation(sheet, position["important"], _("Yes or no"), answers_end)
    _list_validation(sheet, position["outcome_document_kind"], _("Document kinds"), kinds_end)
    return _finish(workbook)


def engagements_template() -> bytes:
    workbook = Workbook()
    sheet = _header_sheet(workbook, _("Engagements"), COLUMNS)
    _instructions(
        workbook,
        COLUMNS,
        [
            _("Import engagements and their positions"),
            _(
                "One row per position. Rows with the same reference are one engagement: write "
                "its own columns (kind to summary) on its first row; the other rows may leave "
                "them empty or repeat them."
            ),
            _(
                "Dates as YYYY-MM-DD or spreadsheet dates. Names of forums, meetings, themes and "
                "outcomes in English or in French, or their codes: see the other sheets."
            ),
            _("Upload the file as it is (XLSX) or saved as CSV UTF-8."),
        ],
    )
    kinds = [(str(label), value) for value, label in Engagement.Kind.choices]
    _kinds, kinds_end = _values_sheet(workbook, _("Kinds"), [_("Name"), _("Code")], kinds)
    forums_end = _forums_sheet(workbook)
    meetings = [
        (m.name, m.forum.acronym, m.start_date.isoformat(), m.end_date.isoformat())
        for m in Meeting.objects.select_related("forum").order_by("-start_date")[:2000]
    ]
    _meetings, meetings_end = _values_sheet(
        workbook, _("Meetings"), [_("Name"), _("Forum"), _("Start date"), _("End date")], meetings
    )
    themes = [(t.name, t.code) for t in Theme.objects.filter(is_active=True)]
    _themes, themes_end = _values_sheet(workbook, _("Themes"), [_("Name"), _("Code")], themes)
    outcomes = [(str(label), value) for value, label in Position.Outcome.choices]
    _outcomes, outcomes_end = _values_sheet(
        workbook, _("Outcomes"), [_("Name"), _("Code")], outcomes
    )
    position = {c.key: i for i, c in enumerate(COLUMNS, start=1)}
    _list_validation(sheet, position["kind"], _("Kinds"), kinds_end)
    _list_validation(sheet, position["forum"], _("Forums"), forums_end)
    # several themes go in one cell, and a meeting name may be typed: a warning, not a stop
    _list_validation(sheet, position["meeting"], _("Meetings"), meetings_end, strict=False)
    _list_validation(sheet, position["themes"], _("Themes"), themes_end, strict=False)
    _list_validation(sheet, position["position_theme"], _("Themes"), themes_end)
    _list_validation(sheet, position["outcome"], _("Outcomes"), outcomes_end)
    return _finish(workbook)
