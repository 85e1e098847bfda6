"""Each rule of an engagement lives in its model (clean() and constraints): the form and the
services reach it through full_clean(), so they say the same thing and cannot drift apart."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import MANAGERS
from engagements import services
from engagements.models import Engagement, Position
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, PositionFactory, theme
from tests.engagements.test_views import form_data, position
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory

pytestmark = pytest.mark.django_db


def test_meeting_of_another_forum_is_refused_by_the_model_naming_both_forums():
    engagement = EngagementFactory(forum=ForumFactory(acronym_en="IGC"))
    engagement.meeting.forum.acronym_en = "ExCom"
    with pytest.raises(ValidationError) as error:
        engagement.full_clean()
    assert error.value.message_dict["meeting"] == [
        "This meeting belongs to another forum (ExCom): choose a meeting of IGC."
    ]


def test_the_service_refuses_a_meeting_of_another_forum_with_the_models_message(officer):
    meeting = MeetingFactory()
    other = ForumFactory()
    data = services.EngagementData(
        fields={
            "kind": Engagement.Kind.MEETING,
            "forum": other,
            "meeting": meeting,
            "start_date": meeting.start_date,
            "end_date": meeting.end_date,
            "lead_officer": officer,
            "summary": "Canada spoke.",
        },
        themes=[theme()],
    )
    with pytest.raises(ValidationError) as error:
        services.save_engagement(actor=officer, data=data)
    assert "belongs to another forum" in " ".join(error.value.message_dict["meeting"])
    assert not Engagement.objects.exists()


def test_outcome_document_rule_reads_the_meeting_chosen_in_the_same_post(officer_client, officer):
    """Changing the record's meeting and choosing a document of the new meeting at once is
    accepted: the rule reads the record as the form has it, not as it was stored."""
    engagement = EngagementFactory(lead_officer=officer)
    new_meeting = MeetingFactory(forum=engagement.forum)
    document = OutcomeDocumentFactory(meeting=new_meeting)
    data = form_data(
        officer,
        meeting=new_meeting,
        version=engagement.version,
        positions=[position("Burden sharing", outcome_document=document.pk)],
    )
    response = officer_client.post(reverse("engagements:edit", args=[engagement.pk]), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    engagement.refresh_from_db()
    assert engagement.meeting == new_meeting
    assert engagement.positions.get().outcome_document == document


def test_outcome_document_of_the_stored_meeting_is_refused_once_the_meeting_changes(
    officer_client, officer
):
    engagement = EngagementFactory(lead_officer=officer)
    old_document = OutcomeDocumentFactory(meeting=engagement.meeting)
    new_meeting = MeetingFactory(forum=engagement.forum)
    data = form_data(
        officer,
        meeting=new_meeting,
        version=engagement.version,
        positions=[position("Burden sharing", outcome_document=old_document.pk)],
    )
    response = officer_client.post(reverse("engagements:edit", args=[engagement.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert "Choose an outcome document of the engagement&#x27;s meeting." in (
        response.content.decode()
    )
    engagement.refresh_from_db()
    assert engagement.meeting != new_meeting


def test_position_clean_refuses_a_document_of_another_meeting():
    item = PositionFactory.build(
        engagement=EngagementFactory(), outcome_document=OutcomeDocumentFactory()
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "outcome_document" in error.value.message_dict


def test_position_without_an_engagement_has_no_meeting_to_check():
    item = Position(text="x", outcome_document=OutcomeDocumentFactory())
    assert item.engagement_or_none() is None
    assert item.early_outcome_error() is None


def test_a_manager_may_not_review_their_own_record(manager):
    own = EngagementFactory(lead_officer=manager, status=Engagement.Status.SUBMITTED)
    assert not own.can_review(manager)
    other_manager = UserFactory(role=MANAGERS)
    assert own.can_review(other_manager)
    with pytest.raises(PermissionDenied):
        services.approve_engagement(engagement=own, actor=manager)
    own.refresh_from_db()
    assert own.status == Engagement.Status.SUBMITTED
