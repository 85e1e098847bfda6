"""The task worker's tasks (django-tasks). `manage.py run_worker` runs them; the scheduler in
notifications/scheduler.py enqueues the periodic ones."""

from django_tasks import task

from . import delivery, digest, reminders


@task()
def send_notification_email(notification_id: int) -> str:
    return delivery.deliver(notification_id)


@task()
def send_reminders() -> int:
    return len(reminders.send_reminders())


@task()
def send_weekly_digest() -> int:
    return len(digest.send_weekly_digest())
