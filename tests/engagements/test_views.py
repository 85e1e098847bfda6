"""Engagement pages: the one-page form (positions, new meeting, errors), concurrent edits, the
workflow buttons, bad input, and query counts pinned with many rows."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from engagements.models import Engagement, Position
from forums.models import Meeting
from tests.engagements.factories import (
    EngagementFactory,
    EvidenceFactory,
    PositionFactory,
    TransitionFactory,
    theme,
)
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory
from tests.partners.factories import OrganizationFactory

Status = Engagement.Status
pytestmark = pytest.mark.django_db


def form_data(officer, *, meeting=None, positions=(), version=None, **overrides):
    """A valid POST body for the engagement form."""
    meeting = meeting or MeetingFactory()
    data = {
        "kind": "meeting",
        "leadership_role": "none",
        "forum": meeting.forum.pk,
        "meeting": meeting.pk,
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "city": "Geneva",
        "country": "CH",
        "lead_officer": officer.pk,
        "themes": [theme().pk],
        "summary": "Canada delivered its statement.",
        "language": "en",
        "save_draft": "1",
        # the factories' meetings are past: positions logged now are set after the meeting
        "late_reason": "Logged after the meeting from the delegation's report.",
    }
    existing = Engagement.objects.filter(meeting=meeting).first()
    initial = list(existing.positions.all()) if existing and version is not None else []
    rows = list(positions) or []
    data["positions-TOTAL_FORMS"] = str(max(len(rows), len(initial), 1))
    data["positions-INITIAL_FORMS"] = str(len(initial))
    data["positions-MIN_NUM_FORMS"] = "0"
    data["positions-MAX_NUM_FORMS"] = "50"
    for index, position in enumerate(initial):
        data[f"positions-{index}-id"] = position.pk
        data[f"positions-{index}-engagement"] = existing.pk
        data[f"positions-{index}-text"] = position.text
        data[f"positions-{index}-theme"] = position.theme_id
        data[f"positions-{index}-outcome"] = position.outcome
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"positions-{index}-{key}"] = value
    if not rows and not initial:
        data["positions-0-outcome"] = "pending"
    if version is not None:
        data["version"] = version
    data.update(overrides)
    return data


def position(text, **extra):
    return {"text": text, "theme": theme().pk, "outcome": "pending", **extra}


# --- the form ---------------------------------------------------------------------------------


def test_form_page_groups_meetings_by_forum(officer_client):
    forum = ForumFactory(acronym_en="ExCom", name_en="UNHCR Executive Committee")
    MeetingFactory(forum=forum, name_en="65th session")
    response = officer_client.get(reverse("engagements:create"))
    content = response.content.decode()
    assert '<optgroup label="ExCom — UNHCR Executive Committee">' in content
    assert "65th session" in content
    assert content.count('name="positions-') > 0
    assert 'name="positions-TOTAL_FORMS" value="2"' in content  # two blank rows to start


def test_create_with_two_positions_and_submit(officer_client, officer):
    meeting = MeetingFactory()
    document = OutcomeDocumentFactory(meeting=meeting)
    data = form_data(
        officer,
        meeting=meeting,
        positions=[
            position("Resettlement pledges", outcome="reflected", outcome_document=document.pk),
            position("Integration outcomes"),
        ],
        save_submit="1",
    )
    del data["save_draft"]
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.FOUND
    engagement = Engagement.objects.get()
    assert engagement.status == Status.SUBMITTED
    assert engagement.positions.count() == 2
    assert engagement.transitions.get().to_status == Status.SUBMITTED


def test_add_another_position_keeps_what_was_typed(officer_client, officer):
    data = form_data(officer, positions=[position("Keep me"), position("And me")], add_position="1")
    data["summary"] = "Typed summary"
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert 'name="positions-TOTAL_FORMS" value="3"' in content
    assert "Keep me" in content and "And me" in content and "Typed summary" in content
    assert "errorlist" not in content and "error-message" not in content  # nothing claimed wrong
    assert Engagement.objects.count() == 0


def test_remove_a_position_on_edit(officer_client, officer):
    engagement = EngagementFactory(lead_officer=officer)
    keep = PositionFactory(engagement=engagement, text="Keep")
    drop = PositionFactory(engagement=engagement, text="Drop")
    data = form_data(officer, meeting=engagement.meeting, version=engagement.version)
    data["positions-1-DELETE"] = "on"
    response = officer_client.post(reverse("engagements:edit", args=[engagement.pk]), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    assert list(engagement.positions.all()) == [keep]
    assert not Position.objects.filter(pk=drop.pk).exists()


def test_new_meeting_from_the_form(officer_client, officer):
    forum = ForumFactory()
    data = form_data(officer, meeting=MeetingFactory(forum=forum))
    data["meeting"] = ""
    data.update(
        {
            "new_meeting-name_en": "Working Group on Resettlement, June",
            "new_meeting-name_fr": "Groupe de travail sur la réinstallation, juin",
            "new_meeting-city": "Geneva",
            "new_meeting-country": "CH",
            "new_meeting-is_important": "on",  # no such field any more: ignored
            "new_meeting-propose_important": "on",
        }
    )
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    engagement = Engagement.objects.get()
    assert not engagement.meeting.is_important
    assert engagement.meeting.importance == "proposed"
    assert engagement.meeting.name_en == "Working Group on Resettlement, June"
    assert engagement.meeting.forum == forum
    assert engagement.meeting.start_date == engagement.start_date  # defaulted


def test_new_meeting_missing_french_name_keeps_everything(officer_client, officer):
    forum = ForumFactory()
    data = form_data(officer, meeting=MeetingFactory(forum=forum), positions=[position("Typed")])
    data["meeting"] = ""
    data["new_meeting-name_en"] = "Only English"
    meetings = Meeting.objects.count()
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Give the meeting&#x27;s French name." in content
    assert "Typed" in content and "Only English" in content
    assert Meeting.objects.count() == meetings
    assert Engagement.objects.count() == 0


# --- bad input -------------------------------------------------------------------------------


def _errors_for(client, data):
    response = client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert Engagement.objects.count() == 0
    return response.content.decode()


def test_missing_required_fields_are_listed_in_the_summary(officer_client):
    content = _errors_for(
        officer_client, {"positions-TOTAL_FORMS": "1", "positions-INITIAL_FORMS": "0"}
    )
    assert 'class="error-summary"' in content
    assert 'href="#id_kind"' in content and 'href="#id_start_date"' in content
    assert 'href="#id_summary"' in content
    # specific messages, never Django's generic one
    assert "Enter the start date of the engagement." in content
    assert "Enter the end date of the engagement." in content
    assert "This field is required." not in content


def test_end_before_start(officer_client, officer):
    data = form_data(officer, end_date="2001-01-01")
    assert "The end date cannot be before the start date." in _errors_for(officer_client, data)


def test_meeting_from_another_forum(officer_client, officer):
    data = form_data(officer, forum=ForumFactory().pk)
    assert "This meeting is not one of the chosen forum&#x27;s" in _errors_for(officer_client, data)


def test_position_without_text(officer_client, officer):
    data = form_data(officer, positions=[{"theme": theme().pk, "outcome": "reflected"}])
    content = _errors_for(officer_client, data)
    assert "Write the position Canada delivered." in content
    assert 'href="#id_positions-0-text"' in content


def test_outcome_document_of_another_meeting(officer_client, officer):
    data = form_data(
        officer, positions=[position("x", outcome_document=OutcomeDocumentFactory().pk)]
    )
    content = _errors_for(officer_client, data)
    assert "Choose an outcome document of the engagement&#x27;s meeting." in content


def test_leadership_without_role(officer_client, officer):
    data = form_data(officer, kind="leadership")
    assert "Choose the role Canada held." in _errors_for(officer_client, data)


def test_errors_in_french(client, officer):
    client.force_login(officer)
    data = form_data(officer, end_date="2001-01-01")
    response = client.post("/fr/engagements/new/", data)
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert 'lang="fr"' in content
    assert "La date de fin ne peut pas précéder la date de début." in content


def test_markup_is_shown_escaped(officer_client, officer):
    data = form_data(
        officer, summary="<script>alert('x')</script>", positions=[position("<b>bold</b>")]
    )
    officer_client.post(reverse("engagements:create"), data)
    engagement = Engagement.objects.get()
    content = officer_client.get(engagement.get_absolute_url()).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content
    assert "&lt;b&gt;bold&lt;/b&gt;" in content


@pytest.mark.parametrize(
    "query",
    [
        "page=99999",
        "page=-1",
        "page=abc",
        "fiscal_year=2013-99",
        "fiscal_year=garbage",
        "forum=abc",
        "meeting=99999999",
        "status=lost",
        "sort=nonexistent",
        "sort=-forum",
        "sort=meeting",
        "sort=-meeting",
        "sort=-lead_officer",
        "sort=-position_count",
        "sort=-status&page=2",
        "theme=x&partner=y&officer=z&outcome=maybe",
        "q=%00%27%22",
    ],
)
def test_malformed_list_urls_never_fail(officer_client, query):
    EngagementFactory(status=Status.APPROVED)
    response = officer_client.get(f"{reverse('engagements:list')}?{query}")
    assert response.status_code == HTTPStatus.OK


# --- list filters --------------------------------------------------------------------------------


def test_filters(officer_client, officer):
    partner = OrganizationFactory()
    match = EngagementFactory(lead_officer=officer, status=Status.APPROVED, summary="Needle here")
    match.partners.add(partner)
    PositionFactory(engagement=match, outcome="reflected")
    other = EngagementFactory(
        status=Status.APPROVED, meeting=MeetingFactory(start_date=datetime.date(2016, 5, 1))
    )
    other.themes.set([theme("health")])
    url = reverse("engagements:list")
    for query in [
        "q=needle",
        f"partner={partner.pk}",
        "outcome=reflected",
        "theme=" + str(theme().pk),
        f"officer={officer.pk}",
        "fiscal_year=2014-15",
        f"forum={match.forum_id}",
        f"meeting={match.meeting_id}",
        "status=approved&kind=meeting&q=Needle",
    ]:
        rows = officer_client.get(f"{url}?{query}").context["table"].data
        assert [row.pk for row in rows] == [match.pk], query


def test_export_csv_lists_what_is_shown(officer_client, officer):
    EngagementFactory(lead_officer=officer, summary="x")
    response = officer_client.get(reverse("engagements:list") + "?_export=csv")
    assert response.status_code == HTTPStatus.OK
    body = response.getvalue().decode()
    assert "Resettlement" in body and "Draft" in body


# --- concurrency -----------------------------------------------------------------------------


def test_concurrent_edit_second_save_is_refused_with_the_changes(client, officer):
    from django.test import Client

    engagement = EngagementFactory(lead_officer=officer, summary="Original")
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(officer)
    url = reverse("engagements:edit", args=[engagement.pk])
    # both open the form at version 1
    assert first.get(url).context["form"]["version"].value() == 1
    assert second.get(url).context["form"]["version"].value() == 1
    ok = first.post(url, form_data(officer, meeting=engagement.meeting, version=1, summary="First"))
    assert ok.status_code == HTTPStatus.FOUND
    refused = second.post(
        url, form_data(officer, meeting=engagement.meeting, version=1, summary="Second")
    )
    assert refused.status_code == HTTPStatus.CONFLICT
    content = refused.content.decode()
    assert "Someone else changed this record" in content
    assert "Original" in content and "First" in content  # what changed: before and after
    assert "Second" in content  # what they typed is kept
    engagement.refresh_from_db()
    assert engagement.summary == "First"
    # saving again after reading the changes is deliberate: the form now carries version 2
    assert refused.context["form"]["version"].value() == "2"


# --- workflow through the pages ---------------------------------------------------------------


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_actions_shown_only_to_who_may_use_them(officer_client, officer, manager):
    manager_client = _client_for(manager)
    engagement = EngagementFactory(lead_officer=officer)
    content = officer_client.get(engagement.get_absolute_url()).content.decode()
    assert reverse("engagements:submit", args=[engagement.pk]) in content
    assert reverse("engagements:approve", args=[engagement.pk]) not in content
    content = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert reverse("engagements:submit", args=[engagement.pk]) not in content
    assert reverse("engagements:edit", args=[engagement.pk]) not in content
    assert reverse("engagements:approve", args=[engagement.pk]) not in content  # not submitted yet
    engagement.status = Status.SUBMITTED
    engagement.save()
    content = manager_client.get(engagement.get_absolute_url()).content.decode()
    assert reverse("engagements:approve", args=[engagement.pk]) in content
    assert reverse("engagements:return", args=[engagement.pk]) in content


def test_return_without_reason_shows_the_error_beside_the_field(manager_client, officer):
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    response = manager_client.post(
        reverse("engagements:return", args=[engagement.pk]), {"return-reason": ""}
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Say why." in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.status == Status.SUBMITTED


def test_returned_reason_shows_in_my_work(officer_client, officer, manager):
    manager_client = _client_for(manager)
    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    manager_client.post(
        reverse("engagements:return", args=[engagement.pk]), {"return-reason": "Cite para. 12"}
    )
    content = officer_client.get(reverse("engagements:my_work")).content.decode()
    assert "Cite para. 12" in content


def test_review_badge_counts_submitted(manager_client, officer):
    EngagementFactory.create_batch(3, lead_officer=officer, status=Status.SUBMITTED)
    EngagementFactory(lead_officer=officer, status=Status.DRAFT)
    response = manager_client.get(reverse("engagements:review_queue"))
    nav = [item for item in response.context["portal_nav"] if item["badge"]]
    assert [item["badge"] for item in nav] == [3]


# --- query counts, with many rows ----------------------------------------------------------


def _many(officer, count=30):
    meeting = MeetingFactory()
    records = []
    for index in range(count):
        status = [Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED][index % 4]
        engagement = EngagementFactory(lead_officer=officer, meeting=meeting, status=status)
        engagement.themes.add(theme("health"))
        engagement.partners.add(OrganizationFactory())
        PositionFactory(engagement=engagement)
        TransitionFactory(
            engagement=engagement,
            to_status=Status.RETURNED,
            reason="why",
            from_status=Status.SUBMITTED,
        )
        records.append(engagement)
    return records


def _queries_for(client, url, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response


# session, user, permissions (user + group), nav badge-free for officers...: measured, then pinned
def test_list_query_count_is_constant(officer_client, officer, django_assert_num_queries):
    _many(officer, 5)
    url = reverse("engagements:list") + "?theme=" + str(theme("health").pk)
    with translation.override("en"):
        small = _count_queries(officer_client, url)
    _many(officer, 40)
    assert _count_queries(officer_client, url) == small
    _queries_for(officer_client, url, django_assert_num_queries, small)


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(context.captured_queries)


# Measured with 40+ rows; each includes 4 for the session, user and permissions and 3 for the
# session save (SAVEPOINT, UPDATE, RELEASE). The detail page's history (core/history.py) adds 1 for
# the record's rows, 3 for its many-to-many states, 1 each for the positions' and the evidence's
# rows and 6 for the labels of what changed (one per related model), whatever its length.
# each + the officer's navigation counts (one aggregate, engagements.selectors.work_counts)
LIST_QUERIES = 18  # + the agreement filter's choices, + the reader's saved views of the list
DETAIL_QUERIES = 28  # + the international events it addressed (one query)
MY_WORK_QUERIES = 12  # the counts are the navigation's; one query per list
REVIEW_QUERIES = 13  # + the filter form's forum and officer choices, + the saved views


def test_list_queries_pinned(officer_client, officer, django_assert_num_queries):
    _many(officer, 40)
    _queries_for(
        officer_client, reverse("engagements:list"), django_assert_num_queries, LIST_QUERIES
    )


def test_detail_queries_pinned(officer_client, officer, django_assert_num_queries, manager):
    from engagements import services

    engagement = EngagementFactory(lead_officer=officer)
    for index in range(12):
        PositionFactory(
            engagement=engagement,
            outcome_document=OutcomeDocumentFactory(meeting=engagement.meeting),
        )
        EvidenceFactory(engagement=engagement, original_name=f"file{index}.pdf")
        engagement.partners.add(OrganizationFactory())
    engagement.delegation.add(manager)
    # a long history and trail
    for cycle in range(5):
        engagement = services.submit_engagement(engagement=engagement, actor=officer)
        engagement = services.return_engagement(
            engagement=engagement, actor=manager, reason=f"r{cycle}"
        )
    response = _queries_for(
        officer_client, engagement.get_absolute_url(), django_assert_num_queries, DETAIL_QUERIES
    )
    assert len(response.context["history"]) > 20


def test_my_work_queries_pinned(officer_client, officer, django_assert_num_queries):
    _many(officer, 40)
    response = _queries_for(
        officer_client, reverse("engagements:my_work"), django_assert_num_queries, MY_WORK_QUERIES
    )
    counts = response.context["counts"]
    assert (counts["drafts"], counts["returned"], counts["submitted"]) == (10, 10, 10)


def test_review_queue_queries_pinned(manager_client, officer, django_assert_num_queries):
    _many(officer, 40)
    response = _queries_for(
        manager_client,
        reverse("engagements:review_queue"),
        django_assert_num_queries,
        REVIEW_QUERIES,
    )
    assert len(response.context["table"].page.object_list) == 10


def test_new_form_defaults_to_the_officer_and_the_page_language(client, officer):
    client.force_login(officer)
    form = client.get("/fr/engagements/new/").context["form"]
    assert form["lead_officer"].value() == officer.pk
    assert form["language"].value() == "fr"


def test_history_shows_who_changed_which_field_and_positions(officer_client, officer):
    meeting = MeetingFactory()
    data = form_data(officer, meeting=meeting, positions=[position("First wording")])
    officer_client.post(reverse("engagements:create"), data)
    engagement = Engagement.objects.get()
    data = form_data(officer, meeting=meeting, version=1, summary="Second summary")
    data["positions-0-text"] = "Second wording"
    assert (
        officer_client.post(reverse("engagements:edit", args=[engagement.pk]), data).status_code
        == 302
    )
    response = officer_client.get(engagement.get_absolute_url())
    history = response.context["history"]
    summary_change = next(
        change
        for entry in history
        for change in entry.changes
        if not entry.subject and change.field.name == "summary"
    )
    assert summary_change.shown_old == "Canada delivered its statement."
    assert summary_change.shown_new == "Second summary"
    positions = [entry for entry in history if entry.part == "engagements.position"]
    position_change = next(entry for entry in positions if entry.kind == "changed")
    assert position_change.changes[0].shown_old == "First wording"
    assert position_change.changes[0].shown_new == "Second wording"
    assert position_change.user == officer
    assert any(entry.kind == "created" for entry in positions)
    # the page shows them, in the change table the audit page uses too
    html = response.content.decode()
    assert "changed a position:" in html and "added a position:" in html
    assert '<td lang="en">Canada delivered its statement.</td><td>Second summary</td>' in html
    assert "<td>First wording</td><td>Second wording</td>" in html


def test_administrators_correct_records_and_themes_in_the_admin(client, administrator, officer):
    engagement = EngagementFactory(lead_officer=officer)
    client.force_login(administrator)
    assert client.get(reverse("admin:engagements_theme_changelist")).status_code == 200
    assert client.get(reverse("admin:engagements_theme_add")).status_code == 200
    change = reverse("admin:engagements_engagement_change", args=[engagement.pk])
    assert client.get(change).status_code == 200
    history = reverse("admin:engagements_engagement_history", args=[engagement.pk])
    assert client.get(history).status_code == 200
    assert client.get(reverse("admin:engagements_engagement_add")).status_code == 403
