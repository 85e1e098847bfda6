"""Importance is a program manager's dated decision; officers propose; the plan page (issue 11)."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from engagements.models import Engagement
from forums import services
from forums.models import Meeting
from tests.engagements.factories import EngagementFactory, PositionFactory
from tests.exports import read_csv
from tests.forums.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2021, 5, 1)


def upcoming(**kwargs):
    return MeetingFactory(start_date=TODAY + datetime.timedelta(days=20), **kwargs)


# --- the decision ------------------------------------------------------------------------------


def test_manager_identifies_a_meeting_ahead_of_it(manager):
    meeting = upcoming()
    meeting = services.decide_importance(
        meeting=meeting, actor=manager, important=True, today=TODAY
    )
    meeting.refresh_from_db()
    assert meeting.is_important and meeting.importance == "important"
    assert (meeting.importance_decided_on, meeting.importance_decided_by) == (TODAY, manager)
    assert not meeting.identified_late
    latest = meeting.history.first()
    assert (latest.history_user, latest.importance) == (manager, "important")


def test_a_decision_after_the_meeting_began_needs_a_reason_and_is_flagged(manager):
    meeting = MeetingFactory(start_date=TODAY)
    with pytest.raises(ValidationError) as error:
        services.decide_importance(meeting=meeting, actor=manager, important=True, today=TODAY)
    assert "reason" in error.value.message_dict
    meeting.refresh_from_db()
    assert not meeting.is_important and meeting.history.count() == 1  # nothing changed
    services.decide_importance(
        meeting=meeting, actor=manager, important=True, reason="Agenda changed.", today=TODAY
    )
    meeting.refresh_from_db()
    assert meeting.identified_late
    assert Meeting.objects.identified_late().filter(pk=meeting.pk).exists()


def test_undoing_an_identification_needs_a_reason_and_every_change_is_kept(manager):
    meeting = upcoming()
    services.decide_importance(meeting=meeting, actor=manager, important=True, today=TODAY)
    with pytest.raises(ValidationError):
        services.decide_importance(meeting=meeting, actor=manager, important=False, today=TODAY)
    services.decide_importance(
        meeting=meeting, actor=manager, important=False, reason="Postponed.", today=TODAY
    )
    meeting.refresh_from_db()
    assert (meeting.is_important, meeting.importance) == (False, "declined")
    assert list(meeting.history.values_list("importance", flat=True)) == [
        "declined",
        "important",
        "none",
    ]
    with pytest.raises(ValidationError):  # the same decision again
        services.decide_importance(
            meeting=meeting, actor=manager, important=False, reason="Again.", today=TODAY
        )


def test_officers_cannot_decide(officer):
    meeting = upcoming()
    with pytest.raises(PermissionDenied):
        services.decide_importance(meeting=meeting, actor=officer, important=True, today=TODAY)
    meeting.refresh_from_db()
    assert not meeting.is_important


def test_officer_proposes_once_and_it_does_not_count(officer, manager):
    meeting = upcoming()
    services.propose_importance(meeting=meeting, actor=officer, reason="A pledge is expected.")
    meeting.refresh_from_db()
    assert (meeting.importance, meeting.is_important) == ("proposed", False)
    assert meeting.importance_proposed_by == officer
    with pytest.raises(ValidationError) as error:
        services.propose_importance(meeting=meeting, actor=officer)
    assert error.value.code == "already_proposed"
    with pytest.raises(PermissionDenied):
        services.propose_importance(meeting=upcoming(), actor=manager)
    services.decide_importance(meeting=meeting, actor=manager, important=True, today=TODAY)
    meeting.refresh_from_db()
    assert meeting.is_important and meeting.importance_proposed_by == officer


def test_the_database_keeps_the_counted_flag_equal_to_the_decision():
    meeting = upcoming()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(is_important=True)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(
            importance="important", is_important=True, importance_decided_on=meeting.start_date
        )  # on the day it began, without a reason


def test_meeting_dates_lie_in_the_portal_fiscal_years():
    meeting = MeetingFactory.build(start_date=datetime.date(1999, 5, 1))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean(exclude=["forum"])
    assert "start_date" in error.value.message_dict


# --- the pages ---------------------------------------------------------------------------------


def test_officer_gets_403_deciding_and_nothing_changes(officer_client):
    meeting = upcoming()
    url = reverse("forums:meeting_importance", args=[meeting.pk])
    assert officer_client.post(url, {"important": "yes"}).status_code == HTTPStatus.FORBIDDEN
    meeting.refresh_from_db()
    assert not meeting.is_important


def test_late_decision_without_reason_is_a_clear_form_error(manager_client):
    meeting = MeetingFactory(start_date=datetime.date(2014, 5, 14))
    url = reverse("forums:meeting_importance", args=[meeting.pk])
    response = manager_client.post(url, {"important": "yes"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "There is a problem to fix" in html
    assert "say why it is identified as important only now" in html
    meeting.refresh_from_db()
    assert not meeting.is_important
    response = manager_client.post(url, {"important": "yes", "reason": "Found later."})
    assert response.status_code == HTTPStatus.FOUND
    meeting.refresh_from_db()
    assert meeting.identified_late


def test_late_decision_error_in_french(manager_client):
    meeting = MeetingFactory(start_date=datetime.date(2014, 5, 14))
    response = manager_client.post(f"/fr/meetings/{meeting.pk}/importance/", {"important": "yes"})
    assert "Il y a un problème à corriger" in response.content.decode()


def test_officer_proposes_from_the_meeting_page(officer_client):
    meeting = upcoming()
    page = officer_client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("forums:meeting_propose", args=[meeting.pk]) in page
    assert reverse("forums:meeting_importance", args=[meeting.pk]) not in page
    response = officer_client.post(
        reverse("forums:meeting_propose", args=[meeting.pk]), {"reason": "Pledges."}
    )
    assert response.status_code == HTTPStatus.FOUND
    response = officer_client.post(reverse("forums:meeting_propose", args=[meeting.pk]), {})
    assert "already been proposed" in response.content.decode()


def plan_rows(client, year="2021-22", **query):
    response = client.get(reverse("forums:plan"), {"fiscal_year": year, **query})
    assert response.status_code == HTTPStatus.OK
    return response


def test_plan_lists_important_meetings_first_with_their_positions(manager_client, officer):
    ordinary = MeetingFactory(start_date=datetime.date(2021, 4, 10))
    important = MeetingFactory(start_date=datetime.date(2021, 9, 10), is_important=True)
    late = MeetingFactory(
        start_date=datetime.date(2021, 6, 10),
        is_important=True,
        importance_decided_on=datetime.date(2021, 6, 11),
        importance_reason="Added later.",
    )
    MeetingFactory(start_date=datetime.date(2022, 5, 1), is_important=True)  # another year
    approved = EngagementFactory(meeting=important, status=Engagement.Status.APPROVED)
    PositionFactory(engagement=approved, outcome="reflected")
    PositionFactory(engagement=approved, outcome="pending")
    draft = EngagementFactory(meeting=important, lead_officer=officer)
    PositionFactory(engagement=draft)
    response = plan_rows(manager_client)
    rows = list(response.context["table"].rows)
    assert [row.record for row in rows] == [late, important, ordinary]
    record = rows[1].record
    assert (record.n_engagements, record.n_planned, record.n_delivered, record.n_awaiting) == (
        2,
        1,
        2,
        1,
    )
    assert record.n_overdue == 1  # the meeting ended years ago
    html = response.content.decode()
    assert reverse("forums:meeting_importance", args=[ordinary.pk]) in html
    export = manager_client.get(
        reverse("forums:plan"), {"fiscal_year": "2021-22", "_export": "csv"}
    )
    _title, table = read_csv(export)
    assert "Identified after the meeting began" in table[0]
    assert "Action" not in table[0]
    flag = table[0].index("Identified after the meeting began")
    assert [row[flag] for row in table[1:]] == ["Yes", "No", "No"]


def test_plan_counts_only_what_the_officer_may_see(officer_client, other_officer):
    meeting = MeetingFactory(start_date=datetime.date(2021, 9, 10), is_important=True)
    PositionFactory(engagement=EngagementFactory(meeting=meeting, lead_officer=other_officer))
    record = plan_rows(officer_client).context["table"].rows[0].record
    assert (record.n_engagements, record.n_planned) == (0, 0)


def test_plan_query_count_does_not_grow(manager_client, django_assert_num_queries):
    def add(n):
        for i in range(n):
            meeting = MeetingFactory(
                start_date=datetime.date(2021, 5, 1) + datetime.timedelta(days=i),
                is_important=i % 2 == 0,
            )
            PositionFactory(engagement=EngagementFactory(meeting=meeting))

    add(3)
    plan_rows(manager_client)
    with django_assert_num_queries(PLAN_QUERIES):
        plan_rows(manager_client)
    add(25)
    with django_assert_num_queries(PLAN_QUERIES):
        plan_rows(manager_client)


# session, user, permissions, navigation badge, the filter's forum choices, the count and the
# page of rows (each count a correlated subquery of the one query)
PLAN_QUERIES = 12  # with the reader's saved views of the list (one query)


def test_meeting_page_query_count_does_not_grow(officer_client, django_assert_num_queries):
    from tests.forums.factories import OutcomeDocumentFactory

    meeting = MeetingFactory(is_important=True)
    documents = [OutcomeDocumentFactory(meeting=meeting) for _ in range(2)]

    def add(n):
        for _ in range(n):
            engagement = EngagementFactory(meeting=meeting, status=Engagement.Status.APPROVED)
            for document in documents:
                PositionFactory(engagement=engagement, outcome_document=document)

    add(1)
    url = meeting.get_absolute_url()
    officer_client.get(url)
    with django_assert_num_queries(MEETING_QUERIES):
        officer_client.get(url)
    add(6)
    with django_assert_num_queries(MEETING_QUERIES):
        response = officer_client.get(url)
    assert response.content.decode().count("<tr><td") == 14  # 7 engagements × 2 documents


# session, user, permissions, navigation badge, the meeting, its history link, the documents,
# their visible positions, the engagements
MEETING_QUERIES = 12  # with the officer's navigation counts (one query)
