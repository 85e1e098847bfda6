"""Files the tests write: CSV and XLSX bytes from rows, uploaded as the browser would."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = [
    "reference",
    "kind",
    "forum",
    "meeting",
    "start_date",
    "end_date",
    "city",
    "country",
    "lead_officer",
    "themes",
    "summary",
    "position",
    "position_theme",
    "outcome_document",
    "outcome",
    "outcome_note",
]


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(key, "") for key in header] if isinstance(row, dict) else row)
    data = buffer.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(key) for key in header] if isinstance(row, dict) else row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name="engagements.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def row(**values):
    base = {
        "reference": "ATCR-2013-1",
        "kind": "meeting",
        "forum": "ATCR",
        "meeting": "ATCR 2013",
        "start_date": "2013-06-25",
        "end_date": "2013-06-27",
        "city": "Geneva",
        "country": "CH",
        "lead_officer": "",
        "themes": "resettlement",
        "summary": "Canada chaired the consultations.",
        "position": "Canada supports multi-year resettlement commitments.",
        "position_theme": "resettlement",
        "outcome_document": "Chair's summary 2013",
        "outcome": "reflected",
        "outcome_note": "",
    }
    base.update(values)
    return base
