"""Back up and restore everything the portal holds: the database, with the engine's own tools, and
the evidence files in the default storage. A restore gives back exactly what the backup held:
the same rows (history included, primary keys and sequences too), the same files byte for byte.

A backup is one .tar.gz, written 0600 (it holds password hashes and sessions), with
- `database.pgdump` on PostgreSQL: `pg_dump --format=custom`, taken in one snapshot;
- `database.sqlite3` on SQLite: a copy made with SQLite's online backup API
  (`sqlite3.Connection.backup`), consistent even while the portal writes;
- `media/<name>`: every stored file;
- `manifest.json`, last: the engine, the migrations applied, the rows of every table (counted in the
  same snapshot as the dump) and the SHA-256 and size of every other entry.

Why not django-dbbackup: it wraps the same tools, but restores the database and the media as two
separate commands, each on its own, so it cannot give the all-or-nothing restore below.

A restore changes nothing until the whole archive has been read and checked: every entry a regular
file with a safe name under `media/`, nothing missing or extra, every checksum and size as the
manifest says, the engine the same as the target's, no migration the code does not know, and the
row counts as the manifest says (counted in the staged SQLite copy; on PostgreSQL checked inside the
restoring transaction). The files are staged in a hidden folder inside MEDIA_ROOT, then database and
files are switched together: the media folder's entries are swapped by renames, the database is
replaced in one transaction (psql --single-transaction on PostgreSQL, the backup API on SQLite),
and if that fails the renames are undone. Every cached figure and list count is then out of date:
the data version the caches key on is replaced (core.cache).

A backup restores on the engine it was taken on (same PostgreSQL major version or newer); to move
between SQLite and PostgreSQL see the README ("Moving between SQLite and PostgreSQL").
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core import cache

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA = "media/"
# Hidden folders a restore makes inside MEDIA_ROOT (never backed up, never a stored name).
STAGING_PREFIX = ".restore-"
PREVIOUS_PREFIX = ".previous-"
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024
TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class BackupError(Exception):
    pass


# --- shared helpers -------------------------------------------------------------------------


def _engine(connection) -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def _is_hidden(name: str) -> bool:
    return name.startswith((STAGING_PREFIX, PREVIOUS_PREFIX))


def _stored_files(storage, folder="") -> list[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    if not folder:  # a restore's own staging folders are not part of the portal's files
        directories = [name for name in directories if not _is_hidden(name)]
    names = [f"{folder}/{name}" if folder else name for name in files]
    for directory in directories:
        names.extend(_stored_files(storage, f"{folder}/{directory}" if folder else directory))
    return sorted(names)


def _applied_migrations(connection) -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _safe_media_name(name: str) -> str:
    """A stored file's name as the archive gives it, refused when it could land anywhere but
    inside MEDIA_ROOT (absolute, `..`, empty parts, backslashes, a restore's own folders)."""
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
        or _is_hidden(path.parts[0])
    ):
        raise BackupError(f"the archive names a file outside the media folder: {name!r}")
    return name


def _postgres_environment(settings_dict) -> dict:
    """The environment pg_dump, pg_restore and psql connect with: Django's own translation of
    the connection settings (password, service, SSL options) plus host, port, user, database."""
    _args, extra = PostgresClient.settings_to_cmd_args_env(settings_dict, [])
    environment = {**os.environ, **(extra or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    environment["PGDATABASE"] = settings_dict["NAME"]
    return environment


def _run(command: list[str], *, connection, **kwargs) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(
            command,
            env=_postgres_environment(connection.settings_dict),
            capture_output=True,
            check=False,
            **kwargs,
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client tools "
            "(Debian: postgresql-client), of the server's major version or newer"
        ) from error
    if result.returncode:
        message = result.stderr.decode(errors="replace").strip() if result.stderr else ""
        raise BackupError(f"{command[0]} failed: {message}")
    return result


def _sqlite_tables(database: sqlite3.Connection) -> list[str]:
    rows = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(name for (name,) in rows)


def _count(cursor, quote, table: str) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # a table name listed by the engine
    return cursor.fetchone()[0]


def _quote_sqlite(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- writing --------------------------------------------------------------------------------


def _dump_postgresql(connection, destination: Path) -> dict[str, int]:
    """pg_dump in the snapshot of a read-only repeatable-read transaction, in which the rows are
    counted too: the counts describe exactly what the dump holds."""
    snapshot_holder = connection.copy()
    try:
        with snapshot_holder.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = snapshot_holder.introspection.table_names(cursor)
            rows = {
                table: _count(cursor, snapshot_holder.ops.quote_name, table) for table in tables
            }
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={destination}",
                    f"--dbname={connection.settings_dict['NAME']}",
                ],
                connection=connection,
            )
            cursor.execute("ROLLBACK")
    finally:
        snapshot_holder.close()
    return rows


def _dump_sqlite(connection, destination: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(destination)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, even from WAL
        cursor = copy.cursor()
        return {table: _count(cursor, _quote_sqlite, table) for table in _sqlite_tables(copy)}
    finally:
        copy.close()


class _Hashing:
    """A file object that hashes what is read through it (tarfile reads members through it)."""

    def __init__(self, handle):
        self.handle = handle
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data

    def entry(self) -> dict:
        return {"sha256": self.sha.hexdigest(), "size": self.size}


def _add(archive: tarfile.TarFile, name: str, handle, size: int) -> dict:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    reader = _Hashing(handle)
    archive.addfile(info, reader)
    return reader.entry()


def create_backup(destination: Path, *, using=DEFAULT_DB_ALIAS, storage=None) -> dict:
    """Write the archive to `destination` (0600; written beside it, then renamed into place, so
    a failed backup never leaves a partial archive under that name). Returns the manifest."""
    storage = storage or default_storage
    connection = connections[using]
    engine = _engine(connection)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".portal-backup-") as work:
        dump = Path(work) / DATABASE_MEMBER[engine]
        dumper = _dump_postgresql if engine == "postgresql" else _dump_sqlite
        rows = dumper(connection, dump)
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created_at": timezone.now().isoformat(),
            "migrations": _applied_migrations(connection),
            "rows": rows,
            "database": {},
            "files": {},
        }
        partial = Path(work) / "archive.tar.gz"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            with dump.open("rb") as handle:
                manifest["database"] = _add(
                    archive, DATABASE_MEMBER[engine], handle, dump.stat().st_size
                )
            for name in _stored_files(storage):
                with storage.open(name, "rb") as handle:
                    manifest["files"][name] = _add(
                        archive, MEDIA + name, handle, storage.size(name)
                    )
            content = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add(archive, MANIFEST, io.BytesIO(content), len(content))
        os.chmod(partial, 0o600)
        os.replace(partial, destination)
    return manifest


# --- reading and checking -------------------------------------------------------------------


def _contents(archive: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    """A member's contents; a link, a folder or a device is refused (tarfile gives them none)."""
    handle = archive.extractfile(member) if member.isreg() else None
    if handle is None:
        raise BackupError(f"{member.name} in the archive is not a regular file")
    return handle


def read_manifest(source: Path) -> dict:
    """The manifest alone (to describe a backup before restoring it); nothing is checked."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            member = archive.getmember(MANIFEST)
            if member.size > MANIFEST_MAX_BYTES:
                raise BackupError("the manifest is not a regular file of sensible size")
            return json.load(_contents(archive, member))
    except (KeyError, OSError, EOFError, ValueError, zlib.error, tarfile.TarError) as error:
        raise BackupError(f"Not a portal backup: {error}") from error


def _copy_member(handle, target: Path) -> dict:
    target.parent.mkdir(parents=True, exist_ok=True)
    sha, size = hashlib.sha256(), 0
    with target.open("xb") as out:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"sha256": sha.hexdigest(), "size": size}


def _stage_archive(source: Path, staging: Path, engine: str) -> tuple[dict, Path]:
    """Extract every entry into `staging` (the database as `database`, the files under `media/`),
    hashing as it goes, then check the whole against the manifest. Returns the manifest and the
    staged database's path; raises BackupError on the first thing that is not as it should be."""
    entries: dict[str, dict] = {}
    manifest_bytes = None
    database = staging / "database"
    media = staging / "media"
    media.mkdir()
    try:
        with tarfile.open(source, "r:gz") as archive:
            for member in archive:
                name = member.name
                if name in entries or (name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"the archive holds {name} twice")
                handle = _contents(archive, member)
                if name == MANIFEST:
                    if member.size > MANIFEST_MAX_BYTES:
                        raise BackupError("the manifest is too large")
                    manifest_bytes = handle.read()
                elif name in DATABASE_MEMBER.values():
                    if database.exists():
                        raise BackupError("the archive holds two databases")
                    entries[name] = _copy_member(handle, database)
                elif name.startswith(MEDIA):
                    entries[name] = _copy_member(
                        handle, media / _safe_media_name(name[len(MEDIA) :])
                    )
                else:
                    raise BackupError(f"the archive holds an unexpected entry: {name!r}")
    except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
        raise BackupError(f"the archive is damaged or truncated: {error}") from error
    if manifest_bytes is None:
        raise BackupError("Not a portal backup: the archive has no manifest")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as error:
        raise BackupError(f"the manifest is not valid JSON: {error}") from error
    _check_manifest(manifest, entries, engine)
    return manifest, database


def _check_manifest(manifest, entries: dict[str, dict], target_engine: str) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        format_ = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(
            f"unknown backup format {format_!r} (this portal restores format {FORMAT_VERSION})"
        )
    engine = manifest.get("engine")
    if engine not in DATABASE_MEMBER:
        raise BackupError(f"unknown database engine in the manifest: {engine!r}")
    if engine != target_engine:
        raise BackupError(
            f"this backup was taken on {engine} and the portal runs on {target_engine}: "
            "see the README, 'Moving between SQLite and PostgreSQL'"
        )
    files = manifest.get("files")
    rows = manifest.get("rows")
    if not isinstance(files, dict) or not isinstance(rows, dict) or not rows:
        raise BackupError("the manifest has no list of files or of row counts")
    if not all(
        isinstance(table, str) and TABLE_NAME.match(table) and type(count) is int and count >= 0
        for table, count in rows.items()
    ):
        raise BackupError("the manifest's row counts are not table names and whole numbers")
    expected = {DATABASE_MEMBER[engine]: manifest.get("database")}
    for name, entry in files.items():
        expected[MEDIA + _safe_media_name(name)] = entry
    missing = sorted(set(expected) - set(entries))
    extra = sorted(set(entries) - set(expected))
    if missing or extra:
        raise BackupError(
            f"the archive does not match its manifest: missing {missing[:5]}, extra {extra[:5]}"
        )
    for name, entry in expected.items():
        if entries[name] != entry:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")


def _check_sqlite_copy(connection, database: Path, rows: dict[str, int]) -> None:
    """SQLite's integrity check (through Django's backend: the CHECK constraints call the
    functions it registers) and every table's row count, on the staged copy."""
    checker = type(connection)(
        {**connection.settings_dict, "NAME": str(database)}, alias="backup-check"
    )
    try:
        with checker.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            if cursor.fetchone()[0] != "ok":
                raise BackupError("the backup's database fails SQLite's integrity check")
            tables = _sqlite_tables(checker.connection)
            found = {table: _count(cursor, _quote_sqlite, table) for table in tables}
    except DatabaseError as error:
        raise BackupError(f"the backup's database cannot be read: {error}") from error
    finally:
        checker.close()
    if found != rows:
        differences = {
            table: (rows.get(table), found.get(table))
            for table in sorted(set(found) | set(rows))
            if found.get(table) != rows.get(table)
        }
        raise BackupError(f"row counts differ from the manifest (manifest, backup): {differences}")


def _pg_dump_objects(connection, database: Path) -> tuple[set[str], set[str]]:
    """The dump's tables, and its text search configurations (search's portal_en and portal_fr),
    which are schema objects of their own that the restore must replace too."""
    listing = _run(["pg_restore", "--list", str(database)], connection=connection).stdout.decode()
    tables, configurations = set(), set()
    for line in listing.splitlines():
        parts = line.split()
        # "231; 1259 17552 TABLE public accounts_user postgres"
        if len(parts) >= 7 and parts[3] == "TABLE" and parts[4] != "DATA":
            tables.add(parts[5])
        # "4012; 3602 18101 TEXT SEARCH CONFIGURATION public portal_en postgres"
        if len(parts) >= 9 and parts[3:6] == ["TEXT", "SEARCH", "CONFIGURATION"]:
            configurations.add(parts[7])
    return tables, configurations


# --- switching ------------------------------------------------------------------------------


@contextmanager
def _swapped_media(live: Path, staged: Path, previous: Path) -> Iterator[None]:
    """Swap the entries of the live media folder for the staged ones (renames on one file
    system, so the folder itself may be a mount point). On an error inside the block, or while
    swapping, every rename is undone; on success the previous entries are deleted."""
    moves: list[tuple[Path, Path]] = []
    try:
        previous.mkdir()
        for entry in sorted(live.iterdir()):
            if not _is_hidden(entry.name):
                entry.rename(previous / entry.name)
                moves.append((entry, previous / entry.name))
        for entry in sorted(staged.iterdir()):
            entry.rename(live / entry.name)
            moves.append((entry, live / entry.name))
        yield
    except BaseException:
        for origin, moved in reversed(moves):
            moved.rename(origin)
        shutil.rmtree(previous, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _restore_sqlite(connection, database: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("a restore cannot run inside a transaction")
    source = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)  # one step: other connections see all or nothing
    except sqlite3.DatabaseError as error:
        raise BackupError(f"the database was not changed: {error}") from error
    finally:
        source.close()


def _restore_postgresql(connection, database: Path, rows: dict[str, int], script: Path) -> None:
    """One psql transaction: drop every table of the current schema, recreate them from the dump
    (pg_restore's SQL, without owners or grants, so another role may restore), then check every
    table's row count against the manifest; any error rolls the whole of it back."""
    in_dump, configurations = _pg_dump_objects(connection, database)
    if in_dump != set(rows):
        raise BackupError(
            f"the manifest's tables differ from the dump's: {sorted(in_dump ^ set(rows))[:5]}"
        )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        live_tables = connection.introspection.table_names(cursor)
    descriptor = os.open(script, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for table in live_tables:
            out.write(f"DROP TABLE IF EXISTS {quote(table)} CASCADE;\n".encode())
        for configuration in sorted(configurations):
            out.write(
                f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {quote(configuration)};\n".encode()
            )
        out.flush()
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(database)],
                stdout=out,
                stderr=subprocess.PIPE,
                check=True,
                env=_postgres_environment(connection.settings_dict),
            )
        except (OSError, subprocess.CalledProcessError) as error:
            raise BackupError(f"pg_restore could not read the dump: {error}") from error
        checks = "\n".join(
            f"  SELECT COUNT(*) INTO found FROM {quote(table)};\n"
            f"  IF found <> {count} THEN RAISE EXCEPTION "
            f"'row counts differ from the manifest: {table} has % rows, not {count}', found;"
            " END IF;"
            for table, count in sorted(rows.items())
        )
        out.write(
            f"\nRESET search_path;\nDO $check$\nDECLARE found bigint;\nBEGIN\n{checks}\n"
            "END\n$check$;\n".encode()
        )
    connection.close()  # no connection of ours holds a lock the restore waits for
    try:
        _run(
            [
                "psql",
                "--no-psqlrc",
                "--quiet",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                f"--file={script}",
                f"--dbname={connection.settings_dict['NAME']}",
            ],
            connection=connection,
        )
    except BackupError as error:
        raise BackupError(f"the database was not changed: {error}") from error


def restore_backup(source: Path, *, using=DEFAULT_DB_ALIAS, storage=None) -> dict:
    """Replace the database and the stored files with the backup's, all or nothing."""
    storage = storage or default_storage
    connection = connections[using]
    engine = _engine(connection)
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            "restore_portal restores evidence into a file-system storage (MEDIA_ROOT) only"
        )
    live = Path(storage.location)
    live.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    staging = live / f"{STAGING_PREFIX}{token}"
    staging.mkdir(mode=0o700)
    try:
        manifest, database = _stage_archive(Path(source), staging, engine)
        unknown = sorted(set(manifest.get("migrations") or []) - _known_migrations())
        if unknown:
            raise BackupError(
                "the backup was taken with newer code (migrations this code does not have: "
                + ", ".join(unknown[:5])
                + "); restore it with that version"
            )
        if engine == "sqlite":
            _check_sqlite_copy(connection, database, manifest["rows"])
        with _swapped_media(live, staging / "media", live / f"{PREVIOUS_PREFIX}{token}"):
            if engine == "sqlite":
                _restore_sqlite(connection, database)
            else:
                _restore_postgresql(connection, database, manifest["rows"], staging / "restore.sql")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    ContentType.objects.clear_cache()
    cache.invalidate()
    return manifest


def unapplied_migrations(using=DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations the code has that the (restored) database has not: run `migrate` for them."""
    return sorted(_known_migrations() - set(_applied_migrations(connections[using])))


def summarize(manifest: dict) -> str:
    rows = manifest.get("rows") or {}
    return (
        f"{manifest.get('engine', '?')} database, {sum(rows.values())} rows in "
        f"{len([count for count in rows.values() if count])} tables, "
        f"{len(manifest.get('files') or {})} files, taken {manifest.get('created_at', '?')}"
    )
