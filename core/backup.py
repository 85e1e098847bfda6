"""Back up and restore everything the portal holds: the database (as Django's portable JSON, so a
backup taken on SQLite restores on PostgreSQL and back, primary keys kept) and the evidence files in the default storage.

A backup is one .tar.gz with `manifest.json` (when, which migrations, how many rows per model),
`data.json` (dumpdata with natural keys) and `media/` (every stored file). A restore empties the target
database and loads the backup in one transaction: it either all lands or nothing changes.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import management
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

# Sessions are throw-away; everything else is copied with its primary keys, content types and
# permissions included, so that a restore is exact whatever order the target created them in.
EXCLUDED = ["sessions", "core.AuditTrail"]  # core.AuditTrail: a permission holder, no table
FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _stored_files(storage, folder="") -> list[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for directory in directories:
        names.extend(_stored_files(storage, f"{folder}/{directory}" if folder else directory))
    return sorted(names)


def _applied_migrations(using) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def row_counts(using=DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per model, for the manifest and to compare a restore with its source."""
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label == "sessions" or not model._meta.managed:
            continue  # unmanaged models (core.AuditTrail) have no table
        counts[label] = model._default_manager.using(using).count()
    return counts


def create_backup(destination: Path, *, using=DEFAULT_DB_ALIAS, storage=None) -> dict:
    storage = storage or default_storage
    data = io.StringIO()
    management.call_command(
        "dumpdata",
        exclude=EXCLUDED,
        database=using,
        stdout=data,
        verbosity=0,
    )
    payload = data.getvalue().encode()
    files = _stored_files(storage)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "migrations": _applied_migrations(using),
        "rows": row_counts(using),
        "data_sha256": hashlib.sha256(payload).hexdigest(),
        "files": {},
    }
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(destination, "w:gz") as archive:
        for name in files:
            with storage.open(name, "rb") as handle:
                content = handle.read()
            manifest["files"][name] = hashlib.sha256(content).hexdigest()
            _add(archive, f"media/{name}", content)
        _add(archive, "data.json", payload)
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def _add(archive, name, content: bytes):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_manifest(source: Path) -> dict:
    with tarfile.open(source, "r:gz") as archive:
        return json.load(archive.extractfile("manifest.json"))


def restore_backup(source: Path, *, using=DEFAULT_DB_ALIAS, storage=None) -> dict:
    """Replace the database's contents and the stored files with the backup's."""
    storage = storage or default_storage
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        missing = sorted(set(manifest["migrations"]) - set(_applied_migrations(using)))
        if missing:
            raise BackupError(
                "the backup was taken on a newer schema; run `migrate` first. Missing: "
                + ", ".join(missing[:5])
            )
        payload = archive.extractfile("data.json").read()
        if hashlib.sha256(payload).hexdigest() != manifest["data_sha256"]:
            raise BackupError("data.json does not match its checksum: the backup is damaged")
        media = {}
        for name, digest in manifest["files"].items():
            content = archive.extractfile(f"media/{name}").read()
            if hashlib.sha256(content).hexdigest() != digest:
                raise BackupError(f"{name} does not match its checksum: the backup is damaged")
            media[name] = content

    with tempfile.NamedTemporaryFile(suffix=".json") as fixture:
        fixture.write(payload)
        fixture.flush()
        with transaction.atomic(using=using):
            management.call_command(
                "flush", database=using, interactive=False, verbosity=0, inhibit_post_migrate=True
            )
            management.call_command("loaddata", fixture.name, database=using, verbosity=0)
    ContentType.objects.clear_cache()
    for name in _stored_files(storage):
        storage.delete(name)
    for name, content in media.items():
        storage.save(name, ContentFile(content))
    restored = row_counts(using)
    differences = {
        label: (count, restored.get(label))
        for label, count in manifest["rows"].items()
        if restored.get(label) != count
    }
    if differences:
        raise BackupError(f"row counts differ after restore: {differences}")
    return manifest


def summarize(manifest: dict) -> str:
    rows = Counter(manifest["rows"])
    return (
        f"{sum(rows.values())} rows in {len([r for r in rows.values() if r])} tables, "
        f"{len(manifest['files'])} files, taken {manifest['created_at']}"
    )
