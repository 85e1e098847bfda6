"""Partner organization pages for each role: list, filters, detail, exports, query counts."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partners.models import Organization
from tests.exports import read_csv, read_xlsx
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["officer_client", "manager_client", "admin_client_"])
def role_client(request):
    return request.getfixturevalue(request.param)


def organization(acronym):
    return Organization.objects.get(acronym_en=acronym)


def test_list_shows_the_real_organizations_to_every_role(role_client):
    response = role_client.get(reverse("partners:organization_list"))
    assert response.status_code == HTTPStatus.OK
    assert "Canada Border Services Agency" in response.text
    assert response.context["table"].paginator.count == Organization.objects.count()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"kind": "federal_partner", "q": "Canada"},
            {"CBSA", "GAC", "PS", "HC", "RCMP", "ESDC", "CIC"},
        ),
        ({"q": "frontaliers"}, {"CBSA"}),
        ({"q": "HCR"}, {"UNHCR"}),
        ({"kind": "research"}, {"MPI"}),
    ],
)
def test_list_filters(officer_client, query, expected):
    response = officer_client.get(reverse("partners:organization_list"), query)
    assert {row.record.acronym_en for row in response.context["table"].rows} == expected


def test_list_in_french(officer_client):
    with translation.override("fr"):
        response = officer_client.get(reverse("partners:organization_list"), {"q": "ASFC"})
    assert "Agence des services frontaliers du Canada" in response.text


def test_detail_names_the_forums_it_serves(role_client):
    response = role_client.get(organization("UNHCR").get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Executive Committee of the High Commissioner&#x27;s Programme" in response.text
    assert "https://www.unhcr.org" in response.text
    assert "Switzerland" in response.text


def test_csv_and_xlsx_exports_contain_the_filtered_rows(officer_client):
    url = reverse("partners:organization_list")
    response = officer_client.get(url, {"kind": "foreign_government", "_export": "csv"})
    _title, rows = read_csv(response)
    assert {row[0] for row in rows[1:]} == {
        "Australia",
        "New Zealand",
        "United Kingdom",
        "United States",
        "Mexico",
        "Sweden",
    }
    response = officer_client.get(url, {"kind": "research", "_export": "xlsx"})
    _title, rows, _sheet = read_xlsx(response)
    assert [row[0] for row in rows[1:]] == ["MPI"]


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(context.captured_queries)


def test_list_query_count_is_constant_and_pinned(
    officer_client, settings, django_assert_num_queries
):
    settings.PORTAL_PAGE_SIZE = 100
    url = reverse("partners:organization_list")
    officer_client.get(url)
    few = queries(officer_client, url)
    OrganizationFactory.create_batch(60)
    assert queries(officer_client, url) == few
    # session, user, user and group permissions, the navigation's work counts, row count twice,
    # the page, session save (3)
    with django_assert_num_queries(11):  # with the reader's saved views of the list
        officer_client.get(url)


def test_detail_query_count_does_not_grow_with_forums_served(officer_client):
    from tests.forums.factories import ForumFactory

    partner = OrganizationFactory()
    ForumFactory(secretariat=partner)
    few = queries(officer_client, partner.get_absolute_url())
    ForumFactory.create_batch(30, secretariat=partner)
    assert queries(officer_client, partner.get_absolute_url()) == few
