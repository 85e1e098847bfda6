"""Every reminder: who gets it, in which language, once — again after a re-run and after a crash
half-way through a run; opted-out users get none; the weekly digest's figures."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from engagements.models import Engagement, Position
from notifications import digest, reminders, services
from notifications.models import Kind, Notification, ReminderOptOut
from tests.engagements.factories import EngagementFactory, PositionFactory, TransitionFactory
from tests.forums.factories import MeetingFactory
from tests.partners.factories import AgreementFactory, ReportFactory

Status = Engagement.Status
OutcomeStep = Engagement.OutcomeStep
pytestmark = pytest.mark.django_db
NOW = timezone.now()
TODAY = timezone.localdate(NOW)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def sent(kind):
    return list(
        Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    )


def run(capture):
    with capture(execute=True):
        return reminders.send_reminders(NOW)


def test_pending_outcome_reminds_the_lead_officer_once_a_month(
    officer, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(start_date=days_ago(40), end_date=days_ago(38))
    engagement = EngagementFactory(lead_officer=officer, meeting=meeting, status=Status.APPROVED)
    PositionFactory(engagement=engagement)
    PositionFactory(engagement=engagement, outcome=Position.Outcome.REFLECTED)
    recent = EngagementFactory(
        lead_officer=officer, meeting=MeetingFactory(start_date=days_ago(5), end_date=days_ago(3))
    )
    PositionFactory(engagement=recent)  # not yet N days after the meeting
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    (notification,) = Notification.objects.filter(kind=Kind.PENDING_OUTCOME)
    assert notification.engagement == engagement and notification.recipient == officer
    assert notification.period == f"{TODAY:%Y-%m}"
    (message,) = mail.outbox
    assert "1 position is still pending" in message.body


def test_stale_draft_reminds_once_per_stretch(
    officer, french_officer, django_capture_on_commit_callbacks
):
    stale = EngagementFactory(lead_officer=french_officer)
    fresh = EngagementFactory(lead_officer=officer)
    Engagement.objects.filter(pk=stale.pk).update(updated_at=NOW - datetime.timedelta(days=15))
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert sent(Kind.STALE_DRAFT) == ["francine"]
    (message,) = mail.outbox
    assert message.subject.startswith("Ébauche")  # in the officer's language
    assert fresh.pk not in Notification.objects.values_list("engagement", flat=True)
    # edited since (a new version) and left again: a new reminder
    Engagement.objects.filter(pk=stale.pk).update(version=5)
    run(django_capture_on_commit_callbacks)
    assert sent(Kind.STALE_DRAFT) == ["francine", "francine"]


def test_returned_not_resubmitted_reminds_the_author(
    officer, manager, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(lead_officer=officer, status=Status.RETURNED)
    TransitionFactory(
        engagement=engagement,
        from_status=Status.SUBMITTED,
        to_status=Status.RETURNED,
        actor=manager,
        reason="Add the reference.",
        at=NOW - datetime.timedelta(days=8),
    )
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    (notification,) = Notification.objects.filter(kind=Kind.RETURNED_WAITING)
    assert notification.recipient == officer
    assert "Add the reference." in mail.outbox[0].body


def test_agreement_reports_due_and_overdue_go_to_the_responsible_officer(
    officer, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory(responsible_officer=officer)
    due = ReportFactory(agreement=agreement, due_date=TODAY + datetime.timedelta(days=10))
    overdue = ReportFactory(agreement=agreement, due_date=days_ago(3))
    ReportFactory(agreement=agreement, due_date=TODAY + datetime.timedelta(days=30))  # not yet
    ReportFactory(agreement=agreement, due_date=days_ago(3), received_date=days_ago(1))  # in
    ReportFactory(due_date=days_ago(3))  # nobody responsible: nobody to tell
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert Notification.objects.get(kind=Kind.REPORT_DUE).record == f"report:{due.pk}"
    assert Notification.objects.get(kind=Kind.REPORT_OVERDUE).record == f"report:{overdue.pk}"
    assert len(mail.outbox) == 2
    assert f"/en/agreements/{agreement.pk}/" in mail.outbox[0].body


def test_important_meeting_with_no_engagement_reminds_the_managers(
    manager, second_manager, django_capture_on_commit_callbacks
):
    soon = MeetingFactory(
        is_important=True,
        start_date=TODAY + datetime.timedelta(days=20),
        end_date=TODAY + datetime.timedelta(days=21),
    )
    covered = MeetingFactory(
        is_important=True,
        start_date=TODAY + datetime.timedelta(days=10),
        end_date=TODAY + datetime.timedelta(days=11),
    )
    EngagementFactory(meeting=covered)
    MeetingFactory(start_date=TODAY + datetime.timedelta(days=5))  # not important
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert sorted(sent(Kind.MEETING_UNCOVERED)) == ["carol", "erin"]
    assert set(Notification.objects.values_list("record", flat=True)) == {f"meeting:{soon.pk}"}


def test_a_user_who_turned_a_reminder_off_does_not_get_it(
    officer, django_capture_on_commit_callbacks
):
    ReminderOptOut.objects.create(user=officer, kind=Kind.STALE_DRAFT)
    stale = EngagementFactory(lead_officer=officer)
    Engagement.objects.filter(pk=stale.pk).update(updated_at=NOW - datetime.timedelta(days=30))
    run(django_capture_on_commit_callbacks)
    assert sent(Kind.STALE_DRAFT) == []


def test_a_crash_half_way_resumes_without_sending_anything_twice(
    officer, other_officer, django_capture_on_commit_callbacks
):
    for author in (officer, other_officer):
        draft = EngagementFactory(lead_officer=author)
        Engagement.objects.filter(pk=draft.pk).update(updated_at=NOW - datetime.timedelta(days=20))
    real_notify = services.notify
    calls = []

    def crash_on_second(recipients, notice):
        calls.append(notice)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real_notify(recipients, notice)

    with (
        mock.patch.object(services, "notify", crash_on_second),
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        reminders.send_reminders(NOW)
    assert len(sent(Kind.STALE_DRAFT)) == 1
    assert len(mail.outbox) == 1
    run(django_capture_on_commit_callbacks)
    assert sorted(sent(Kind.STALE_DRAFT)) == ["alice", "bob"]
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.gc.ca", "bob@example.gc.ca"]


def test_weekly_digest_goes_to_each_manager_once_a_week(
    manager, second_manager, officer, django_capture_on_commit_callbacks
):
    ReminderOptOut.objects.create(user=second_manager, kind=Kind.WEEKLY_DIGEST)
    EngagementFactory(status=Status.SUBMITTED)
    waiting = EngagementFactory(status=Status.SUBMITTED)
    # the outcomes of an approved mandate, submitted in their own step, wait in the queue too
    outcomes = EngagementFactory(status=Status.APPROVED, outcome_step=OutcomeStep.SUBMITTED)
    # submitted nine days ago: the queue's "waiting since" is when the record was last saved
    Engagement.objects.filter(pk=waiting.pk).update(updated_at=NOW - datetime.timedelta(days=9))
    EngagementFactory(status=Status.RETURNED)
    EngagementFactory(status=Status.APPROVED, outcome_step=OutcomeStep.RETURNED)
    EngagementFactory(status=Status.APPROVED)  # neither waits
    assert outcomes.review_step
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_weekly_digest(NOW)
        digest.send_weekly_digest(NOW)
    (notification,) = Notification.objects.filter(kind=Kind.WEEKLY_DIGEST)
    assert notification.recipient == manager
    p = notification.params
    assert (p["queue"], p["returned"]) == (3, 2)
    assert p["oldest"] == timezone.localdate(NOW - datetime.timedelta(days=9)).isoformat()
    assert p["indicator_status_key"]  # the official indicator of the current year is read
    (message,) = mail.outbox
    assert "3 records wait for review." in message.body
    assert "Official indicator" in message.body
