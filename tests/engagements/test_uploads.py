"""Evidence uploads: real small files of each allowed type pass, disguised ones are refused, and the
download view serves them only to who may see the engagement."""

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from engagements.models import Engagement, Evidence
from engagements.uploads import OLE2_MAGIC, check_upload, sanitise_name
from tests.engagements.factories import EngagementFactory
from tests.engagements.test_views import form_data

pytestmark = pytest.mark.django_db


def minimal_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def minimal_png() -> bytes:
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def minimal_jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(part, '<?xml version="1.0"?><document/>')
    return buffer.getvalue()


def ole2() -> bytes:
    return OLE2_MAGIC + b"\x00" * 504


ALLOWED = [
    ("statement.pdf", minimal_pdf(), "application/pdf"),
    ("photo.png", minimal_png(), "image/png"),
    ("photo.jpg", minimal_jpeg(), "image/jpeg"),
    ("photo.jpeg", minimal_jpeg(), "image/jpeg"),
    (
        "report.docx",
        ooxml("word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "figures.xlsx",
        ooxml("xl/workbook.xml"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "deck.pptx",
        ooxml("ppt/presentation.xml"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("old.doc", ole2(), "application/msword"),
    ("old.xls", ole2(), "application/vnd.ms-excel"),
    ("old.ppt", ole2(), "application/vnd.ms-powerpoint"),
    ("notes.txt", "Notes de réunion : Canada appuie.\n".encode(), "text/plain; charset=utf-8"),
]

DISGUISED = [
    ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),  # a Windows executable
    ("report.docx", ooxml("xl/workbook.xml")),  # a spreadsheet named as a Word document
    ("report.docx", b"PK\x03\x04 not really a zip"),
    ("notes.txt", b"<html><body>hi</body></html>"),
    ("notes.txt", b"binary\x00data"),
    ("notes.txt", "caf\u00e9".encode("latin-1")),  # not UTF-8
    ("page.html", b"<p>hello</p>"),
    ("run.exe", b"MZ\x90\x00"),
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ("noextension", minimal_pdf()),
]


@pytest.mark.parametrize(("name", "content", "content_type"), ALLOWED, ids=[a[0] for a in ALLOWED])
def test_allowed_types_pass(name, content, content_type):
    checked = check_upload(SimpleUploadedFile(name, content))
    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "content"), DISGUISED, ids=[f"{d[0]}-{i}" for i, d in enumerate(DISGUISED)]
)
def test_disguised_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content))


@override_settings(EVIDENCE_MAX_BYTES=100)
def test_too_large_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("big.pdf", minimal_pdf() + b"0" * 200))
    assert error.value.code == "too_large"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("empty.pdf", b""))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\me\\Statement ExCom.pdf", "Statement ExCom.pdf"),
        ("<script>x</script>.pdf", "script_.pdf"),
        ("déclaration finale.docx", "déclaration finale.docx"),
        ("a\x00b\x1f.txt", "ab.txt"),
        ("", "file"),
    ],
)
def test_names_are_sanitised(raw, expected):
    assert sanitise_name(raw) == expected


def test_long_names_keep_their_extension():
    name = sanitise_name("x" * 400 + ".pdf")
    assert len(name) <= 150 and name.endswith(".pdf")


# --- through the form -------------------------------------------------------------------------


def test_upload_through_the_form_stores_under_a_generated_name(officer_client, officer):
    data = form_data(officer)
    data["files"] = [
        SimpleUploadedFile("../Déclaration ExCom.pdf", minimal_pdf()),
        SimpleUploadedFile("photo.png", minimal_png()),
    ]
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    stored = list(engagement.evidence.order_by("original_name"))
    assert [e.original_name for e in stored] == ["Déclaration ExCom.pdf", "photo.png"]
    for evidence in stored:
        assert "Déclaration" not in evidence.file.name
        assert evidence.file.name.startswith("evidence/")
        assert evidence.uploaded_by == officer

    pdf = stored[0]
    download = officer_client.get(pdf.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == minimal_pdf()


def test_a_disguised_file_refuses_the_whole_form(officer_client, officer):
    data = form_data(officer)
    data["files"] = [
        SimpleUploadedFile("good.pdf", minimal_pdf()),
        SimpleUploadedFile("evil.pdf", b"<html><script>alert(1)</script></html>"),
    ]
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == 200
    assert Engagement.objects.count() == 0
    assert Evidence.objects.count() == 0
    content = response.content.decode()
    assert "evil.pdf" in content and "does not contain what its name says" in content
    assert "choose your evidence files again" in content


def test_evidence_of_another_engagement_is_not_served(officer_client, officer):
    from tests.engagements.factories import EvidenceFactory

    mine = EngagementFactory(lead_officer=officer)
    evidence = EvidenceFactory(engagement=EngagementFactory(status=Engagement.Status.APPROVED))
    url = reverse("engagements:evidence_download", args=[mine.pk, evidence.pk])
    assert officer_client.get(url).status_code == 404


def test_removing_evidence_on_edit(officer_client, officer):
    from tests.engagements.factories import EvidenceFactory

    evidence = EvidenceFactory(engagement=EngagementFactory(lead_officer=officer))
    engagement = evidence.engagement
    data = form_data(officer, meeting=engagement.meeting, version=engagement.version)
    data["remove_evidence"] = [evidence.pk]
    response = officer_client.post(reverse("engagements:edit", args=[engagement.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_stored_file_shared_by_two_evidence_rows_stays_until_the_last_goes(client):
    """Demo data points many evidence rows at a few stored files: removing one row must not take
    the file from the others. (Transactional: the file is deleted on commit.)"""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from accounts.roles import OFFICERS
    from engagements.services import _save_evidence
    from tests.accounts.factories import UserFactory
    from tests.engagements.factories import EvidenceFactory

    officer = UserFactory(username="sharer", role=OFFICERS)
    name = default_storage.save("evidence/shared-demo.txt", ContentFile(b"shared"))
    first = EvidenceFactory(engagement=EngagementFactory(lead_officer=officer), file=name)
    second = EvidenceFactory(engagement=EngagementFactory(lead_officer=officer), file=name)

    with transaction.atomic():
        _save_evidence(first.engagement, [], [first], officer, [])
    assert default_storage.exists(name)
    with transaction.atomic():
        _save_evidence(second.engagement, [], [second], officer, [])
    assert not default_storage.exists(name)
