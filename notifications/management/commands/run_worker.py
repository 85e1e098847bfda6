"""The portal's task worker: django-tasks' database worker (`db_worker`), with the scheduler of
periodic work (notifications/scheduler.py) in a thread beside it. Several can run at once."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from notifications.scheduler import Scheduler


class Command(BaseCommand):
    help = "Run the task worker (e-mails, reminders, digests) and the periodic scheduler."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls when idle."
        )
        parser.add_argument("--batch", action="store_true", help="Run what is waiting, then exit.")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Take tasks only; enqueue no periodic work."
        )

    def handle(self, *, interval, batch, no_scheduler, verbosity, **options):
        scheduler = None
        if not no_scheduler and not batch:
            scheduler = Scheduler()
            scheduler.start()
        try:
            call_command(
                "db_worker",
                interval=interval,
                batch=batch,
                reload=False,
                startup_delay=not batch,
                verbosity=verbosity,
            )
        finally:
            if scheduler is not None:
                scheduler.stop()
