"""Issue 12, point 6: the review queue as a table (filters, sorting, export, the order "open the
next" follows), what waits on each user (the navigation's counts, "My work", the top of the home
page), in both languages, with query counts that do not grow with the rows."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagements import selectors, services
from engagements.models import Engagement
from tests.engagements.factories import EngagementFactory, PositionFactory
from tests.exports import read_csv, read_xlsx
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory

Status = Engagement.Status
Step = Engagement.OutcomeStep
pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def waited(engagement, n_days):
    """As if it had been submitted n_days ago (nothing changes a record while it waits)."""
    at = timezone.now() - datetime.timedelta(days=n_days, hours=1)
    Engagement.objects.filter(pk=engagement.pk).update(updated_at=at)
    return engagement


def official_position(engagement):
    important = MeetingFactory(is_important=True)
    return PositionFactory(
        engagement=engagement, outcome_document=OutcomeDocumentFactory(meeting=important)
    )


def mandate(officer, *, ended=True, outcome_step=Step.AWAITING, status=Status.APPROVED):
    meeting = (
        MeetingFactory(start_date=days(-8), end_date=days(-6))
        if ended
        else MeetingFactory(start_date=days(6), end_date=days(8))
    )
    return EngagementFactory(
        lead_officer=officer, meeting=meeting, status=status, outcome_step=outcome_step
    )


def request_for(user):
    request = RequestFactory().get("/en/")
    request.user = user
    return request


def queue_rows(response):
    return [row.record for row in response.context["table"].page.object_list]


# --- what waits on whom -----------------------------------------------------------------------


def officer_work(officer, other_officer):
    """One of each state for the officer, and someone else's work that is not theirs."""
    EngagementFactory(lead_officer=officer, status=Status.RETURNED)
    mandate(officer, outcome_step=Step.RETURNED)  # outcomes returned: returned too
    mandate(officer)  # meeting over, outcomes to record
    mandate(officer, ended=False)  # meeting to come: nothing to do yet
    EngagementFactory.create_batch(2, lead_officer=officer, status=Status.DRAFT)
    EngagementFactory(lead_officer=other_officer, created_by=officer, status=Status.DRAFT)
    EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)  # waits on a manager
    mandate(officer, outcome_step=Step.SUBMITTED)  # outcomes wait on a manager
    EngagementFactory(lead_officer=officer, status=Status.APPROVED)
    EngagementFactory(lead_officer=other_officer, status=Status.RETURNED)
    EngagementFactory(lead_officer=other_officer, status=Status.DRAFT)


def test_work_counts_say_what_waits_on_an_officer(officer, other_officer):
    officer_work(officer, other_officer)
    counts = selectors.work_counts(request_for(officer))
    assert counts == {
        "returned": 2,
        "outcomes": 1,
        "drafts": 3,  # the one they wrote for someone else too
        "submitted": 2,
        "mine": 6,
        "queue": 0,
    }


def test_work_counts_of_a_manager_are_the_review_queue(manager, officer):
    EngagementFactory.create_batch(2, lead_officer=officer, status=Status.SUBMITTED)
    mandate(officer, outcome_step=Step.SUBMITTED)
    mandate(officer)  # outcomes not yet submitted: not the manager's
    EngagementFactory(lead_officer=officer, status=Status.RETURNED)
    counts = selectors.work_counts(request_for(manager))
    assert (counts["queue"], counts["mine"]) == (3, 0)
    assert counts["queue"] == selectors.review_queue().count()


def test_work_counts_cost_one_query_once_per_request(officer, other_officer):
    officer_work(officer, other_officer)
    request = request_for(officer)
    with CaptureQueriesContext(connection) as first:
        selectors.work_counts(request)
    with CaptureQueriesContext(connection) as again:
        selectors.my_work_count(request)
        selectors.work_counts(request)
    # the permission checks read the user's permissions, then one aggregate reads every count
    reads = [q for q in first.captured_queries if '"engagements_engagement"' in q["sql"]]
    assert len(reads) == 1 and "COUNT" in reads[0]["sql"].upper()
    assert len(again.captured_queries) == 0


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "My work 6 records waiting for you"), ("fr", "Mon travail 6 fiches vous attendent")],
)
def test_my_work_link_carries_its_count_for_screen_readers(
    officer_client, officer, other_officer, lang, words
):
    officer_work(officer, other_officer)
    response = officer_client.get(f"/{lang}/engagements/")
    item = next(i for i in response.context["portal_nav"] if i["url"].endswith("/my-work/"))
    assert item["badge"] == 6
    html = response.content.decode()
    link = html[html.index('href="/' + lang + '/my-work/"') :]
    link = link[: link.index("</a>")]
    assert '<span class="badge">6<span class="visually-hidden">' in link
    text = " ".join(
        link.split(">", 1)[1].replace('<span class="badge">', " ").replace("</span>", "").split()
    )
    assert text.replace('<span class="visually-hidden">', "") == words


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "1 record waiting for your review"),
        ("fr", "1 fiche attend votre approbation"),
    ],
)
def test_review_queue_link_says_what_its_count_counts(manager_client, officer, lang, words):
    EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    html = manager_client.get(f"/{lang}/").content.decode()
    link = html[html.index(f'href="/{lang}/review/"') :]
    link = link[: link.index("</a>")]
    text = link.replace('<span class="visually-hidden">', "").replace("</span>", "")
    assert words.split(" ", 1)[1] in text and '<span class="badge">1' in link


def test_no_badge_when_nothing_waits(officer_client, officer):
    EngagementFactory(lead_officer=officer, status=Status.APPROVED)
    response = officer_client.get(reverse("engagements:list"))
    assert [i["badge"] for i in response.context["portal_nav"] if i["badge"]] == []


def test_my_work_lists_the_outcomes_to_record_after_the_meeting(
    officer_client, officer, other_officer
):
    officer_work(officer, other_officer)
    response = officer_client.get(reverse("engagements:my_work"))
    assert len(response.context["outcomes"]) == 1
    assert len(response.context["returned"]) == 2
    assert len(response.context["drafts"]) == 3
    assert len(response.context["submitted"]) == 2
    french = officer_client.get("/fr/my-work/").content.decode()
    assert "Résultats à saisir après la réunion" in french


# --- the home page starts with one's own work --------------------------------------------------


def test_officers_home_page_starts_with_their_work(officer_client, officer, other_officer):
    officer_work(officer, other_officer)
    returned = Engagement.objects.filter(lead_officer=officer, status=Status.RETURNED).get()
    services.submit_engagement(engagement=returned, actor=officer)
    returned.refresh_from_db()
    from tests.accounts.factories import UserFactory

    manager = UserFactory(role="Program managers")
    services.return_engagement(engagement=returned, actor=manager, reason="Cite paragraph 4.")
    html = officer_client.get(reverse("dashboard")).content.decode()
    work, figures = html.index('id="work-heading"'), html.index('id="official-heading"')
    assert work < figures
    section = html[work:figures]
    assert "2 records returned to you" in section
    assert "1 mandate whose outcomes are to record after the meeting" in section
    assert "3 drafts" in section
    assert "Cite paragraph 4." in section
    french = officer_client.get("/fr/").content.decode()
    assert "2 fiches qui vous sont renvoyées" in french and "3 ébauches" in french


def test_officer_with_nothing_waiting_is_told_so(officer_client, officer):
    html = officer_client.get("/fr/").content.decode()
    assert "Rien ne vous attend\u00a0: aucune fiche renvoyée" in html


def test_managers_home_page_starts_with_the_oldest_waiting(manager_client, officer):
    old = waited(EngagementFactory(lead_officer=officer, status=Status.SUBMITTED), 9)
    waited(EngagementFactory(lead_officer=officer, status=Status.SUBMITTED), 2)
    response = manager_client.get(reverse("dashboard"))
    work = response.context["work"]
    assert work["counts"]["queue"] == 2 and work["queue"][0] == old
    html = response.content.decode()
    assert html.index('id="work-heading"') < html.index('id="official-heading"')
    assert "2 records are waiting for your review. The oldest:" in html


def test_administrators_home_page_has_no_work_section(admin_client_):
    response = admin_client_.get(reverse("dashboard"))
    assert response.context["work"] is None
    assert 'id="work-heading"' not in response.content.decode()


def home_queries(client):
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard")).status_code == HTTPStatus.OK
    return len(captured)


def test_home_page_queries_do_not_grow_with_the_work(officer_client, officer, other_officer):
    officer_work(officer, other_officer)
    few = home_queries(officer_client)
    for _again in range(4):
        officer_work(officer, other_officer)
    assert home_queries(officer_client) == few


def test_managers_home_page_queries_do_not_grow_with_the_queue(manager_client, officer):
    EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    few = home_queries(manager_client)
    EngagementFactory.create_batch(8, lead_officer=officer, status=Status.SUBMITTED)
    mandate(officer, outcome_step=Step.SUBMITTED)
    assert home_queries(manager_client) == few


# --- the review queue as a table ----------------------------------------------------------------


@pytest.fixture
def queue(officer, other_officer):
    forum = ForumFactory(acronym_en="QTEST", acronym_fr="QTESTFR")
    official = waited(
        EngagementFactory(
            lead_officer=officer,
            status=Status.SUBMITTED,
            meeting=MeetingFactory(forum=forum),
            kind=Engagement.Kind.STATEMENT,
        ),
        10,
    )
    official_position(official)
    official_position(official)
    PositionFactory(engagement=official)
    outcomes = waited(mandate(other_officer, outcome_step=Step.SUBMITTED), 4)
    PositionFactory(engagement=outcomes)
    plain = waited(EngagementFactory(lead_officer=other_officer, status=Status.SUBMITTED), 1)
    EngagementFactory(lead_officer=officer, status=Status.DRAFT)  # not in the queue
    return {"official": official, "outcomes": outcomes, "plain": plain, "forum": forum}


def test_queue_is_oldest_first_with_its_counts(manager_client, queue):
    response = manager_client.get(reverse("engagements:review_queue"))
    rows = queue_rows(response)
    assert rows == [queue["official"], queue["outcomes"], queue["plain"]]
    assert [(r.position_count, r.official_position_count) for r in rows] == [(3, 2), (1, 0), (0, 0)]
    html = response.content.decode()
    assert "Outcomes (after the meeting)" in html and "Days waiting" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"official": "true"}, ["official"]),
        ({"official": "false"}, ["outcomes", "plain"]),
        ({"kind": "statement"}, ["official"]),
        ({"submitted_since": "SINCE"}, ["outcomes", "plain"]),
        ({"forum": "FORUM"}, ["official"]),
        ({"officer": "OTHER"}, ["outcomes", "plain"]),
        ({"sort": "-position_count"}, ["official", "outcomes", "plain"]),
        ({"sort": "waiting"}, ["plain", "outcomes", "official"]),
        ({"sort": "-waiting"}, ["official", "outcomes", "plain"]),
    ],
)
def test_queue_filters_and_sorts(manager_client, queue, other_officer, query, expected):
    values = {
        "SINCE": days(-5).isoformat(),
        "FORUM": str(queue["forum"].pk),
        "OTHER": str(other_officer.pk),
    }
    query = {key: values.get(value, value) for key, value in query.items()}
    response = manager_client.get(reverse("engagements:review_queue"), query)
    assert response.status_code == HTTPStatus.OK
    assert queue_rows(response) == [queue[name] for name in expected]


def test_filtered_empty_queue_says_so_differently(manager_client, queue):
    url = reverse("engagements:review_queue")
    html = manager_client.get(url, {"kind": "bilateral"}).content.decode()
    assert "Nothing waiting for approval matches these filters." in html
    Engagement.objects.all().delete()
    html = manager_client.get(url).content.decode()
    assert "The queue is empty: nothing is waiting for approval." in html


def test_queue_exports_what_it_shows_filters_applied(manager_client, queue):
    url = reverse("engagements:review_queue")
    response = manager_client.get(url, {"_export": "csv", "official": "false"})
    assert response.status_code == HTTPStatus.OK
    title, rows = read_csv(response)
    assert "Review queue" in title and "Counts for the official indicator: No" in title
    header, *body = rows
    assert header[:4] == ["Id", "Engagement", "Step to approve", "Forum"]
    assert [int(row[0]) for row in body] == [queue["outcomes"].pk, queue["plain"].pk]
    assert body[0][2] == "Outcomes (after the meeting)"
    waiting = header.index("Days waiting")
    assert [row[waiting] for row in body] == ["4", "1"]
    assert body[0][-1].endswith(queue["outcomes"].get_absolute_url())

    response = manager_client.get("/fr/review/", {"_export": "xlsx"})
    _title, rows, sheet = read_xlsx(response)
    header, *body = rows
    assert "Positions comptées pour l’indicateur officiel" in header
    official = header.index("Positions comptées pour l’indicateur officiel")
    assert [row[official] for row in body] == [2, 0, 0]  # numbers, not text
    submitted = header.index("Soumise le")
    assert isinstance(body[0][submitted], datetime.datetime)


def test_queue_export_neutralises_formulas(manager_client, officer):
    officer.first_name = '=HYPERLINK("http://evil.example/")'
    officer.save()
    EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    url = reverse("engagements:review_queue")
    _title, rows = read_csv(manager_client.get(url, {"_export": "csv"}))
    assert rows[1][rows[0].index("Lead officer")].startswith("'=HYPERLINK")
    _title, rows, sheet = read_xlsx(manager_client.get(url, {"_export": "xlsx"}))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_open_the_next_follows_the_queues_order(manager_client, queue):
    # the manager approves the oldest, and lands on the one the queue now shows first
    first = queue_rows(manager_client.get(reverse("engagements:review_queue")))[0]
    response = manager_client.post(
        reverse("engagements:approve", args=[first.pk]), {"then": "next"}
    )
    shown = queue_rows(manager_client.get(reverse("engagements:review_queue")))
    assert response.url == shown[0].get_absolute_url()
    # and returning it with a reason opens the next again
    response = manager_client.post(
        reverse("engagements:return", args=[shown[0].pk]),
        {"return-reason": "Cite the paragraph.", "then": "next"},
    )
    assert response.url == shown[1].get_absolute_url()


def test_next_in_queue_is_the_queues_next_row(manager, queue):
    order = list(selectors.review_queue())
    assert selectors.next_in_queue(manager, after=order[0]) == order[1]
    assert selectors.next_in_queue(manager, after=order[1]) == order[0]


def test_queue_queries_do_not_grow_with_its_rows(manager_client, officer, other_officer):
    url = reverse("engagements:review_queue")
    query = {"official": "true", "sort": "-waiting", "submitted_since": days(-30).isoformat()}

    def measured():
        manager_client.get(url, query)
        with CaptureQueriesContext(connection) as captured:
            response = manager_client.get(url, query)
        assert response.status_code == HTTPStatus.OK
        return len(captured), len(queue_rows(response))

    engagement = EngagementFactory(lead_officer=officer, status=Status.SUBMITTED)
    official_position(engagement)
    few, shown = measured()
    assert shown == 1
    for _extra in range(12):
        engagement = EngagementFactory(lead_officer=other_officer, status=Status.SUBMITTED)
        official_position(engagement)
        PositionFactory(engagement=engagement)
        official_position(mandate(officer, outcome_step=Step.SUBMITTED))
    many, shown = measured()
    assert shown == 25 and many == few == REVIEW_QUEUE_QUERIES


# session, user, permissions, the navigation's counts (one query), the filter form's forum and
# officer choices, the row count and the rows (each count a correlated subquery), the session
# save: measured at 1 and at 25 rows shown, then pinned
REVIEW_QUEUE_QUERIES = 13  # with the reader's saved views of the list (one query)
