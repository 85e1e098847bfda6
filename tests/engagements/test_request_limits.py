"""One request cannot tie up a worker: an oversized positions formset is refused before it is
built, evidence is capped per save (count and total size), and zip bombs are refused unread
(issue 10, finding 6)."""

import io
import time
import zipfile
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from engagements import forms as engagement_forms
from engagements.models import Engagement, Evidence, Position
from engagements.uploads import check_upload
from tests.engagements.factories import theme
from tests.engagements.test_uploads import minimal_pdf
from tests.engagements.test_views import form_data

pytestmark = pytest.mark.django_db


def test_a_thousand_position_rows_are_refused_quickly(officer_client, officer, monkeypatch):
    built = []
    original = engagement_forms.PositionForm.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(engagement_forms.PositionForm, "__init__", counting)
    data = form_data(officer)
    data["positions-TOTAL_FORMS"] = "1000"
    started = time.monotonic()
    response = officer_client.post(reverse("engagements:create"), data)
    elapsed = time.monotonic() - started
    assert response.status_code == HTTPStatus.OK
    assert "At most 50 positions can be saved with one engagement." in response.content.decode()
    assert not Engagement.objects.exists() and not Position.objects.exists()
    # at most the 50 allowed rows are built (twice: validated, then the page's own copy)
    assert len(built) <= 2 * engagement_forms.MAX_POSITIONS + 1
    assert elapsed < 20, f"{elapsed:.1f} s"


def test_fifty_positions_are_still_accepted(officer_client, officer):
    data = form_data(officer)
    data["positions-TOTAL_FORMS"] = "50"
    for index in range(50):
        data[f"positions-{index}-text"] = f"Position {index}"
        data[f"positions-{index}-theme"] = theme().pk
        data[f"positions-{index}-outcome"] = "pending"
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.FOUND
    assert Position.objects.count() == 50


def _pdf(index):
    return SimpleUploadedFile(f"evidence-{index}.pdf", minimal_pdf(), "application/pdf")


@override_settings(EVIDENCE_MAX_FILES=3)
def test_too_many_files_in_one_save_are_refused(officer_client, officer):
    data = form_data(officer)
    data["files"] = [_pdf(index) for index in range(4)]
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert "Attach at most 3 files at a time (you chose 4)." in response.content.decode()
    assert not Evidence.objects.exists() and not Engagement.objects.exists()


@override_settings(EVIDENCE_MAX_FILES=3)
def test_the_limit_itself_is_accepted(officer_client, officer):
    data = form_data(officer)
    data["files"] = [_pdf(index) for index in range(3)]
    assert officer_client.post(reverse("engagements:create"), data).status_code == 302
    assert Evidence.objects.count() == 3


@override_settings(EVIDENCE_MAX_TOTAL_BYTES=1000)
def test_too_many_bytes_in_one_save_are_refused(officer_client, officer):
    data = form_data(officer)
    data["files"] = [
        SimpleUploadedFile(f"notes-{i}.txt", b"a" * 600, "text/plain") for i in range(2)
    ]
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert "These files add up to 1.2" in response.content.decode()
    assert not Evidence.objects.exists()


def zip_bomb(part="word/document.xml", unpacked=200 * 1024 * 1024) -> bytes:
    """A real .docx-shaped zip whose main part unpacks to `unpacked` bytes of zeros (about
    200 kB on the wire for 200 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open(part, "w") as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_a_200_mb_zip_bomb_is_refused():
    content = zip_bomb()
    assert len(content) < 1024 * 1024  # small on the wire
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("report.docx", content))
    assert refused.value.code == "unpacks_too_large"
    assert "would unpack to 200.0" in refused.value.messages[0]


@override_settings(EVIDENCE_MAX_UNPACKED_BYTES=5 * 1024 * 1024)
def test_a_zip_bomb_is_refused_on_the_form(officer_client, officer):
    data = form_data(officer)
    data["files"] = [
        SimpleUploadedFile("figures.xlsx", zip_bomb("xl/workbook.xml", 6 * 1024 * 1024))
    ]
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert "would unpack to" in response.content.decode()
    assert not Evidence.objects.exists() and not Engagement.objects.exists()


@override_settings(EVIDENCE_MAX_UNPACKED_BYTES=5 * 1024 * 1024)
def test_an_ordinary_document_under_the_limit_passes():
    content = zip_bomb("ppt/presentation.xml", 4 * 1024 * 1024)
    assert check_upload(SimpleUploadedFile("deck.pptx", content)).extension == "pptx"
