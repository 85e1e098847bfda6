"""backup_portal and restore_portal: a restore gives back exactly what the backup held (every
table's rows, history included, every dashboard figure, every file byte for byte) on the engine
the suite runs on (SQLite, and PostgreSQL with DATABASE_URL, as CI runs it); a damaged or tampered
archive changes nothing; the archive is readable by its owner only."""

import hashlib
import io
import json
import os
import stat
import tarfile
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from core.backup import MANIFEST, read_manifest
from core.fiscal import fiscal_year_range
from engagements.models import Engagement, Evidence, Position
from forums.models import Meeting
from indicators import calculations
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, EvidenceFactory, PositionFactory
from tests.forums.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

YEARS = fiscal_year_range(2010, 2020)


def every_table() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order (sessions included)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def every_figure() -> dict:
    return {key: calculation.series(YEARS) for key, calculation in calculations.REGISTRY.items()}


def every_file() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def state():
    return every_table(), every_figure(), every_file()


@pytest.fixture
def demo_data():
    call_command("seed_demo", "--engagements", "40", stdout=io.StringIO())
    engagement = Engagement.objects.filter(status=Engagement.Status.APPROVED).first()
    EvidenceFactory(engagement=engagement, file__data=b"ExCom conclusion, final text")
    return engagement


@pytest.fixture
def backed_up(tmp_path, demo_data):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    return archive


@pytest.fixture
def small_backup(tmp_path):
    """A few records of each kind and two files: enough to damage, quicker than the demo data."""
    for _ in range(3):
        engagement = EngagementFactory(meeting=MeetingFactory())
        PositionFactory(engagement=engagement)
        EvidenceFactory(engagement=engagement, file__data=f"evidence {engagement.pk}".encode())
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    return archive


def change_everything():
    """Rows added, altered and deleted (with their history rows), files changed, added, removed."""
    UserFactory(username="after-the-backup")
    meeting = Meeting.objects.order_by("pk").first()
    meeting.name_en = "Renamed after the backup"
    meeting.save()  # a history row too
    Position.objects.filter(pk__in=Position.objects.order_by("pk").values("pk")[:5]).delete()
    engagement = EngagementFactory(meeting=MeetingFactory())
    PositionFactory(engagement=engagement)
    Engagement.history.filter(history_id=Engagement.history.order_by("history_id")[0].pk).delete()
    evidence = Evidence.objects.order_by("pk").last()
    Path(evidence.file.path).write_bytes(b"overwritten")
    first_file = sorted(every_file())[0]
    default_storage.delete(first_file)
    default_storage.save("evidence/stray.txt", ContentFile(b"not in the backup"))


def test_round_trip_restores_every_row_figure_and_file(manager_client, backed_up):
    before = state()
    dashboard = manager_client.get(reverse("dashboard"))
    assert dashboard.status_code == HTTPStatus.OK
    change_everything()
    assert state() != before  # the figures were recomputed, and cached, from the changed data

    out = io.StringIO()
    call_command("restore_portal", str(backed_up), "--yes", stdout=out)

    assert "Restore complete" in out.getvalue()
    after = state()
    assert after[0] == before[0]  # every table, history and users included
    assert after[1] == before[1]  # every dashboard figure (and no stale cached one)
    assert after[2] == before[2]  # every file, byte for byte; nothing extra left
    assert manager_client.get(reverse("dashboard")).status_code == HTTPStatus.OK


def test_a_restore_adds_no_history_and_the_next_records_get_fresh_ids(backed_up):
    history = Engagement.history.count()
    call_command("restore_portal", str(backed_up), "--yes", stdout=io.StringIO())
    call_command("restore_portal", str(backed_up), "--yes", stdout=io.StringIO())
    assert Engagement.history.count() == history
    # sequences restored too: a new record (and its history row) does not collide
    newest_history = Engagement.history.order_by("-history_id")[0].history_id
    engagement = EngagementFactory()
    assert engagement.pk > Engagement.objects.exclude(pk=engagement.pk).latest("pk").pk
    assert min(engagement.history.values_list("history_id", flat=True)) > newest_history


def test_restored_passwords_and_roles_work(backed_up):
    UserFactory(username="keeper", role="Policy officers")
    archive = backed_up.with_name("with-keeper.tar.gz")
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    from accounts.models import User

    User.objects.filter(username="keeper").update(is_active=False)
    call_command("restore_portal", str(archive), "--yes", stdout=io.StringIO())
    keeper = User.objects.get(username="keeper")
    assert keeper.is_active
    assert keeper.check_password("correct horse battery staple")
    assert keeper.has_perm("forums.view_forum")


def test_the_archive_is_readable_by_its_owner_only(backed_up):
    assert stat.S_IMODE(os.stat(backed_up).st_mode) == 0o600
    manifest = read_manifest(backed_up)
    assert manifest["engine"] == connection.vendor
    assert manifest["rows"]["engagements_engagement"] == Engagement.objects.count()
    with tarfile.open(backed_up) as archive:
        names = archive.getnames()
    assert names[-1] == MANIFEST
    assert not [name for name in os.listdir(backed_up.parent) if name.startswith(".")]


# --- a damaged or tampered archive changes nothing --------------------------------------------


def rewrite(source: Path, destination: Path, *, manifest=None, members=None, extra=()):
    """A copy of the archive with the manifest edited by `manifest(dict)`, members' contents
    edited by `members(name, bytes) -> bytes`, and `extra` (TarInfo, bytes) entries added before
    the manifest."""
    with tarfile.open(source, "r:gz") as src, tarfile.open(destination, "w:gz") as dst:
        for member in src.getmembers():
            content = src.extractfile(member).read()
            if member.name == MANIFEST:
                for info, data in extra:
                    dst.addfile(info, io.BytesIO(data))
                if manifest:
                    document = json.loads(content)
                    manifest(document)
                    content = json.dumps(document).encode()
            elif members:
                content = members(member.name, content)
            member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    return destination


def entry(name, data=b"", kind=tarfile.REGTYPE, target=""):
    info = tarfile.TarInfo(name)
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.type = kind
    info.linkname = target
    return info, data


def sha(data: bytes) -> dict:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


PAYLOAD = b"planted"


def traversal(archive, damaged):
    def add(document):
        document["files"]["../../planted.txt"] = sha(PAYLOAD)

    return rewrite(
        archive, damaged, manifest=add, extra=[entry("media/../../planted.txt", PAYLOAD)]
    )


def absolute(archive, damaged):
    def add(document):
        document["files"]["/tmp/planted.txt"] = sha(PAYLOAD)

    return rewrite(archive, damaged, manifest=add, extra=[entry("media//tmp/planted.txt", PAYLOAD)])


def symlink(archive, damaged):
    return rewrite(
        archive,
        damaged,
        extra=[entry("media/evidence/link", kind=tarfile.SYMTYPE, target="/etc/passwd")],
    )


def bad_file_checksum(archive, damaged):
    return rewrite(
        archive,
        damaged,
        members=lambda name, data: data + b"tampered" if name.startswith("media/") else data,
    )


def bad_database_checksum(archive, damaged):
    def flip(name, data):
        return (
            data[:-100] + bytes(b ^ 0xFF for b in data[-100:])
            if name.startswith("database")
            else data
        )

    return rewrite(archive, damaged, members=flip)


def bad_counts(archive, damaged):
    def more(document):
        document["rows"]["engagements_historicalengagement"] += 1

    return rewrite(archive, damaged, manifest=more)


def unknown_table(archive, damaged):
    def add(document):
        document["rows"]['x"; DROP TABLE accounts_user; --'] = 0

    return rewrite(archive, damaged, manifest=add)


def missing_file(archive, damaged):
    def add(document):
        document["files"]["evidence/never-archived.pdf"] = sha(b"")

    return rewrite(archive, damaged, manifest=add)


def truncated(archive, damaged):
    data = archive.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    return damaged


def other_engine(archive, damaged):
    def swap(document):
        document["engine"] = "sqlite" if document["engine"] == "postgresql" else "postgresql"

    return rewrite(archive, damaged, manifest=swap)


def newer_code(archive, damaged):
    def add(document):
        document["migrations"].append("engagements.9999_from_the_future")

    return rewrite(archive, damaged, manifest=add)


DAMAGES = [
    (traversal, "outside the media folder"),
    (absolute, "outside the media folder"),
    (symlink, "not a regular file"),
    (bad_file_checksum, "does not match its checksum"),
    (bad_database_checksum, "does not match its checksum"),
    (bad_counts, "row counts differ"),
    (unknown_table, "row counts are not table names"),
    (missing_file, "does not match its manifest"),
    (truncated, "damaged or truncated|Not a portal backup"),
    (other_engine, "this backup was taken on"),
    (newer_code, "newer code"),
]


def test_a_damaged_or_tampered_archive_changes_nothing(small_backup, tmp_path):
    """Each kind of damage in turn, on one database (a transactional test's set-up is slow on
    PostgreSQL): each is refused with its reason, and the database and files stay as they were."""
    change_everything()
    before = state()
    for damage, message in DAMAGES:
        damaged = damage(small_backup, tmp_path / f"{damage.__name__}.tar.gz")

        with pytest.raises(CommandError, match=message):
            call_command("restore_portal", str(damaged), "--yes", stdout=io.StringIO())

        assert state() == before, damage.__name__
        assert not (tmp_path / "planted.txt").exists()
        assert not Path("/tmp/planted.txt").exists()
        assert not [name for name in os.listdir(settings.MEDIA_ROOT) if name.startswith(".")]
    # and the archive itself, undamaged, still restores
    call_command("restore_portal", str(small_backup), "--yes", stdout=io.StringIO())
    assert state() != before


def test_files_are_switched_back_when_the_database_step_fails(small_backup, monkeypatch):
    """The files are swapped in before the database is replaced: if that fails, the swap is undone."""
    from core import backup

    def fail(*args, **kwargs):
        raise backup.BackupError("the database was not changed: simulated failure")

    monkeypatch.setattr(backup, "_restore_sqlite", fail)
    monkeypatch.setattr(backup, "_restore_postgresql", fail)
    change_everything()
    before = state()

    with pytest.raises(CommandError, match="simulated failure"):
        call_command("restore_portal", str(small_backup), "--yes", stdout=io.StringIO())

    assert state() == before
    assert not [name for name in os.listdir(settings.MEDIA_ROOT) if name.startswith(".")]


def test_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"definitely not a tar file")
    with pytest.raises(CommandError, match="Not a portal backup"):
        call_command("restore_portal", str(bogus), "--yes", stdout=io.StringIO())


# --- a restore puts every cached figure and count out of use -----------------------------------


def test_a_restore_invalidates_cached_counts_and_figures(manager_client, backed_up, settings):
    """The cache holds figures and a list count computed from data the restore replaces (written
    here without signals, as another process's writes look to this one): none survives it."""
    from core import cache

    settings.LIST_COUNT_CACHE_SECONDS = 3600
    url = reverse("engagements:list")
    query = {"status": Engagement.Status.APPROVED}
    listed, figures = (
        manager_client.get(url, query).context["table"].paginator.count,
        every_figure(),
    )
    approved = Engagement.objects.filter(status=Engagement.Status.APPROVED)
    approved.filter(pk__in=approved.values("pk")[:3]).update(status=Engagement.Status.DRAFT)
    Position.objects.update(outcome=Position.Outcome.NOT_REFLECTED)
    cache.invalidate()
    changed = manager_client.get(url, query).context["table"].paginator
    assert (changed.count, every_figure()) != (listed, figures)  # now cached
    assert changed._count_from_cache is False

    call_command("restore_portal", str(backed_up), "--yes", stdout=io.StringIO())

    restored = manager_client.get(url, query).context["table"]
    assert restored.paginator.count == listed
    assert restored.paginator._count_from_cache is False  # counted afresh, not read from the cache
    assert every_figure() == figures


def test_demo_data_size_is_realistic(backed_up):
    """Guards the round-trip tests: they would prove little on a nearly empty database."""
    manifest = read_manifest(backed_up)
    assert manifest["rows"]["engagements_engagement"] >= 40
    assert manifest["rows"]["engagements_historicalengagement"] >= 40
    assert len(manifest["files"]) >= 2
