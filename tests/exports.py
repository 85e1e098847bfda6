"""Reading the portal's exports in tests: the title row apart, then the header and the rows."""

import codecs
import csv
import io

import openpyxl


def read_csv(response) -> tuple[str, list[list[str]]]:
    """(title, [header, *rows]) of a CSV export, which must start with UTF-8's byte-order mark."""
    body = response.getvalue()
    assert body.startswith(codecs.BOM_UTF8), "the CSV must open in Excel with its accents"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    (title,) = rows[0]
    return title, rows[1:]


def read_xlsx(response):
    """(title, [header, *rows], sheet) of an XLSX export (the sheet for types and formats)."""
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0][0], rows[1:], sheet
