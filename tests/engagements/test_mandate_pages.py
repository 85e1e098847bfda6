"""The pages of a mandate and its outcomes step (issue 11, point 3): the engagement form's rules
with their messages in both languages, the outcomes page, the detail page and the review queue,
with query counts that do not grow with the rows."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.models import Engagement, Position
from notifications.models import Kind, Notification
from tests.engagements.factories import EngagementFactory, PositionFactory, theme
from tests.engagements.test_views import form_data, position
from tests.forums.factories import MeetingFactory

Status = Engagement.Status
Step = Engagement.OutcomeStep
pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def in_language(url, lang):
    return url.replace("/en/", f"/{lang}/", 1)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "say why these positions are added or changed now"),
        ("fr", "dites pourquoi ces positions sont ajoutées ou modifiées maintenant"),
    ],
)
def test_positions_logged_after_the_meeting_without_a_reason_are_refused(
    officer_client, officer, lang, words
):
    data = form_data(officer, positions=[position("Canada backs pledges.")], late_reason="")
    response = officer_client.post(in_language(reverse("engagements:create"), lang), data)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert words in html.replace("&#x27;", "’")
    assert 'href="#id_late_reason"' in html  # the error summary links to the field
    assert not Engagement.objects.exists()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "cannot be recorded before the meeting has ended"),
        ("fr", "ne peut pas être saisi avant la fin de la réunion"),
    ],
)
def test_an_outcome_on_the_form_before_the_meeting_ended_is_refused(
    officer_client, officer, lang, words
):
    meeting = MeetingFactory(start_date=days(5), end_date=days(6))
    data = form_data(
        officer, meeting=meeting, positions=[position("Pledges.", outcome="reflected")]
    )
    response = officer_client.post(in_language(reverse("engagements:create"), lang), data)
    assert response.status_code == HTTPStatus.OK
    assert words in response.content.decode()
    assert not Position.objects.exists()


def test_a_mandate_logged_on_the_form_needs_no_reason(officer_client, officer):
    meeting = MeetingFactory(start_date=days(5), end_date=days(6))
    data = form_data(officer, meeting=meeting, positions=[position("Pledges.")], late_reason="")
    data.pop("save_draft")
    data["save_submit"] = "1"
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.FOUND
    engagement = Engagement.objects.get()
    assert (engagement.status, engagement.outcome_step) == (Status.SUBMITTED, Step.AWAITING)
    assert not engagement.positions.get().set_late


def mandate(officer, *, ended=True, positions=1, outcome_step=Step.AWAITING):
    meeting = (
        MeetingFactory(start_date=days(-8), end_date=days(-6))
        if ended
        else MeetingFactory(start_date=days(6), end_date=days(8))
    )
    engagement = EngagementFactory(
        lead_officer=officer, meeting=meeting, status=Status.APPROVED, outcome_step=outcome_step
    )
    for index in range(positions):
        PositionFactory(engagement=engagement, text=f"Position {index}", theme=theme())
    return engagement


def outcomes_data(engagement, outcome="reflected", **extra):
    positions = list(engagement.positions.all())
    data = {
        "version": engagement.version,
        "outcomes-TOTAL_FORMS": str(len(positions)),
        "outcomes-INITIAL_FORMS": str(len(positions)),
        "outcomes-MIN_NUM_FORMS": "0",
        "outcomes-MAX_NUM_FORMS": "50",
    }
    for index, item in enumerate(positions):
        data[f"outcomes-{index}-id"] = item.pk
        data[f"outcomes-{index}-outcome"] = outcome
        data[f"outcomes-{index}-outcome_reference"] = "para. 3"
        data[f"outcomes-{index}-outcome_note"] = ""
    data.update(extra)
    return data


def test_the_outcomes_page_records_and_submits_the_outcomes(officer_client, officer, manager):
    engagement = mandate(officer)
    url = reverse("engagements:outcomes", args=[engagement.pk])
    detail = officer_client.get(engagement.get_absolute_url()).content.decode()
    assert url in detail and "Mandate approved" in detail
    assert "Position 0" in officer_client.get(url).content.decode()
    response = officer_client.post(url, outcomes_data(engagement, save_submit="1"))
    assert response.status_code == HTTPStatus.FOUND
    engagement.refresh_from_db()
    assert engagement.outcome_step == Step.SUBMITTED
    assert engagement.positions.get().outcome_reference == "para. 3"
    assert Notification.objects.filter(
        recipient=manager, kind=Kind.SUBMITTED, params__step="outcomes"
    ).exists()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "cannot be recorded before the meeting has ended"),
        ("fr", "avant la fin de la réunion"),
    ],
)
def test_outcomes_before_the_meeting_ended_are_refused_on_the_page(
    officer_client, officer, lang, words
):
    engagement = mandate(officer, ended=False)
    detail = officer_client.get(in_language(engagement.get_absolute_url(), lang)).content.decode()
    assert reverse("engagements:outcomes", args=[engagement.pk]) not in detail
    url = in_language(reverse("engagements:outcomes", args=[engagement.pk]), lang)
    response = officer_client.post(url, outcomes_data(engagement))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert words in response.content.decode()
    # the error summary takes the focus (autofocus, and static/js/portal.js)
    assert 'id="error-summary" autofocus data-error-summary' in response.content.decode()
    assert engagement.positions.get().outcome == Position.Outcome.PENDING


def test_a_stale_outcomes_form_is_refused_with_409(officer_client, officer):
    engagement = mandate(officer)
    url = reverse("engagements:outcomes", args=[engagement.pk])
    response = officer_client.post(url, outcomes_data(engagement, version=engagement.version - 1))
    assert response.status_code == HTTPStatus.CONFLICT
    assert engagement.positions.get().outcome == Position.Outcome.PENDING


def test_the_manager_approves_outcomes_from_the_detail_page(manager_client, officer):
    engagement = mandate(officer, outcome_step=Step.SUBMITTED)
    engagement.positions.update(outcome="reflected")
    detail = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert "Approve the outcomes" in detail
    response = manager_client.post(reverse("engagements:approve", args=[engagement.pk]))
    assert response.status_code == HTTPStatus.FOUND
    engagement.refresh_from_db()
    assert (engagement.status, engagement.outcome_step) == (Status.APPROVED, Step.APPROVED)
    trail = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert "Outcomes: Outcomes submitted for approval → Outcomes approved" in trail


def test_the_review_queue_says_which_step_each_item_is_at(manager_client, officer):
    mandate(officer, outcome_step=Step.SUBMITTED)
    EngagementFactory(
        lead_officer=officer,
        status=Status.SUBMITTED,
        meeting=MeetingFactory(start_date=days(6), end_date=days(8)),
        outcome_step=Step.AWAITING,
    )
    EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    response = manager_client.get(reverse("engagements:review_queue"))
    html = response.content.decode()
    assert response.context["table"].paginator.count == 3
    for step in ["Outcomes (after the meeting)", "Mandate (before the meeting)", "Record"]:
        assert step in html
    french = manager_client.get("/fr/review/").content.decode()
    assert "Résultats (après la réunion)" in french and "Mandat (avant la réunion)" in french


def test_review_queue_queries_do_not_grow_with_its_rows(
    manager_client, officer, django_assert_max_num_queries
):
    url = reverse("engagements:review_queue")
    mandate(officer, outcome_step=Step.SUBMITTED)
    EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    with django_assert_max_num_queries(REVIEW_QUEUE_QUERIES):
        manager_client.get(url)
    for _extra in range(6):
        mandate(officer, outcome_step=Step.SUBMITTED)
        EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    with django_assert_max_num_queries(REVIEW_QUEUE_QUERIES):
        assert manager_client.get(url).context["table"].paginator.count == 14


# session, user, permissions, the navigation badges, the filter form's forum and officer
# choices, the count and the rows (one query), the session save
REVIEW_QUEUE_QUERIES = 13  # with the reader's saved views of the list (one query)


def test_outcomes_page_queries_do_not_grow_with_its_positions(
    officer_client, officer, django_assert_num_queries
):
    few = mandate(officer, positions=1)
    many = mandate(officer, positions=12)
    counts = []
    for engagement in (few, many):
        url = reverse("engagements:outcomes", args=[engagement.pk])
        with django_assert_num_queries(OUTCOMES_PAGE_QUERIES) as captured:
            officer_client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]


OUTCOMES_PAGE_QUERIES = 15  # with the officer's navigation counts (one query)


def test_detail_page_queries_do_not_grow_with_flagged_positions(
    manager_client, officer, django_assert_num_queries
):
    counts = []
    for size in (1, 8):
        engagement = mandate(officer, positions=size)
        engagement.positions.update(set_late=True, set_late_reason="Added later.")
        with django_assert_num_queries(DETAIL_QUERIES) as captured:
            manager_client.get(engagement.get_absolute_url())
        counts.append(len(captured))
    assert counts[0] == counts[1]


DETAIL_QUERIES = 26  # + the international events it addressed (one query)
