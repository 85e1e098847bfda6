import tarfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, read_manifest, restore_backup, summarize


class Command(BaseCommand):
    help = (
        "Replace everything in the portal's database and evidence storage with a backup made by "
        "backup_portal. Run `migrate` first. All or nothing: on any error the database is unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .tar.gz written by backup_portal.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )

    def handle(self, *args, path, yes, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"No such backup: {source}")
        try:
            manifest = read_manifest(source)
        except (KeyError, OSError, ValueError, tarfile.TarError) as error:
            raise CommandError(f"Not a portal backup: {error}") from error
        self.stdout.write(f"Backup: {summarize(manifest)}")
        if not yes:
            answer = input("This replaces ALL current data and files. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_backup(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Restore complete: row counts match the backup."))
