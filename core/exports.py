"""Every CSV and XLSX file the portal sends is written here.

Where the values come from:

- an ordinary table: django-tables2's `TableExport` (its `Table.as_values()`: the columns' headers,
  then each cell's `value_<column>` / `render_<column>` / `Column.value`), so a new column exports
  with no extra code;
- a volume table (the engagement list, a million rows): the table's own `export_rows(queryset,
  columns)`, read with `.values_list()` in chunks, used only when it gives exactly the table's
  export columns (else the table goes through `TableExport` like any other).

How they are written, whatever the source (the same rules for every file):

- a text cell beginning with =, +, -, @, a tab or a carriage return is neutralised (`neutralise`:
  defusedcsv's and OWASP's rule, a leading apostrophe) so that a spreadsheet never reads it as a
  formula; numbers stay numbers, negative ones too;
- characters a workbook cannot hold (control characters other than tab, line feed and carriage
  return) are removed, in CSV too, so both files carry the same text;
- CSV is UTF-8 with a byte-order mark (Excel then reads the accents), streamed row by row;
- XLSX is written in openpyxl's write-only mode into a temporary file (memory stays flat), its
  cells typed: numbers and `Money` as numbers, `Percent` as a fraction with a percent format, dates
  as dates; a larger table than a sheet holds is refused with a message pointing to CSV;
- both start with a title row in the reader's language (what, which fiscal year, which filters,
  the download date), then the column headers.

The GC InfoBase indicator CSV keeps GC InfoBase's own layout (`csv_lines(..., bom=False)`: UTF-8
without a mark, every text quoted, no title row), through the same cell rules.
"""

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tables2.export import TableExport
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.formatting import rounded

FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_048_574  # Excel's limit, less the title row and the header row
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class Money(Decimal):
    """An amount in Canadian dollars: a number in both files, shown as dollars in XLSX."""

    def __new__(cls, value, places=2):
        # a float sum (SQLite) becomes its shortest decimal, then rounded to the cent (half up)
        amount = super().__new__(cls, rounded(value, places))
        amount.places = places
        return amount


class Percent(Decimal):
    """A percentage as the pages write it (73.7 for 73.7 %): 73.7 in CSV, 0.737 shown as a
    percentage in XLSX (so that Excel computes with it as a percentage)."""

    def __new__(cls, value):
        return super().__new__(cls, str(value))


# --- the cell rules ------------------------------------------------------------------------------


_STARTS = frozenset(FORMULA_STARTS)
_remove_illegal = ILLEGAL_CHARACTERS_RE.sub
_find_illegal = ILLEGAL_CHARACTERS_RE.search
_PLAIN = (int, float, Decimal, date)
_WRITTEN_AS_IS = (str, *_PLAIN, type(None))


def neutralise(value):
    """A text beginning with a character that starts a formula gets a leading apostrophe
    (defusedcsv's rule): `=HYPERLINK(...)` arrives as the text it is. Anything else is returned
    as it is (a negative number stays a number)."""
    if isinstance(value, str) and value[:1] in _STARTS:
        return "'" + value
    return value


def clean(value):
    """One cell as both files carry it: text without the characters a workbook cannot hold,
    then neutralised; numbers and dates as they are; lazy translations become text. (It runs
    for every cell of a million rows: the common cases first.)"""
    if value is None or isinstance(value, _PLAIN):
        return value
    if not isinstance(value, str):
        value = force_str(value, strings_only=True)
        if not isinstance(value, str):
            return value
    return neutralise(_remove_illegal("", value))


def _clean_row(row):
    return [clean(value) for value in row]


# --- what a file is called and says about itself ------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """The title row, the sheet's name and the file's name, in the reader's language.

    `what` names the table ("Engagements"), `details` the fiscal year and the filters applied
    ("Fiscal year: 2014-15", "Status: Approved"), `year` the fiscal year's label for the file name.
    """

    what: str
    details: tuple[str, ...] = ()
    year: str = ""

    def title(self, today: date) -> str:
        parts = [str(self.what), *map(str, self.details)]
        return _("%(what)s — downloaded on %(date)s") % {
            "what": " — ".join(parts),
            "date": today.isoformat(),
        }

    def sheet_name(self) -> str:
        name = SHEET_NAME_FORBIDDEN.sub(" ", str(self.what)).strip() or "Export"
        return name[:31]

    def filename(self, export_format: str, today: date) -> str:
        stem = slugify(f"{self.what} {self.year}") or "export"
        return f"{stem}-{today.isoformat()}.{export_format}"


def describe_filters(filterset) -> list[str]:
    """The filters applied, as "Label: value" in the reader's language (choices and records by
    their labels), from a django-filter FilterSet's bound form; nothing when none is applied."""
    form = getattr(filterset, "form", None)
    if form is None or not form.is_bound or not form.is_valid():
        return []
    described = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = form.fields[name]
        described.append(labelled(field.label, display_value(field, value)))
    return described


def filters_heading(what: str, filterset) -> Heading:
    """A list's heading: the filters applied, its fiscal year first (or "all" when the list
    has a fiscal-year filter left empty), the year in the file's name."""
    details = describe_filters(filterset)
    year = ""
    form = getattr(filterset, "form", None)
    if form is not None and form.is_bound and not form.is_valid():
        # the list shows nothing (FilterView's strict mode): so does the file, and it says why
        return Heading(what=what, details=(_("filters not understood: no rows"),))
    if form is not None and "fiscal_year" in form.fields:
        value = form.cleaned_data.get("fiscal_year") if form.is_valid() else None
        if value:
            year = display_value(form.fields["fiscal_year"], value)
        else:
            details.insert(0, labelled(form.fields["fiscal_year"].label, _("all years")))
    return Heading(what=what, details=tuple(details or [_("no filter")]), year=year)


def labelled(label, value) -> str:
    """ "Status: Approved" / « Statut : Approuvée »."""
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def display_value(field, value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(display_value(field, item) for item in value)
    if hasattr(field, "label_from_instance") and hasattr(value, "pk"):
        return str(field.label_from_instance(value))
    choices = getattr(field, "choices", None)
    if choices is not None and not hasattr(field, "queryset"):
        labels = {str(key): label for key, label in choices}
        return str(labels.get(str(value), value))
    if isinstance(value, date):
        return value.isoformat()
    if translation.get_language() == "fr":
        return f"«\u00a0{value}\u00a0»"
    return f"“{value}”"


# --- where the values come from ----------------------------------------------------------------


def export_columns(table, exclude_columns=()):
    """The table's exported columns, as `Table.as_values()` chooses them."""
    return [
        column
        for column in table.columns.iterall()
        if not (column.column.exclude_from_export or column.name in exclude_columns)
    ]


def table_values(table, exclude_columns=()) -> tuple[list, Iterable]:
    """(header, rows): the volume table's own rows when it gives exactly its export columns,
    else django-tables2's TableExport (`Table.as_values()`)."""
    columns = export_columns(table, exclude_columns)
    names = [column.name for column in columns]
    data = getattr(table.data, "data", None)
    fast = getattr(table, "export_rows", None)
    if fast is not None and hasattr(data, "iterator"):
        rows = fast(data, names)
        if rows is not None:
            return [force_str(column.header, strings_only=True) for column in columns], rows
    dataset = TableExport("csv", table, exclude_columns=exclude_columns).dataset
    return list(dataset.headers or []), iter(dataset)


# --- the writers ------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() returns what it is given (csv.writer into a generator)."""

    def write(self, value):
        return value


def csv_lines(header, rows, *, title=None, bom=True, **fmtparams) -> Iterator[str]:
    """The CSV text line by line: a byte-order mark, the title row, the header, the rows."""
    writer = csv.writer(_Echo(), **fmtparams)
    if bom:
        yield "\ufeff"
    if title:
        yield writer.writerow([clean(title)])
    yield writer.writerow(_clean_row(header))
    for row in rows:
        # the same cells as _clean_row(row) gives, faster at a million rows: neutralise()'s rule
        # inlined, then the characters a workbook cannot hold looked for once in the whole line;
        # a row holding anything but text, numbers and dates (a lazy string) takes the full path
        line = writer.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in _STARTS else v for v in row]
        )
        if _find_illegal(line) or not all(isinstance(v, _WRITTEN_AS_IS) for v in row):
            line = writer.writerow(_clean_row(row))
        yield line


def _number_format(value):
    if isinstance(value, Money):
        places = "." + "0" * value.places if value.places else ""
        if translation.get_language() == "fr":
            return f'#,##0{places}\\ "$";-#,##0{places}\\ "$"'
        return f'"$"#,##0{places};-"$"#,##0{places}'
    if isinstance(value, Percent):
        return "0.0%"
    if isinstance(value, datetime):
        return "yyyy-mm-dd hh:mm"
    if isinstance(value, date):
        return "yyyy-mm-dd"
    return None


class TooManyRows(Exception):
    pass


def xlsx_file(header, rows, *, title, sheet_name, limit=None):
    """The workbook in a temporary file (write-only mode: rows go to disk as they come), its
    cells typed and formatted. TooManyRows beyond what a sheet holds."""
    limit = XLSX_MAX_ROWS if limit is None else limit
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name)
    sheet.freeze_panes = "A3"
    header = _clean_row(header)
    for index, text in enumerate(header, start=1):
        width = min(max(len(str(text or "")) + 4, 12), 60)
        sheet.column_dimensions[get_column_letter(index)].width = width
    title_cell = WriteOnlyCell(sheet, value=clean(title))
    title_cell.font = Font(bold=True, size=13)
    sheet.append([title_cell])
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for number, row in enumerate(rows, start=1):
        if number > limit:
            sheet.close()  # ends the worksheet's writer and removes its temporary file
            raise TooManyRows
        sheet.append([_xlsx_cell(sheet, clean(value)) for value in row])
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def _xlsx_cell(sheet, value):
    number_format = _number_format(value)
    if number_format is None:
        return value
    if isinstance(value, Percent):
        value = Decimal(value) / 100
    elif isinstance(value, Money):
        value = Decimal(value)
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


# --- the responses ------------------------------------------------------------------------------


def response(header, rows, export_format, heading: Heading, today: date):
    """The file as an attachment: CSV streamed as the rows are read, XLSX once written."""
    filename = heading.filename(export_format, today)
    title = heading.title(today)
    if export_format == "csv":
        language = translation.get_language()

        def lines():
            # the body is produced after the view has returned: keep the request's language
            with translation.override(language):
                yield from csv_lines(header, rows, title=title)

        streamed = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        streamed["Content-Disposition"] = f'attachment; filename="{filename}"'
        return streamed
    try:
        handle = xlsx_file(header, rows, title=title, sheet_name=heading.sheet_name())
    except TooManyRows:
        return HttpResponse(
            _(
                "This export has more rows than a spreadsheet can hold (%(limit)s): "
                "download it as CSV instead."
            )
            % {"limit": f"{XLSX_MAX_ROWS:,}"},
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


def table_response(table, export_format, heading: Heading, today: date, exclude_columns=()):
    header, rows = table_values(table, exclude_columns)
    return response(header, rows, export_format, heading, today)
