"""Who hears of each workflow event and result, in which language, and only once."""

import pytest
from django.core import mail

from engagements import services as workflow
from engagements.models import Engagement
from notifications.models import Kind, Notification
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory

Status = Engagement.Status
pytestmark = pytest.mark.django_db


def kinds_for(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def run(django_capture_on_commit_callbacks, action, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return action(**kwargs)


def test_submitted_goes_to_every_manager_but_not_the_author(
    officer, manager, second_manager, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(lead_officer=officer)
    run(
        django_capture_on_commit_callbacks,
        workflow.submit_engagement,
        engagement=engagement,
        actor=officer,
    )
    assert kinds_for(manager) == [Kind.SUBMITTED]
    assert kinds_for(second_manager) == [Kind.SUBMITTED]
    assert kinds_for(officer) == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager.email, second_manager.email])
    manager.refresh_from_db()
    assert manager.unread_notifications == 1


def test_a_manager_who_is_the_author_is_not_told_of_their_own_submission(
    manager, second_manager, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from accounts.roles import OFFICERS

    manager.groups.add(Group.objects.get(name=OFFICERS))
    engagement = EngagementFactory(lead_officer=manager)
    run(
        django_capture_on_commit_callbacks,
        workflow.submit_engagement,
        engagement=engagement,
        actor=manager,
    )
    assert kinds_for(manager) == []
    assert kinds_for(second_manager) == [Kind.SUBMITTED]


def test_returned_goes_to_the_author_with_the_reason_in_their_language(
    french_officer, manager, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(lead_officer=french_officer, status=Status.SUBMITTED)
    mail.outbox.clear()
    run(
        django_capture_on_commit_callbacks,
        workflow.return_engagement,
        engagement=engagement,
        actor=manager,
        reason="Ajoutez la cote du document final.",
    )
    assert kinds_for(french_officer) == [Kind.RETURNED]
    (message,) = mail.outbox
    assert message.to == [french_officer.email]
    assert message.subject.startswith("Fiche qui vous est renvoyée\u00a0:")
    assert "Ajoutez la cote du document final." in message.body
    assert f"/fr/engagements/{engagement.pk}/" in message.body
    html = message.alternatives[0][0]
    assert 'lang="fr"' in html and f"/fr/engagements/{engagement.pk}/" in html


def test_approved_and_reopened_go_to_the_author(
    officer, manager, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    run(
        django_capture_on_commit_callbacks,
        workflow.approve_engagement,
        engagement=engagement,
        actor=manager,
    )
    run(
        django_capture_on_commit_callbacks,
        workflow.reopen_engagement,
        engagement=engagement,
        actor=manager,
        reason="Wrong meeting.",
    )
    assert kinds_for(officer) == sorted([Kind.APPROVED, Kind.REOPENED])
    assert [m.to for m in mail.outbox] == [[officer.email], [officer.email]]
    assert "Wrong meeting." in mail.outbox[1].body
    assert f"/en/engagements/{engagement.pk}/" in mail.outbox[0].body


def test_resubmitted_goes_to_the_manager_who_returned_it_only(
    officer, manager, second_manager, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    run(
        django_capture_on_commit_callbacks,
        workflow.return_engagement,
        engagement=engagement,
        actor=second_manager,
        reason="Add the reference.",
    )
    run(
        django_capture_on_commit_callbacks,
        workflow.submit_engagement,
        engagement=engagement,
        actor=officer,
    )
    assert kinds_for(second_manager) == [Kind.RESUBMITTED]
    assert kinds_for(manager) == []


def test_each_submission_is_its_own_event(officer, manager, django_capture_on_commit_callbacks):
    """Submitted, returned, submitted again by a returner who left: two distinct notifications."""
    engagement = EngagementFactory(lead_officer=officer)
    run(
        django_capture_on_commit_callbacks,
        workflow.submit_engagement,
        engagement=engagement,
        actor=officer,
    )
    other = UserFactory(username="gone", is_active=False)
    engagement.refresh_from_db()
    engagement.status = Status.RETURNED
    engagement.save()
    engagement.transitions.create(
        from_status=Status.SUBMITTED, to_status=Status.RETURNED, actor=other, reason="x"
    )
    run(
        django_capture_on_commit_callbacks,
        workflow.submit_engagement,
        engagement=engagement,
        actor=officer,
    )
    # the returner is no longer active: every manager is told instead
    assert kinds_for(manager) == [Kind.SUBMITTED, Kind.SUBMITTED]


def test_a_user_without_an_email_address_gets_the_notification_but_no_mail(
    manager, django_capture_on_commit_callbacks
):
    author = UserFactory(username="nomail", email="")
    engagement = EngagementFactory(lead_officer=author, status=Status.SUBMITTED)
    run(
        django_capture_on_commit_callbacks,
        workflow.return_engagement,
        engagement=engagement,
        actor=manager,
        reason="Why",
    )
    notification = Notification.objects.get(recipient=author)
    assert notification.email_status == Notification.EmailStatus.SKIPPED
    assert mail.outbox == []


def test_result_recorded_goes_to_the_other_managers(
    manager, second_manager, django_capture_on_commit_callbacks
):
    from core.fiscal import FiscalYear
    from indicators.models import Indicator
    from indicators.services import record_result

    indicator = Indicator.objects.filter(kind=Indicator.Kind.OFFICIAL).first()
    with django_capture_on_commit_callbacks(execute=True):
        record_result(
            indicator=indicator,
            year=FiscalYear(2014),
            recorded_by=manager,
            explanation_en="Recorded.",
            explanation_fr="Consigné.",
        )
    assert kinds_for(second_manager) == [Kind.RESULT_RECORDED]
    assert kinds_for(manager) == []
    (message,) = mail.outbox
    assert "2014-15" in message.body
    assert f"/en/indicators/{indicator.code}/2014-15/" in message.body


def test_the_authors_answer_is_kept_on_the_trail_and_sent_to_the_returner(
    officer, manager, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    run(
        django_capture_on_commit_callbacks,
        workflow.return_engagement,
        engagement=engagement,
        actor=manager,
        reason="Which paragraph?",
    )
    mail.outbox.clear()
    run(
        django_capture_on_commit_callbacks,
        workflow.submit_engagement,
        engagement=engagement,
        actor=officer,
        reason="Paragraph 12, now cited.",
    )
    assert engagement.transitions.order_by("-pk").first().reason == "Paragraph 12, now cited."
    (message,) = mail.outbox
    assert message.to == [manager.email]
    assert "Paragraph 12, now cited." in message.body


def test_withdrawing_takes_a_submitted_record_back_to_draft_and_tells_no_one(
    officer, manager, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    run(
        django_capture_on_commit_callbacks,
        workflow.withdraw_engagement,
        engagement=engagement,
        actor=officer,
    )
    engagement.refresh_from_db()
    assert engagement.status == Status.DRAFT
    assert not Notification.objects.exists()
    with pytest.raises(workflow.WorkflowError):
        workflow.withdraw_engagement(engagement=engagement, actor=officer)
