"""Deleting is refused where it would orphan records or erase history (on_delete=PROTECT): Django
admin answers with its "cannot delete" page naming what protects the record, never a 500, and the
record stays, whether from the delete page or the "delete selected" action."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from engagements.models import Engagement, Theme
from forums.models import Forum, Meeting
from partners.models import Organization
from tests.engagements.factories import EngagementFactory, PositionFactory, theme
from tests.forums.factories import ForumFactory, MeetingFactory
from tests.partners.factories import AgreementFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def forum_with_meetings():
    meeting = MeetingFactory(name_en="Council, 104th session")
    return meeting.forum, [str(meeting)]


def meeting_with_engagements():
    engagement = EngagementFactory(status=Engagement.Status.APPROVED)
    return engagement.meeting, [str(engagement)]


def forum_with_engagements():
    engagement = EngagementFactory(status=Engagement.Status.APPROVED, meeting=None)
    return engagement.forum, [str(engagement)]


def organization_with_agreements():
    agreement = AgreementFactory(number="IOM-2015-001")
    return agreement.recipient, ["IOM-2015-001"]


def theme_in_use():
    position = PositionFactory(theme=theme("resettlement"), text="Canada supports resettlement.")
    return position.theme, ["Canada supports resettlement."]


def theme_only_tagged():
    """No position uses it, but an engagement is tagged with it (a many-to-many link)."""
    engagement = EngagementFactory(summary="Tagged with a theme only.")
    tag = theme("mass-movements")
    engagement.themes.add(tag)
    return tag, [str(engagement)]


CASES = [
    pytest.param(forum_with_meetings, Forum, id="forum-with-meetings"),
    pytest.param(forum_with_engagements, Forum, id="forum-with-engagements"),
    pytest.param(meeting_with_engagements, Meeting, id="meeting-with-engagements"),
    pytest.param(organization_with_agreements, Organization, id="organization-with-agreements"),
    pytest.param(theme_in_use, Theme, id="theme-in-use"),
    pytest.param(theme_only_tagged, Theme, id="theme-tagging-engagements"),
]


def test_a_tagged_theme_is_not_deleted_in_code_either():
    from django.db.models import ProtectedError

    tag, _labels = theme_only_tagged()
    with pytest.raises(ProtectedError):
        tag.delete()
    assert Engagement.objects.filter(themes=tag).exists()


def _admin_url(obj, action):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{action}", args=[obj.pk])


@pytest.mark.parametrize("make,model", CASES)
def test_the_delete_page_says_what_protects_the_record(make, model, admin_client_):
    obj, protected = make()
    url = _admin_url(obj, "delete")
    page = admin_client_.get(url)
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "would require deleting the following protected related objects" in html
    for label in protected:
        assert label in html
    # confirming anyway deletes nothing
    response = admin_client_.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.OK
    assert "protected related objects" in response.content.decode()
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("make,model", CASES)
def test_delete_selected_is_refused_too(make, model, admin_client_):
    obj, protected = make()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist")
    response = admin_client_.post(
        url, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "protected related objects" in response.content.decode()
    assert model.objects.filter(pk=obj.pk).exists()


def test_in_french_too(admin_client_):
    from django.utils import translation

    forum, _labels = forum_with_meetings()
    with translation.override("fr"):
        response = admin_client_.get(_admin_url(forum, "delete"), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == HTTPStatus.OK
    assert "protégés" in response.content.decode()


def test_an_unused_record_can_still_be_deleted(admin_client_):
    forum = ForumFactory()
    organization = OrganizationFactory()
    for obj in (forum, organization):
        response = admin_client_.post(_admin_url(obj, "delete"), {"post": "yes"})
        assert response.status_code == HTTPStatus.FOUND
        assert not type(obj).objects.filter(pk=obj.pk).exists()
        # the deletion itself is in the history
        assert type(obj).history.filter(id=obj.pk, history_type="-").exists()
