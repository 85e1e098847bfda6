"""The organization admin: search, filters, history; a duplicate acronym is a message."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from partners.models import Organization

pytestmark = pytest.mark.django_db


def organization_data(**overrides):
    return {
        "kind": Organization.Kind.INTERNATIONAL,
        "acronym_en": "ILO",
        "acronym_fr": "OIT",
        "name_en": "International Labour Organization",
        "name_fr": "Organisation internationale du Travail",
        "country": "CH",
        "website": "https://www.ilo.org",
        "is_active": "on",
        **overrides,
    }


def test_changelist_search_filter_and_history(admin_client_):
    url = reverse("admin:partners_organization_changelist")
    response = admin_client_.get(url, {"q": "frontaliers"})
    assert response.status_code == HTTPStatus.OK
    assert [o.acronym_en for o in response.context["cl"].result_list] == ["CBSA"]
    response = admin_client_.get(url, {"kind__exact": "foreign_government"})
    assert response.context["cl"].result_count == 6
    cbsa = Organization.objects.get(acronym_en="CBSA")
    assert (
        admin_client_.get(
            reverse("admin:partners_organization_history", args=[cbsa.pk])
        ).status_code
        == HTTPStatus.OK
    )


def test_add_organization(admin_client_):
    response = admin_client_.post(reverse("admin:partners_organization_add"), organization_data())
    assert response.status_code == HTTPStatus.FOUND
    assert Organization.objects.get(acronym_en="ILO").history.count() == 1


@pytest.mark.parametrize("field,value", [("acronym_en", "IOM"), ("acronym_fr", "OIM")])
def test_duplicate_acronym_in_the_same_kind_is_a_message(admin_client_, field, value):
    response = admin_client_.post(
        reverse("admin:partners_organization_add"), organization_data(**{field: value})
    )
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors["__all__"]
    assert any("already exists" in str(e) for e in errors)


def test_same_acronym_in_another_kind_is_allowed(admin_client_):
    response = admin_client_.post(
        reverse("admin:partners_organization_add"),
        organization_data(kind=Organization.Kind.CIVIL_SOCIETY, acronym_en="IOM"),
    )
    assert response.status_code == HTTPStatus.FOUND


def test_missing_french_name_is_a_message(admin_client_):
    response = admin_client_.post(
        reverse("admin:partners_organization_add"), organization_data(name_fr="")
    )
    assert response.status_code == HTTPStatus.OK
    assert "name_fr" in response.context["adminform"].form.errors


def test_website_without_scheme_means_https(admin_client_):
    admin_client_.post(
        reverse("admin:partners_organization_add"), organization_data(website="www.ilo.org")
    )
    assert Organization.objects.get(acronym_en="ILO").website == "https://www.ilo.org"
