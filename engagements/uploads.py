"""Evidence files: which types are allowed, checked from the content (never from the name alone),
and how names are sanitised and generated.

Allowed: PDF, Word (.docx, .doc), Excel (.xlsx, .xls), PowerPoint (.pptx, .ppt), PNG, JPEG and plain
text. Old Office formats (.doc, .xls, .ppt) share one container (OLE2); OOXML ones are zip files that
must hold [Content_Types].xml and the part of their kind (word/document.xml, ...).
"""

import hashlib
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"

# extension -> (content type, how the content is recognised)
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain; charset=utf-8",
}
OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OLE2_EXTENSIONS = {"doc", "xls", "ppt"}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ALLOWED_TYPES)

_HTML_SNIFF = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<script|<iframe|<svg|<\?xml|<a\s|<img|<div|<table)",
    re.IGNORECASE,
)


def max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)


def max_files() -> int:
    return getattr(settings, "EVIDENCE_MAX_FILES", 10)


def max_total_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_TOTAL_BYTES", 50 * 1024 * 1024)


def max_unpacked_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)


# More parts than any real document has: a zip listing this many is refused unread.
OOXML_MAX_PARTS = 10_000


def sanitise_name(name: str) -> str:
    """A safe display name: no path, no control characters, only letters, digits, spaces and
    `.-_()`, at most 150 characters, keeping the extension."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"[^\w .()-]", "_", name).strip(" .")
    name = re.sub(r"\s+", " ", name)
    if not name:
        name = "file"
    stem, dot, ext = name.rpartition(".")
    if dot and len(name) > 150:
        name = f"{stem[: 149 - len(ext)]}.{ext}"
    return name[:150]


def extension_of(name: str) -> str:
    _stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot else ""


def generated_name(extension: str) -> str:
    """The name the file is stored under: random, so nothing about it comes from the user."""
    return f"{uuid.uuid4().hex}.{extension}"


def _looks_like_ooxml(upload, extension: str) -> bool:
    """Whether the zip holds the parts of its kind; ValidationError when it would unpack to an
    absurd size (a "zip bomb": a few hundred kilobytes that unpack to gigabytes in whatever opens
    it). The portal never unpacks it: the sizes the zip's directory declares are added up."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
            if len(parts) > OOXML_MAX_PARTS:
                return False
            unpacked = sum(part.file_size for part in parts)
            names = {part.filename for part in parts}
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    limit = max_unpacked_bytes()
    if unpacked > limit:
        raise ValidationError(
            _(
                "“%(name)s” would unpack to %(size)s: Word, Excel and PowerPoint files may "
                "unpack to at most %(limit)s. It was refused."
            )
            % {
                "name": sanitise_name(getattr(upload, "name", "")),
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(limit),
            },
            code="unpacks_too_large",
        )
    return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if _HTML_SNIFF.match(data.lstrip(b"\xef\xbb\xbf")):
        return False
    return "<script" not in text.lower()


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    original_name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload) -> CheckedFile:
    """Validate one uploaded file; ValidationError (in the user's language) when refused."""
    name = sanitise_name(getattr(upload, "name", ""))
    size = upload.size or 0
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s: files may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    extension = extension_of(name)
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not an allowed type. Allowed: PDF, Word, Excel, PowerPoint, PNG, "
                "JPEG and plain text."
            )
            % {"name": name},
            code="type_not_allowed",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension == "pdf":
        ok = head.startswith(PDF_MAGIC)
    elif extension in OOXML_PARTS:
        ok = head.startswith(ZIP_MAGIC) and _looks_like_ooxml(upload, extension)
    elif extension in OLE2_EXTENSIONS:
        ok = head.startswith(OLE2_MAGIC)
    elif extension == "png":
        ok = head.startswith(PNG_MAGIC)
    elif extension in ("jpg", "jpeg"):
        ok = head.startswith(JPEG_MAGIC)
    else:  # txt: the whole file must be UTF-8 text, not markup
        ok = _is_plain_text(upload.read())
        upload.seek(0)
    if not ok:
        raise ValidationError(
            _("“%(name)s” does not contain what its name says (.%(extension)s): it was refused.")
            % {"name": name, "extension": extension},
            code="content_mismatch",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        upload=upload,
        original_name=name,
        extension=extension,
        content_type=ALLOWED_TYPES[extension],
        size=size,
        sha256=digest.hexdigest(),
    )
