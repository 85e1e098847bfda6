"""Reading an uploaded spreadsheet: one reader for XLSX (openpyxl, read-only streaming mode) and
CSV (UTF-8 with or without BOM, comma or semicolon). It checks what the file is from its content
(engagements.uploads, the evidence rules) and yields (row number, cells) pairs; what the cells
mean is the import's business (imports.rows)."""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from engagements import uploads

# the parts that make a workbook macro-enabled, whatever its name says
MACRO_PARTS = ("xl/vbaProject.bin", "xl/macrosheets/")
MACRO_CONTENT_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled"


class FileRefused(Exception):
    """The file cannot be read as an import at all: a page message, not a row error."""


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    rows: Iterator[tuple[int, list]]  # (row number as the spreadsheet shows it, cells)


def check_file(upload) -> str:
    """The file's format ("xlsx" or "csv") from its name and its content; FileRefused otherwise."""
    name = uploads.sanitise_name(getattr(upload, "name", ""))
    size = upload.size or 0
    if size > max_bytes():
        raise FileRefused(
            _("“%(name)s” is %(size)s: import files may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    if size == 0:
        raise FileRefused(_("“%(name)s” is empty.") % {"name": name})
    extension = uploads.extension_of(name)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(uploads.OLE2_MAGIC):
        # an encrypted (password-protected) workbook is an OLE2 container, like old .xls files
        raise FileRefused(
            _(
                "“%(name)s” is encrypted (protected by a password) or an old Excel file (.xls): "
                "save it as an Excel workbook (.xlsx) without a password, or as CSV."
            )
            % {"name": name}
        )
    if extension == "xlsm" or extension == "xlsb":
        raise FileRefused(
            _(
                "“%(name)s” is a macro-enabled workbook: save it as an Excel workbook (.xlsx) "
                "or as CSV."
            )
            % {"name": name}
        )
    if head.startswith(uploads.ZIP_MAGIC):
        try:
            is_workbook = uploads._looks_like_ooxml(upload, "xlsx")
        except uploads.ValidationError as error:
            raise FileRefused(" ".join(error.messages)) from error
        if not is_workbook:
            raise FileRefused(
                _("“%(name)s” is a zip file but not an Excel workbook: it was refused.")
                % {"name": name}
            )
        if _has_macros(upload):
            raise FileRefused(
                _(
                    "“%(name)s” contains macros: save it as an Excel workbook (.xlsx) without "
                    "macros, or as CSV."
                )
                % {"name": name}
            )
        return "xlsx"
    if extension in ("csv", "txt"):
        return "csv"
    raise FileRefused(
        _("“%(name)s” is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file.")
        % {"name": name}
    )


def _has_macros(upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if any(n.startswith(MACRO_PARTS) for n in names):
                return True
            with archive.open("[Content_Types].xml") as types:
                return MACRO_CONTENT_TYPE in types.read(1024 * 1024)
    finally:
        upload.seek(0)


def _cell(value):
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time(0) else value
    if isinstance(value, str):
        return value.strip()
    return value


def _is_blank(cells) -> bool:
    return all(value is None or value == "" for value in cells)


def open_sheet(upload, file_format: str) -> Sheet:
    """The first sheet's header row and an iterator over its other rows, blank rows skipped."""
    if file_format == "xlsx":
        return _open_xlsx(upload)
    return _open_csv(upload)


def _limited(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    count = 0
    for number, cells in rows:
        if _is_blank(cells):
            continue
        count += 1
        if count > max_rows():
            raise FileRefused(
                _("The file has more than %(limit)s rows: split it into several files.")
                % {"limit": f"{max_rows():,}".replace(",", "\N{NO-BREAK SPACE}")}
            )
        yield number, cells


def _open_xlsx(upload) -> Sheet:
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise FileRefused(_("The workbook cannot be read: %(error)s") % {"error": error}) from error
    sheet = workbook.worksheets[0]
    # the size a workbook states for its sheet is not trusted: read-only mode would stop at a
    # row or column count that is too small (rows silently dropped) and fill one that is too
    # large with empty rows; the rows are counted as they stream instead
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    header = []
    header_number = 0
    for number, cells in enumerate(rows, start=1):
        if not _is_blank(cells):
            header, header_number = [_cell(c) for c in cells], number
            break

    def body():
        try:
            for number, cells in enumerate(rows, start=header_number + 1):
                yield number, [_cell(c) for c in cells]
        finally:
            workbook.close()

    return Sheet(header=_header(header), rows=_limited(body()))


def _header(cells) -> list[str]:
    header = ["" if c is None else str(c).strip() for c in cells]
    while header and header[-1] == "":
        header.pop()
    return header


def _open_csv(upload) -> Sheet:
    upload.seek(0)
    data = upload.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and upload it again.")
        ) from error
    first_line = text.split("\n", 1)[0]
    # French Excel saves with semicolons; the header row says which
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = []
    for cells in reader:
        if not _is_blank(cells):
            header = cells
            break

    def body():
        for cells in reader:
            yield reader.line_num, [c.strip() for c in cells]

    return Sheet(header=_header(header), rows=_limited(body()))
