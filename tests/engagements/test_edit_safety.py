"""Edits say which version they started from (finding 10), a create form sent twice makes one
record (finding 11), and "Save and submit" is one transaction of two actions (issue 10)."""

import re
import uuid
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from engagements import services
from engagements.models import Engagement, Transition
from tests.engagements.factories import EngagementFactory, theme
from tests.engagements.test_views import form_data

pytestmark = pytest.mark.django_db


def _edit_data(officer, record, **overrides):
    data = form_data(officer, meeting=record.meeting, version=record.version, **overrides)
    data["version"] = str(record.version)
    return data


def test_an_edit_without_its_version_is_refused(officer_client, officer):
    record = EngagementFactory(lead_officer=officer, created_by=officer)
    data = _edit_data(officer, record, summary="Overwrites whatever was saved since.")
    del data["version"]
    response = officer_client.post(reverse("engagements:edit", args=[record.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert "did not say which version of the record" in response.content.decode()
    record.refresh_from_db()
    assert record.summary != "Overwrites whatever was saved since."
    assert record.version == 1


def test_an_empty_version_is_refused_too(officer_client, officer):
    record = EngagementFactory(lead_officer=officer, created_by=officer)
    data = _edit_data(officer, record, summary="Changed.")
    data["version"] = ""
    response = officer_client.post(reverse("engagements:edit", args=[record.pk]), data)
    assert response.status_code == HTTPStatus.OK
    record.refresh_from_db()
    assert record.version == 1


def test_the_service_requires_a_version_on_update(officer):
    record = EngagementFactory(lead_officer=officer, created_by=officer)
    data = services.EngagementData(fields={"summary": "Changed."}, themes=[theme()])
    with pytest.raises(ValidationError) as refused:
        services.save_engagement(actor=officer, data=data, engagement=record)
    assert refused.value.code == "version_required"


def test_an_edit_with_its_version_still_saves(officer_client, officer):
    record = EngagementFactory(lead_officer=officer, created_by=officer)
    data = _edit_data(officer, record, summary="Revised.")
    response = officer_client.post(reverse("engagements:edit", args=[record.pk]), data)
    assert response.status_code == HTTPStatus.FOUND
    record.refresh_from_db()
    assert (record.summary, record.version) == ("Revised.", 2)


def _token_of(page) -> str:
    return re.search(r'name="form_token" value="([0-9a-f-]{36})"', page.content.decode())[1]


def test_the_same_create_form_sent_twice_makes_one_record(officer_client, officer):
    token = _token_of(officer_client.get(reverse("engagements:create")))
    data = {**form_data(officer), "form_token": token}
    first = officer_client.post(reverse("engagements:create"), data)
    second = officer_client.post(reverse("engagements:create"), data)
    record = Engagement.objects.get()
    assert first.status_code == second.status_code == HTTPStatus.FOUND
    assert first["Location"] == second["Location"] == record.get_absolute_url()
    notes = [str(m) for m in get_messages(second.wsgi_request)]
    assert any("had already been sent" in note for note in notes)
    assert record.history.count() == 1


def test_a_twin_that_commits_between_the_check_and_the_save_is_sent_to_its_record(
    officer_client, officer, monkeypatch
):
    """The race tests/concurrency/test_double_submit.py hits under load: the first request's
    record commits after the second passed its early check. The second must end on that record
    (by the database's unique token), not on its form with a validation error."""
    token = _token_of(officer_client.get(reverse("engagements:create")))
    data = {**form_data(officer), "form_token": token}
    assert officer_client.post(reverse("engagements:create"), data).status_code == HTTPStatus.FOUND
    check = services._raise_if_already_created
    calls = []

    def first_check_misses_the_twin(actor, token):
        calls.append(token)
        if len(calls) > 1:  # the check after the database refused the row
            check(actor, token)

    monkeypatch.setattr(services, "_raise_if_already_created", first_check_misses_the_twin)
    second = officer_client.post(reverse("engagements:create"), data)
    assert second.status_code == HTTPStatus.FOUND, second.content.decode()[:2000]
    assert second["Location"] == Engagement.objects.get().get_absolute_url()
    assert len(calls) == 2


def test_two_forms_make_two_records(officer_client, officer):
    for _ in range(2):
        token = _token_of(officer_client.get(reverse("engagements:create")))
        data = {**form_data(officer), "form_token": token}
        assert officer_client.post(reverse("engagements:create"), data).status_code == 302
    assert Engagement.objects.count() == 2


def test_another_users_token_is_not_a_way_in(client, officer, other_officer):
    client.force_login(officer)
    token = _token_of(client.get(reverse("engagements:create")))
    assert client.post(reverse("engagements:create"), {**form_data(officer), "form_token": token})
    client.force_login(other_officer)
    response = client.post(
        reverse("engagements:create"), {**form_data(other_officer), "form_token": token}
    )
    assert response.status_code == HTTPStatus.OK
    assert "already used by someone else" in response.content.decode()
    assert Engagement.objects.count() == 1


def test_the_database_refuses_a_second_record_with_one_token(officer):
    token = uuid.uuid4()
    EngagementFactory(creation_token=token)
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementFactory(creation_token=token)


def test_save_and_submit_is_two_actions_in_one_post(officer_client, officer):
    record = EngagementFactory(lead_officer=officer, created_by=officer)
    data = {**_edit_data(officer, record, summary="Ready."), "save_submit": "1"}
    history_before = record.history.count()
    response = officer_client.post(reverse("engagements:edit", args=[record.pk]), data)
    assert response.status_code == HTTPStatus.FOUND
    record.refresh_from_db()
    assert record.status == Engagement.Status.SUBMITTED
    # the save and the submission: two recorded actions, so the version moves by two
    assert record.version == 3
    assert record.history.count() == history_before + 2
    assert Transition.objects.filter(engagement=record).count() == 1


def test_save_and_submit_keeps_the_save_when_it_cannot_submit(officer_client, officer, monkeypatch):
    def refuse(**kwargs):
        Engagement.objects.filter(pk=kwargs["engagement"].pk).update(summary="half-submitted")
        raise services.WorkflowError("Not yet.")

    monkeypatch.setattr(services, "submit_engagement", refuse)
    record = EngagementFactory(lead_officer=officer, created_by=officer)
    data = {**_edit_data(officer, record, summary="Saved anyway."), "save_submit": "1"}
    response = officer_client.post(reverse("engagements:edit", args=[record.pk]), data)
    assert response.status_code == HTTPStatus.FOUND
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("not submitted: Not yet." in note for note in notes)
    record.refresh_from_db()
    # the save stands; whatever the refused submission wrote was rolled back
    assert (record.summary, record.status, record.version) == ("Saved anyway.", "draft", 2)
    assert not Transition.objects.filter(engagement=record).exists()
