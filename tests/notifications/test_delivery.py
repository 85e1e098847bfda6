"""The transports for real: SMTP against an aiosmtpd server, GC Notify against a local server of
its documented endpoint; failures recorded, retried, never failing the user's action, never sent
twice."""

import datetime

import environ
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from engagements import services as workflow
from engagements.models import Engagement
from notifications import delivery
from notifications.models import Notification
from tests.engagements.factories import EngagementFactory

from .servers import API_KEY, SERVICE_ID, NotifyServer, SMTPServer, free_port

Status = Engagement.Status
Email = Notification.EmailStatus
pytestmark = pytest.mark.django_db


def smtp_settings(url):
    config = environ.Env.email_url_config(url)
    return override_settings(**config, DEFAULT_FROM_EMAIL="Portal <portal@example.gc.ca>")


def return_record(officer, manager, capture, reason="Add the outcome document reference."):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    with capture(execute=True):
        workflow.return_engagement(engagement=engagement, actor=manager, reason=reason)
    return engagement


def test_smtp_mail_arrives_in_the_authors_language_with_reason_and_link(
    french_officer, manager, django_capture_on_commit_callbacks
):
    with SMTPServer() as smtp, smtp_settings(smtp.url):
        engagement = return_record(
            french_officer, manager, django_capture_on_commit_callbacks, reason="Précisez."
        )
        ((rcpt, message, _at),) = smtp.inbox.wait_for(1)
    assert rcpt == [french_officer.email]
    assert message["From"] == "Portal <portal@example.gc.ca>"
    assert message["Content-Language"] == "fr"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Précisez." in text and "Précisez." in html
    assert f"http://127.0.0.1:8000/fr/engagements/{engagement.pk}/" in text
    assert f'href="http://127.0.0.1:8000/fr/engagements/{engagement.pk}/"' in html
    notification = Notification.objects.get(recipient=french_officer)
    assert notification.email_status == Email.SENT and notification.email_attempts == 1


def test_an_unreachable_mail_server_never_fails_the_action_and_is_retried(
    officer, manager, django_capture_on_commit_callbacks
):
    with smtp_settings(f"smtp://127.0.0.1:{free_port()}"):
        engagement = return_record(officer, manager, django_capture_on_commit_callbacks)
    engagement.refresh_from_db()
    assert engagement.status == Status.RETURNED  # the action succeeded
    notification = Notification.objects.get(recipient=officer)
    assert notification.email_status == Email.PENDING
    assert notification.email_attempts == 1
    assert "ConnectionRefusedError" in notification.email_last_error
    assert notification.email_next_attempt_at > timezone.now()

    # the retry is not due yet: a duplicate task sends nothing and counts no attempt
    assert delivery.deliver(notification.pk) == "skipped"
    # once due, the sweep enqueues it again and, the server now up, it is sent once
    later = notification.email_next_attempt_at + delivery.SWEEP_GRACE
    with SMTPServer() as smtp, smtp_settings(smtp.url):
        with django_capture_on_commit_callbacks(execute=True):
            assert delivery.sweep(later) == 1
        Notification.objects.filter(pk=notification.pk).update(email_next_attempt_at=timezone.now())
        assert delivery.deliver(notification.pk) in ("sent", "skipped")
        smtp.inbox.wait_for(1)
        assert delivery.deliver(notification.pk) == "skipped"  # already sent: never twice
    notification.refresh_from_db()
    assert notification.email_status == Email.SENT
    assert len(smtp.inbox.messages) == 1


@override_settings(NOTIFICATION_MAX_ATTEMPTS=2)
def test_after_the_last_attempt_the_mail_is_marked_failed_for_administrators(
    officer, manager, django_capture_on_commit_callbacks, admin_client_
):
    with smtp_settings(f"smtp://127.0.0.1:{free_port()}"):
        return_record(officer, manager, django_capture_on_commit_callbacks)
        notification = Notification.objects.get(recipient=officer)
        Notification.objects.filter(pk=notification.pk).update(email_next_attempt_at=timezone.now())
        with pytest.raises(ConnectionRefusedError):
            delivery.deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.email_status == Email.FAILED and notification.email_attempts == 2
    page = admin_client_.get(
        reverse("admin:notifications_notification_changelist") + "?email_status__exact=failed"
    )
    assert page.status_code == 200
    assert "ConnectionRefusedError" in page.content.decode()


def notify_settings(url):
    return override_settings(
        EMAIL_BACKEND="notifications.backends.GCNotifyEmailBackend",
        NOTIFY_API_KEY=API_KEY,
        NOTIFY_TEMPLATE_ID="f33517ff-2a88-4f6e-b855-c550268ce08a",
        NOTIFY_BASE_URL=url,
        EMAIL_TIMEOUT=1,
    )


def test_gc_notify_sends_through_the_official_client(
    french_officer, manager, django_capture_on_commit_callbacks
):
    with NotifyServer() as notify, notify_settings(notify.url):
        engagement = return_record(french_officer, manager, django_capture_on_commit_callbacks)
    (request,) = notify.requests
    assert request["path"] == "/v2/notifications/email"
    assert request["claims"]["iss"] == SERVICE_ID
    body = request["body"]
    assert body["email_address"] == french_officer.email
    assert body["template_id"] == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    assert body["personalisation"]["subject"].startswith("Fiche qui vous est renvoyée")
    assert f"/fr/engagements/{engagement.pk}/" in body["personalisation"]["body"]
    assert body["reference"].startswith("notification-")
    assert Notification.objects.get(recipient=french_officer).email_status == Email.SENT


@pytest.mark.parametrize("mode", ["error", "slow"])
def test_a_gc_notify_error_or_time_out_is_recorded_and_retried(
    mode, officer, manager, django_capture_on_commit_callbacks
):
    with NotifyServer(mode) as notify, notify_settings(notify.url):
        engagement = return_record(officer, manager, django_capture_on_commit_callbacks)
    engagement.refresh_from_db()
    assert engagement.status == Status.RETURNED
    notification = Notification.objects.get(recipient=officer)
    assert notification.email_status == Email.PENDING
    assert notification.email_last_error
    assert notification.email_next_attempt_at - timezone.now() > datetime.timedelta(seconds=30)
