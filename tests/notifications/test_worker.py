"""The real path: the action commits, its e-mail is enqueued in the database (django-tasks-db),
the database worker takes it and the mail arrives at a real SMTP server. Also measured: how many
mails per second the worker sends."""

import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from engagements import services as workflow
from engagements.models import Engagement
from notifications import scheduler, services
from notifications.models import Kind, Notification, PeriodicRun
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory

from .servers import SMTPServer
from .test_delivery import smtp_settings

DATABASE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_database_worker_sends_the_mail_of_a_return(officer, manager):
    with SMTPServer() as smtp, smtp_settings(smtp.url), DATABASE_TASKS:
        engagement = EngagementFactory(lead_officer=officer, status=Engagement.Status.SUBMITTED)
        workflow.return_engagement(engagement=engagement, actor=manager, reason="Add the date.")
        (task,) = DBTaskResult.objects.all()
        assert task.task_path == "notifications.tasks.send_notification_email"
        assert smtp.inbox.messages == []  # nothing is sent in the request
        call_command("run_worker", batch=True, verbosity=0)
        ((rcpt, message, _at),) = smtp.inbox.wait_for(1)
    assert rcpt == [officer.email]
    assert "Add the date." in message.get_body(("plain",)).get_content()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    officer.refresh_from_db()
    assert officer.unread_notifications == 1


def test_a_failed_task_is_visible_to_administrators_and_retried_later(officer, manager):
    from .servers import free_port

    with smtp_settings(f"smtp://127.0.0.1:{free_port()}"), DATABASE_TASKS:
        engagement = EngagementFactory(lead_officer=officer, status=Engagement.Status.SUBMITTED)
        workflow.return_engagement(engagement=engagement, actor=manager, reason="Why.")
        call_command("run_worker", batch=True, verbosity=0)
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == "FAILED" and "ConnectionRefusedError" in first.traceback
    assert retry.status == "READY" and retry.run_after > first.finished_at  # deferred retry


def test_the_scheduler_enqueues_each_period_once_even_with_several_workers():
    with DATABASE_TASKS:
        assert scheduler.tick() != []
        assert scheduler.tick() == []  # a second worker's scheduler, same hour: nothing
    assert PeriodicRun.objects.filter(job="reminders").count() == 1
    assert DBTaskResult.objects.filter(task_path="notifications.tasks.send_reminders").count() == 1


def test_mails_per_second(manager, capsys):
    """Throughput of one worker on SQLite with a local SMTP server (printed with -s)."""
    count = 200
    users = [UserFactory(username=f"reader{i}") for i in range(count)]
    with SMTPServer() as smtp, smtp_settings(smtp.url), DATABASE_TASKS:
        with transaction.atomic():
            services.notify(
                users,
                services.Notice(
                    kind=Kind.WEEKLY_DIGEST,
                    record="",
                    period="2026-W01",
                    url_name="engagements:review_queue",
                    params={
                        "queue": 3,
                        "returned": 1,
                        "outcomes_overdue": 0,
                        "reports_due": 0,
                        "reports_overdue": 0,
                        "report_days": 14,
                    },
                ),
            )
        start = time.monotonic()
        call_command("run_worker", batch=True, verbosity=0)
        smtp.inbox.wait_for(count)
        elapsed = time.monotonic() - start
    assert len(smtp.inbox.messages) == count
    assert Notification.objects.filter(email_status="sent").count() == count
    with capsys.disabled():
        print(f"\nworker: {count} mails in {elapsed:.2f} s = {count / elapsed:.0f} mails/s")
