"""Sending a notification's e-mail: written in the recipient's language (HTML and plain text, with
a link under that language's prefix), through the configured transport (EMAIL_URL, or GC Notify).

Each e-mail is sent at most once: the worker takes it under a row lock and pushes its next attempt
forward before sending (a lease), and an e-mail already sent is never sent again. A failure is
recorded on the notification (administrators see it in admin), retried later with a growing
delay, and given up after NOTIFICATION_MAX_ATTEMPTS.
"""

import datetime
import logging
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import tasks  # the module (it imports this one): its tasks are looked up when used
from .messages import message_for
from .models import Notification

logger = logging.getLogger("portal.notifications")

# minutes before the next attempt, after the 1st, 2nd, ... attempt
RETRY_MINUTES = [1, 5, 30, 120, 720]
# an e-mail whose attempt was due this long ago and that is still waiting is enqueued again by
# the scheduler (its task was lost: a crash between the commit and the enqueue, a killed worker)
SWEEP_GRACE = datetime.timedelta(minutes=2)

Status = Notification.EmailStatus


def retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=RETRY_MINUTES[min(attempts, len(RETRY_MINUTES)) - 1])


def build_email(notification: Notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    language = recipient.notification_language
    with translation.override(language):
        message = message_for(notification)
        base = settings.PORTAL_BASE_URL.rstrip("/")
        context = {
            "message": message,
            "recipient": recipient,
            "link": base + notification.get_absolute_url(),
            "notifications_link": base + reverse("notifications:list"),
            "profile_link": base + reverse("notifications:profile"),
            "language": language,
        }
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    subject = re.sub(r"\s*[\r\n]+\s*", " ", message.title)[:200]  # one line, NBSPs kept
    email = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [recipient.email],
        headers={
            "Content-Language": language,
            "X-Portal-Reference": f"notification-{notification.pk}",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


def _claim(notification_id: int, now) -> Notification | None:
    """Take the e-mail for one attempt, or None when it is not ours to send (already sent, given
    up, held by another worker, or its retry is not due yet)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.email_status != Status.PENDING:
            return None
        if notification.email_next_attempt_at > now:
            return None
        notification.email_attempts += 1
        notification.email_next_attempt_at = now + retry_delay(notification.email_attempts)
        notification.save(update_fields=["email_attempts", "email_next_attempt_at"])
        return notification


def deliver(notification_id: int) -> str:
    """Send one notification's e-mail (the task's body). Returns what happened; raises after
    recording a failure, so the task shows as failed in admin too."""
    notification = _claim(notification_id, timezone.now())
    if notification is None:
        return "skipped"
    try:
        build_email(notification).send(fail_silently=False)
    except Exception as error:
        final = notification.email_attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
        Notification.objects.filter(pk=notification.pk).update(
            email_status=Status.FAILED if final else Status.PENDING,
            email_last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        logger.warning(
            "e-mail of notification %s failed (attempt %s%s): %s",
            notification.pk,
            notification.email_attempts,
            ", giving up" if final else "",
            error,
        )
        if not final:
            _enqueue_retry(notification)
        raise
    Notification.objects.filter(pk=notification.pk).update(
        email_status=Status.SENT, email_sent_at=timezone.now(), email_last_error=""
    )
    return "sent"


def _enqueue_retry(notification: Notification) -> None:
    task = tasks.send_notification_email
    if task.get_backend().supports_defer:
        task.using(run_after=notification.email_next_attempt_at).enqueue(notification.pk)
    # a backend that cannot defer (the tests' immediate one): the scheduler's sweep retries it


def sweep(now=None) -> int:
    """Enqueue again the e-mails whose attempt is overdue (their task was lost). Each is pushed
    forward by SWEEP_GRACE first, so a sweep every minute enqueues it once, not once a minute."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update()
            .filter(email_status=Status.PENDING, email_next_attempt_at__lte=now - SWEEP_GRACE)
            .order_by("email_next_attempt_at")
            .values_list("pk", flat=True)[:1000]
        )
        Notification.objects.filter(pk__in=due).update(email_next_attempt_at=now)
    for pk in due:
        transaction.on_commit(lambda pk=pk: tasks.send_notification_email.enqueue(pk))
    return len(due)
