"""The notifications page (unread first, count in the navigation, mark as read, links under the
reader's language), the profile page (language, reminders; unknown kinds refused) and the language
a user last used."""

from http import HTTPStatus

import pytest

from engagements import services as workflow
from engagements.models import Engagement
from notifications.models import Kind, Notification, ReminderOptOut
from notifications.services import Notice, notify
from tests.engagements.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def _notices(user, count, *, start=0):
    for i in range(start, start + count):
        notify(
            [user],
            Notice(
                kind=Kind.STALE_DRAFT,
                record=f"engagement:{i}",
                period="v1",
                url_name="engagements:list",
                params={"label_en": f"Draft {i}", "label_fr": f"Ébauche {i}", "days": 14},
            ),
        )


def test_unread_first_with_the_count_in_the_navigation(officer_client, officer, manager):
    engagement = EngagementFactory(lead_officer=officer, status=Engagement.Status.SUBMITTED)
    workflow.return_engagement(engagement=engagement, actor=manager, reason="Add the date.")
    _notices(officer, 2)
    Notification.objects.filter(kind=Kind.STALE_DRAFT).update(
        read_at="2026-01-01T00:00:00Z"
    )  # read: after the unread one
    from notifications.services import recount_unread

    recount_unread([officer.pk])
    page = officer_client.get("/en/notifications/")
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert 'Notifications <span class="badge">1' in html
    assert html.index("Returned to you") < html.index("Draft 0")
    assert "Add the date." in html
    assert f'href="/en/engagements/{engagement.pk}/"' in html
    french = officer_client.get("/fr/notifications/").content.decode()
    assert f'href="/fr/engagements/{engagement.pk}/"' in french
    assert "Fiche qui vous est renvoyée" in french


def test_mark_one_and_all_read(officer_client, officer, other_officer):
    _notices(officer, 3)
    _notices(other_officer, 1, start=10)
    mine = Notification.objects.filter(recipient=officer).first()
    theirs = Notification.objects.get(recipient=other_officer)
    response = officer_client.post(
        "/en/notifications/read/", {"notification": [mine.pk, theirs.pk]}
    )
    assert response.status_code == HTTPStatus.FOUND
    officer.refresh_from_db()
    assert officer.unread_notifications == 2
    theirs.refresh_from_db()
    assert theirs.read_at is None  # someone else's id is ignored
    officer_client.post("/en/notifications/read/", {"all": "1"})
    officer.refresh_from_db()
    assert officer.unread_notifications == 0
    assert not Notification.objects.filter(recipient=officer, read_at__isnull=True).exists()


@pytest.mark.parametrize("rows", [5, 40])
def test_the_notifications_page_does_not_grow_with_its_rows(
    rows, officer_client, officer, django_assert_num_queries
):
    _notices(officer, rows)
    officer_client.get("/en/notifications/")  # warm: permissions, session
    # session, user, permissions (user's and groups'), page count, page rows, the navigation's
    # work counts (one aggregate), and the session saved in a savepoint (3); the unread count
    # shown in the navigation costs none
    with django_assert_num_queries(10):
        response = officer_client.get("/en/notifications/")
    assert response.status_code == HTTPStatus.OK


def test_profile_sets_language_and_reminders(officer_client, officer):
    page = officer_client.get("/en/accounts/profile/")
    assert page.status_code == HTTPStatus.OK
    assert "The language I last used" in page.content.decode()
    response = officer_client.post(
        "/en/accounts/profile/",
        {"preferred_language": "fr", "reminders": ["stale_draft", "report_due"]},
    )
    assert response.status_code == HTTPStatus.FOUND
    officer.refresh_from_db()
    assert officer.preferred_language == "fr" and officer.notification_language == "fr"
    off = set(ReminderOptOut.objects.filter(user=officer).values_list("kind", flat=True))
    assert "stale_draft" not in off and "report_due" not in off
    assert {"pending_outcome", "returned_waiting", "weekly_digest"} <= off
    # turning one back on removes its opt-out
    officer_client.post(
        "/en/accounts/profile/", {"preferred_language": "", "reminders": ["pending_outcome"]}
    )
    assert not ReminderOptOut.objects.filter(user=officer, kind="pending_outcome").exists()


def test_unknown_kinds_and_languages_are_refused_in_the_readers_language(officer_client, officer):
    response = officer_client.post(
        "/fr/accounts/profile/", {"preferred_language": "de", "reminders": ["submitted", "x"]}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Rien n’a été enregistré" in response.content.decode()
    assert not ReminderOptOut.objects.filter(user=officer).exists()
    officer.refresh_from_db()
    assert officer.preferred_language == ""


def test_the_language_last_used_is_remembered(officer_client, officer):
    assert officer.notification_language == "en"
    officer_client.get("/fr/notifications/")
    officer.refresh_from_db()
    assert officer.last_language == "fr" and officer.notification_language == "fr"
    officer.preferred_language = "en"
    officer.save()
    assert officer.notification_language == "en"  # a choice wins over the last language
