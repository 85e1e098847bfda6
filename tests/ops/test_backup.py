"""Backup and restore round trip: a restore gives back the same records and the same files."""

import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from core.backup import row_counts
from forums.models import Forum, Meeting
from tests.factories import MeetingFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    return {
        "forums": sorted(Forum.objects.values_list("pk", "acronym_en", "name_fr", "parent_id")),
        "meetings": sorted(
            Meeting.objects.values_list("pk", "forum_id", "name_fr", "start_date", "is_important")
        ),
        "history": Meeting.history.count(),
    }


def test_round_trip_restores_records_and_files(tmp_path, settings):
    UserFactory(username="keeper", role="Policy officers")
    OrganizationFactory()
    made = MeetingFactory.create_batch(3, is_important=True)
    stored = default_storage.save("evidence/2014/report.txt", ContentFile(b"ExCom conclusion text"))
    before, before_counts = snapshot(), row_counts()
    archive = tmp_path / "portal.tar.gz"

    call_command("backup_portal", str(archive), stdout=io.StringIO())

    # damage the live data and files after the backup
    Meeting.objects.filter(pk__in=[m.pk for m in made]).delete()
    MeetingFactory(name_en="Created after the backup")
    default_storage.delete(stored)
    default_storage.save("evidence/stray.txt", ContentFile(b"not in the backup"))

    call_command("restore_portal", str(archive), "--yes", stdout=io.StringIO())

    assert snapshot() == before
    assert row_counts() == before_counts
    assert default_storage.open(stored).read() == b"ExCom conclusion text"
    assert not default_storage.exists("evidence/stray.txt")
    from accounts.models import User

    keeper = User.objects.get(username="keeper")
    assert keeper.check_password("correct horse battery staple")
    assert keeper.groups.filter(name="Policy officers").exists()
    assert keeper.has_perm("forums.view_forum")


def test_damaged_backup_changes_nothing(tmp_path):
    MeetingFactory()
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            content = src.extractfile(member).read()
            if member.name == "data.json":
                content = content.replace(b"Session", b"Tampered")
            member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    before = snapshot()

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore_portal", str(damaged), "--yes", stdout=io.StringIO())
    assert snapshot() == before


def test_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"definitely not a tar file")
    with pytest.raises(CommandError, match="Not a portal backup"):
        call_command("restore_portal", str(bogus), "--yes", stdout=io.StringIO())
