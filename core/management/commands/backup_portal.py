from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, create_backup, summarize


class Command(BaseCommand):
    help = (
        "Write a backup of the whole portal (the database, with pg_dump or SQLite's backup API, "
        "and the evidence files) to one .tar.gz file, readable by its owner only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Where to write it (default: var/backups/portal-<date-time>.tar.gz).",
        )

    def handle(self, *args, path=None, **options):
        destination = (
            Path(path)
            if path
            else Path(settings.BASE_DIR)
            / "var"
            / "backups"
            / f"portal-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            manifest = create_backup(destination)
        except (BackupError, OSError) as error:
            raise CommandError(f"No backup written: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {destination}: {summarize(manifest)}")
        )
