from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, read_manifest, restore_backup, summarize, unapplied_migrations


class Command(BaseCommand):
    help = (
        "Replace everything in the portal's database and evidence storage with a backup made by "
        "backup_portal on the same database engine. All or nothing: the whole archive is checked "
        "first, and on any error neither the database nor the files change."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .tar.gz written by backup_portal.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )

    def handle(self, *args, path, yes, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No such backup: {source}")
        try:
            description = summarize(read_manifest(source))
        except BackupError as error:
            raise CommandError(str(error)) from error
        except (AttributeError, TypeError) as error:
            raise CommandError(f"Not a portal backup: its manifest is not one ({error})") from error
        self.stdout.write(f"Backup: {description}")
        if not yes:
            answer = input("This replaces ALL current data and files. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_backup(source)
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                "Restore complete: every table's row count and every file's checksum match "
                "the backup; cached figures and counts are out of use."
            )
        )
        missing = unapplied_migrations()
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(missing)} migration(s) of this code: "
                    "run `python manage.py migrate` now."
                )
            )
        backend = settings.CACHES["default"]["BACKEND"]
        if backend.endswith("LocMemCache"):
            self.stdout.write(
                self.style.WARNING(
                    "The cache is per process (CACHE_URL unset): restart the running server so "
                    "that it drops the figures it cached before the restore."
                )
            )
