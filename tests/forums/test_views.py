"""Forum and meeting pages for each role: lists, filters, details, exports, query counts."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forums.models import Forum, Meeting
from tests.exports import read_csv, read_xlsx
from tests.forums.factories import (
    ForumFactory,
    MeetingFactory,
    OutcomeDocumentFactory,
    many_forums_and_meetings,
)

pytestmark = pytest.mark.django_db

ROLE_CLIENTS = ["officer_client", "manager_client", "admin_client_"]


@pytest.fixture(params=ROLE_CLIENTS)
def role_client(request):
    return request.getfixturevalue(request.param)


def forum(acronym):
    return Forum.objects.get(acronym_en=acronym)


def test_forum_list_shows_the_real_forums_to_every_role(role_client):
    response = role_client.get(reverse("forums:forum_list"))
    assert response.status_code == HTTPStatus.OK
    assert "Annual Tripartite Consultations on Resettlement" in response.text
    assert "Executive Committee of the High Commissioner&#x27;s Programme" in response.text
    assert response.context["table"].paginator.count == Forum.objects.count()


def test_forum_list_in_french_shows_french_names(officer_client):
    with translation.override("fr"):
        response = officer_client.get(reverse("forums:forum_list"))
    assert "Forum mondial sur la migration et le développement" in response.text
    assert ">FMMD<" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "regional_process"}, {"RCM"}),
        ({"scope": "regional"}, {"RCM"}),
        ({"q": "réinstallation"}, {"ATCR", "WGR"}),
        ({"q": "IOM"}, {"IOM", "IOM Council"}),
        ({"kind": "intergovernmental", "q": "finances"}, {"SCPF"}),
    ],
)
def test_forum_list_filters(officer_client, query, expected):
    response = officer_client.get(reverse("forums:forum_list"), query)
    shown = {row.record.acronym_en for row in response.context["table"].rows}
    assert shown == expected


def test_forum_list_active_filter(officer_client):
    ForumFactory(acronym_en="OLDF", is_active=False)
    response = officer_client.get(reverse("forums:forum_list"), {"is_active": "false"})
    assert [row.record.acronym_en for row in response.context["table"].rows] == ["OLDF"]


def test_filtered_empty_list_says_so(officer_client):
    response = officer_client.get(reverse("forums:forum_list"), {"q": "no such forum"})
    assert "Nothing matches these filters." in response.text


def test_forum_detail_lists_sub_forums_and_meetings(role_client):
    atcr = forum("ATCR")
    response = role_client.get(atcr.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Working Group on Resettlement" in response.text  # sub-forum
    assert "Annual Tripartite Consultations on Resettlement 2013" in response.text
    assert "Office of the United Nations High Commissioner for Refugees" in response.text
    assert [m.start_date.year for m in response.context["meeting_table"].data] == [2014, 2013]


def test_forum_detail_of_unknown_forum_is_404(officer_client):
    response = officer_client.get(reverse("forums:forum_detail", args=[999999]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_meeting_detail_shows_chair_place_and_outcome_documents(role_client):
    meeting = Meeting.objects.get(forum=forum("HLD"))
    response = role_client.get(meeting.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "A/RES/68/4" in response.text
    assert "New York" in response.text
    assert "2013-14" in response.text
    assert "counts for the program" in response.text


def test_meeting_detail_in_french(officer_client):
    meeting = Meeting.objects.get(forum=forum("ATCR"), start_date__year=2013)
    with translation.override("fr"):
        response = officer_client.get(meeting.get_absolute_url())
    assert "Consultations annuelles tripartites sur la réinstallation 2013" in response.text
    assert "1 juillet 2013" in response.text or "1er juillet 2013" in response.text
    assert "2013-2014" in response.text


@pytest.mark.parametrize(
    ("query", "expected_forums"),
    [
        ({"fiscal_year": "2013-14"}, {"ExCom", "ExCom SC", "ATCR", "WGR", "HLD", "IOM Council"}),
        ({"fiscal_year": "2012-13"}, {"GFMD"}),
        ({"forum": "GFMD"}, {"GFMD"}),
        ({"q": "Stockholm"}, {"GFMD"}),
    ],
)
def test_meeting_list_filters(officer_client, query, expected_forums):
    if "forum" in query:
        query = {"forum": forum(query["forum"]).pk}
    response = officer_client.get(reverse("forums:meeting_list"), query)
    assert response.status_code == HTTPStatus.OK
    shown = {row.record.forum.acronym_en for row in response.context["table"].rows}
    assert shown == expected_forums


def test_meeting_list_important_filter(officer_client):
    response = officer_client.get(reverse("forums:meeting_list"), {"is_important": "false"})
    names = {row.record.name_en for row in response.context["table"].rows}
    assert names == {
        "Standing Committee meeting, June 2013",
        "Working Group on Resettlement, February 2014",
    }


def test_meeting_list_rejects_a_malformed_fiscal_year(officer_client):
    response = officer_client.get(reverse("forums:meeting_list"), {"fiscal_year": "2013-15"})
    assert response.status_code == HTTPStatus.OK
    assert (
        "Nothing matches these filters." in response.text or response.context["filter"].form.errors
    )


def test_csv_export_contains_exactly_the_filtered_rows(officer_client):
    response = officer_client.get(
        reverse("forums:forum_list"), {"kind": "intergovernmental", "_export": "csv"}
    )
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    title, rows = read_csv(response)
    assert title.startswith("Forums — Kind: Intergovernmental organization — downloaded on ")
    assert rows[0][:2] == ["Acronym", "Name"]
    assert sorted(row[0] for row in rows[1:]) == ["IOM", "IOM Council", "SCPF"]


def test_xlsx_export_contains_exactly_the_filtered_rows(officer_client):
    response = officer_client.get(
        reverse("forums:meeting_list"), {"fiscal_year": "2014-15", "_export": "xlsx"}
    )
    assert response.status_code == HTTPStatus.OK
    title, rows, _sheet = read_xlsx(response)
    assert title.startswith("Meetings — Fiscal year: 2014-15 — downloaded on ")
    assert rows[0][1] == "Forum"
    assert sorted(row[1] for row in rows[1:]) == ["ATCR", "GFMD"]


def test_export_covers_every_page_not_only_the_first(officer_client, settings):
    settings.PORTAL_PAGE_SIZE = 5
    response = officer_client.get(reverse("forums:forum_list"), {"_export": "csv"})
    _title, rows = read_csv(response)
    assert len(rows) - 1 == Forum.objects.count() > 5


def test_french_export_has_french_headers_and_names(officer_client):
    with translation.override("fr"):
        response = officer_client.get(
            reverse("forums:forum_list"), {"kind": "global_forum", "_export": "csv"}
        )
    title, rows = read_csv(response)
    assert title.startswith("Forums — Type\u00a0: Forum mondial — téléchargé le ")
    assert rows[0][:2] == ["Sigle", "Nom"]
    assert "FMMD" in {row[0] for row in rows[1:]}


# --- query counts: constant however many rows -------------------------------------------------


def count_queries(client, url, data=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data or {})
    assert response.status_code == HTTPStatus.OK
    return len(context.captured_queries)


@pytest.mark.parametrize("url_name", ["forums:forum_list", "forums:meeting_list"])
def test_list_query_count_does_not_grow_with_rows(officer_client, settings, url_name):
    settings.PORTAL_PAGE_SIZE = 100
    url = reverse(url_name)
    few = count_queries(officer_client, url)
    few_export = count_queries(officer_client, url, {"_export": "csv"})
    many_forums_and_meetings(forums=60, meetings=200)
    assert count_queries(officer_client, url) == few
    assert count_queries(officer_client, url, {"_export": "csv"}) == few_export


def test_forum_list_query_count_is_pinned(officer_client, settings, django_assert_num_queries):
    settings.PORTAL_PAGE_SIZE = 100
    many_forums_and_meetings(forums=60, meetings=200)
    url = reverse("forums:forum_list")
    officer_client.get(url)  # warm the session and permission caches
    with django_assert_num_queries(FORUM_LIST_QUERIES):
        officer_client.get(url)


def test_meeting_list_query_count_is_pinned(officer_client, settings, django_assert_num_queries):
    settings.PORTAL_PAGE_SIZE = 100
    many_forums_and_meetings(forums=60, meetings=200)
    url = reverse("forums:meeting_list")
    officer_client.get(url)
    with django_assert_num_queries(MEETING_LIST_QUERIES):
        officer_client.get(url)


def test_forum_detail_query_count_does_not_grow_with_meetings(officer_client):
    parent = ForumFactory()
    ForumFactory(parent=parent)
    for i in range(3):
        MeetingFactory(forum=parent, start_date=datetime.date(2013, 5, 1 + i))
    few = count_queries(officer_client, parent.get_absolute_url())
    for _ in range(60):
        OutcomeDocumentFactory(
            meeting=MeetingFactory(forum=parent, start_date=datetime.date(2014, 1, 1))
        )
        ForumFactory(parent=parent)
    assert count_queries(officer_client, parent.get_absolute_url()) == few


# session, user, user and group permissions, row count (once: the table paginates, not ListView),
# one page of forums with parent and meeting count, session save (savepoint, update, release)
FORUM_LIST_QUERIES = 11  # with the officer's navigation counts and saved views (a query each)
# the same, plus the forums for the filter's forum choices
MEETING_LIST_QUERIES = 12  # with the reader's saved views of the list (one query)
