"""Periodic work without cron: a small loop that `manage.py run_worker` runs in a thread beside
django-tasks' database worker.

Each minute it enqueues the periodic tasks whose period has come (reminders every hour, the
managers' digest once a week at DIGEST_WEEKDAY / DIGEST_HOUR) and re-enqueues the e-mails whose
task was lost. "Whose period has come" is a row in PeriodicRun, unique per job and period: with
several workers running, only the one that inserts it enqueues the task. We chose this over a
task that re-enqueues itself because a self-perpetuating chain is lost with its last task (or
doubled by a second start), whereas a period key is idempotent and catches up after downtime.
"""

import datetime
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from . import delivery, tasks
from .models import PeriodicRun

logger = logging.getLogger("portal.notifications")
TICK_SECONDS = 60
KEEP_RUNS = datetime.timedelta(days=60)


def hourly(now) -> str | None:
    return f"{timezone.localtime(now):%Y-%m-%dT%H}"


def weekly(now) -> str | None:
    local = timezone.localtime(now)
    year, week, weekday = local.isocalendar()
    if (weekday, local.hour) < (settings.DIGEST_WEEKDAY, settings.DIGEST_HOUR):
        return None  # not yet this week
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Job:
    name: str
    period: Callable
    task: object


JOBS = [
    Job("reminders", hourly, tasks.send_reminders),
    Job("weekly_digest", weekly, tasks.send_weekly_digest),
]


def tick(now=None) -> list[str]:
    """One pass: enqueue what is due (once per job and period) and sweep lost e-mails."""
    now = now or timezone.now()
    enqueued = []
    for job in JOBS:
        period = job.period(now)
        if period is None:
            continue
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(job=job.name, period=period, enqueued_at=now)
                transaction.on_commit(job.task.enqueue)
        except IntegrityError:
            continue  # another worker enqueued it for this period
        enqueued.append(f"{job.name}:{period}")
    delivery.sweep(now)
    PeriodicRun.objects.filter(enqueued_at__lt=now - KEEP_RUNS).delete()
    return enqueued


class Scheduler(threading.Thread):
    def __init__(self):
        super().__init__(name="portal-scheduler", daemon=True)
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            close_old_connections()
            try:
                for name in tick():
                    logger.info("scheduler enqueued %s", name)
            except Exception:
                logger.exception("scheduler tick failed; trying again in %s s", TICK_SECONDS)
            close_old_connections()
            self.stopping.wait(TICK_SECONDS)

    def stop(self):
        self.stopping.set()
