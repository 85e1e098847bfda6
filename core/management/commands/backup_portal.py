from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import create_backup, summarize


class Command(BaseCommand):
    help = "Write a backup of the whole portal (database and evidence files) to one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Where to write it (default: var/backups/portal-<date-time>.tar.gz).",
        )

    def handle(self, *args, path=None, **options):
        from django.conf import settings

        destination = (
            Path(path)
            if path
            else (
                Path(settings.BASE_DIR)
                / "var"
                / "backups"
                / f"portal-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
            )
        )
        manifest = create_backup(destination)
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {destination}: {summarize(manifest)}")
        )
