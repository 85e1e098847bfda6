"""The workflow gaps on the record's pages: the return reason at the top of the returned record
and of its edit form, the answer on resubmitting, withdrawing, and "approve / return and open the
next"."""

from http import HTTPStatus

import pytest
from django.core.files.storage import default_storage

from engagements import services as workflow
from engagements.models import Engagement, Evidence, Position
from tests.engagements.factories import EngagementFactory, EvidenceFactory, PositionFactory

Status = Engagement.Status
pytestmark = pytest.mark.django_db


def test_the_return_reason_heads_the_record_and_its_edit_form(officer_client, officer, manager):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    workflow.return_engagement(engagement=engagement, actor=manager, reason="Cite paragraph 12.")
    for path in (f"/en/engagements/{engagement.pk}/", f"/en/engagements/{engagement.pk}/edit/"):
        html = officer_client.get(path).content.decode()
        assert "Returned to you by" in html
        assert html.index("Cite paragraph 12.") < html.index(
            "<h2", html.index("return-reason") + 200
        )
    html = officer_client.get(f"/fr/engagements/{engagement.pk}/").content.decode()
    assert "Renvoyée par" in html and "Votre réponse au motif" in html


def test_resubmitting_with_an_answer(officer_client, officer, manager):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    workflow.return_engagement(engagement=engagement, actor=manager, reason="Why?")
    response = officer_client.post(
        f"/en/engagements/{engagement.pk}/submit/", {"submit-reason": "Because."}
    )
    assert response.status_code == HTTPStatus.FOUND
    engagement.refresh_from_db()
    assert engagement.status == Status.SUBMITTED
    assert engagement.transitions.order_by("-pk").first().reason == "Because."


def test_withdraw_button_and_action(officer_client, officer):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    assert (
        "Withdraw (back to draft)"
        in officer_client.get(f"/en/engagements/{engagement.pk}/").content.decode()
    )
    officer_client.post(f"/en/engagements/{engagement.pk}/withdraw/")
    engagement.refresh_from_db()
    assert engagement.status == Status.DRAFT


def test_approve_and_open_the_next(manager_client, manager):
    first = EngagementFactory(status=Status.SUBMITTED)
    second = EngagementFactory(status=Status.SUBMITTED)
    EngagementFactory(status=Status.SUBMITTED, lead_officer=manager)  # never offered to its author
    response = manager_client.post(f"/en/engagements/{first.pk}/approve/", {"then": "next"})
    assert response["Location"] == f"/en/engagements/{second.pk}/"
    response = manager_client.post(
        f"/en/engagements/{second.pk}/return/", {"return-reason": "Why?", "then": "next"}
    )
    assert response["Location"] == "/en/review/"  # nothing left to review
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.APPROVED, Status.RETURNED)


def test_deleting_a_never_submitted_draft_takes_its_files_and_keeps_the_fact(
    officer_client, officer, django_capture_on_commit_callbacks
):
    draft = EngagementFactory(lead_officer=officer)
    PositionFactory(engagement=draft)
    evidence = EvidenceFactory(engagement=draft)
    name = evidence.file.name
    assert default_storage.exists(name)
    page = officer_client.get(f"/en/engagements/{draft.pk}/")
    assert "Delete this draft" in page.content.decode()
    assert officer_client.get(f"/en/engagements/{draft.pk}/delete/").status_code == HTTPStatus.OK
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(f"/en/engagements/{draft.pk}/delete/")
    assert response["Location"] == "/en/my-work/"
    assert not Engagement.objects.filter(pk=draft.pk).exists()
    assert not Position.objects.filter(engagement_id=draft.pk).exists()
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not default_storage.exists(name)
    deleted = Engagement.history.filter(id=draft.pk, history_type="-").get()
    assert deleted.history_user == officer


def test_a_draft_that_was_once_submitted_cannot_be_deleted(officer_client, officer):
    draft = EngagementFactory(lead_officer=officer)
    workflow.submit_engagement(engagement=draft, actor=officer)
    workflow.withdraw_engagement(engagement=draft, actor=officer)
    assert (
        "Delete this draft"
        not in officer_client.get(f"/en/engagements/{draft.pk}/").content.decode()
    )
    response = officer_client.post(f"/en/engagements/{draft.pk}/delete/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Engagement.objects.filter(pk=draft.pk).exists()
