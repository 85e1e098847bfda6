"""Exports of large tables without holding them in memory.

django-tables2's TableExport builds a tablib Dataset of every row before writing a byte: fine for a
few thousand rows, hundreds of megabytes at a million. Here the same values (`Table.as_values`'s
rules: the column headers, then `row.get_cell_value()` per column, so `value_<column>` methods
apply) are written as they are read:

- CSV is a StreamingHttpResponse over the table's ordered queryset read with `.iterator()` in
  chunks (prefetches are done per chunk; PostgreSQL uses a server-side cursor), so memory stays flat
  whatever the number of rows.
- XLSX is written with openpyxl's write-only mode (rows go to a temporary file as they come, memory
  stays flat), then sent from that file. A workbook cannot be sent before it is complete (it is a
  zip whose directory comes last), and Excel stops at 1 048 576 rows: a larger export is refused
  with a message that points to CSV.
"""

import csv
import tempfile

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django_tables2.columns import Column, ManyToManyColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.rows import BoundRow
from django_tables2.utils import A, signature

CHUNK_SIZE = 2000
XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header row


class _Echo:
    """A file-like object whose write() returns what it is given (csv.writer into a generator)."""

    def write(self, value):
        return value


def _columns(table, exclude_columns=()):
    return [
        column
        for column in table.columns.iterall()
        if not (column.column.exclude_from_export or column.name in exclude_columns)
    ]


def _records(table):
    """The table's records in the table's order, read in chunks when the data is a queryset."""
    data = table.data.data
    if hasattr(data, "iterator"):
        return data.iterator(chunk_size=CHUNK_SIZE)
    return iter(data)


def iter_values(table, exclude_columns=()):
    """Header row, then one row per record: exactly what `table.as_values()` yields, computed as
    `BoundRow.get_cell_value()` does (choices shown through get_FOO_display(), `value_<column>`
    then `render_<column>` then the column's own value), but without inspecting each method's
    signature again for every cell: that alone held the export to a few thousand rows a second.
    A table with an `export_rows(queryset)` method gives its rows itself (read with values_list(),
    no model instance per row); the tests check they are the same values."""
    columns = [_ColumnValue(table, bound) for bound in _columns(table, exclude_columns)]
    yield [force_str(column.bound.header, strings_only=True) for column in columns]
    data = table.data.data
    if hasattr(table, "export_rows") and hasattr(data, "iterator") and not exclude_columns:
        # the table reads its own values at volume (e.g. EngagementTable: values_list())
        for values in table.export_rows(data):
            yield [force_str(value, strings_only=True) for value in values]
        return
    for record in _records(table):
        row = BoundRow(record, table=table)
        yield [force_str(column.value(row, record), strings_only=True) for column in columns]


_SIGNATURES = {}


def _call(fn, kwargs):
    """django_tables2.utils.call_with_appropriate, with the signature looked up once."""
    key = getattr(fn, "__func__", fn)
    found = _SIGNATURES.get(key)
    if found is None:
        found = _SIGNATURES[key] = signature(fn)
    names, catch_all = found
    if not catch_all:
        if any(name not in kwargs for name in names):
            return None
        kwargs = {name: kwargs[name] for name in names}
    return fn(**kwargs)


class _ColumnValue:
    """BoundRow._get_and_render_with(render_func=_call_value) for one column."""

    def __init__(self, table, bound):
        self.table = table
        self.bound = bound
        self.column = bound.column
        self.accessor = A(bound.accessor)
        self.is_link = isinstance(self.column, BaseLinkColumn)
        self.is_many = isinstance(self.column, ManyToManyColumn)
        # Column.value's default is render(): call the column's render directly
        function = getattr(bound.value, "__func__", None)
        self.call = self.column.render if function is Column.value else bound.value
        self.fields = {}

    def _field(self, record):
        model = type(record)
        if model not in self.fields:
            try:
                self.fields[model] = self.accessor.get_field(record)
            except FieldDoesNotExist:
                self.fields[model] = None
        return self.fields[model]

    def value(self, row, record):
        value = None
        penultimate, remainder = self.accessor.penultimate(record)
        if isinstance(penultimate, models.Model):
            field = self._field(record)
            display = getattr(penultimate, f"get_{remainder}_display", None)
            if field is not None and getattr(field, "choices", ()) and display:
                value = display()
                remainder = None
        if remainder:
            try:
                value = self.accessor.resolve(record)
            except Exception:
                if self.is_link and self.column.text is not None:
                    return self._value(row, record, None)
        if value in self.column.empty_values or (self.is_many and not value.exists()):
            return None
        return self._value(row, record, value)

    def _value(self, row, record, value):
        return _call(
            self.call,
            {
                "value": value,
                "record": record,
                "column": self.column,
                "bound_column": self.bound,
                "bound_row": row,
                "table": self.table,
            },
        )


def streaming_csv_response(table, filename, exclude_columns=()):
    """The table as CSV, written row by row as the rows are read (tablib's dialect: Excel's)."""
    writer = csv.writer(_Echo())
    language = translation.get_language()

    def lines():
        # the body is produced after the view has returned: keep the request's language
        with translation.override(language):
            for row in iter_values(table, exclude_columns):
                yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(table, filename, exclude_columns=(), title=""):
    """The table as an XLSX workbook built in write-only mode in a temporary file."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "Export")[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    rows = iter_values(table, exclude_columns)
    header = []
    for value in next(rows):
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for number, row in enumerate(rows, start=1):
        if number > XLSX_MAX_ROWS:
            sheet.close()  # ends the worksheet's writer and removes its temporary file
            return HttpResponse(
                _(
                    "This export has more rows than a spreadsheet can hold (%(limit)s): "
                    "download it as CSV instead."
                )
                % {"limit": f"{XLSX_MAX_ROWS:,}"},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        sheet.append(row)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
