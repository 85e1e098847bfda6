"""Both official languages: the switch keeps you on the same page; unknown prefixes are a 404."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from tests.forums.factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_language_switch_links_to_the_same_forum(officer_client):
    forum = ForumFactory()
    response = officer_client.get(f"/fr/forums/{forum.pk}/")
    assert response.status_code == HTTPStatus.OK
    assert f'href="/en/forums/{forum.pk}/" lang="en" hreflang="en"' in response.text
    response = officer_client.get(f"/en/forums/{forum.pk}/")
    assert f'href="/fr/forums/{forum.pk}/" lang="fr" hreflang="fr"' in response.text
    assert ">Français<" in response.text


def test_language_switch_keeps_the_query_string(officer_client):
    response = officer_client.get("/en/meetings/?fiscal_year=2013-14&is_important=true")
    assert 'href="/fr/meetings/?fiscal_year=2013-14&amp;is_important=true"' in response.text


def test_language_switch_on_the_login_page(client):
    response = client.get("/fr/accounts/login/")
    assert 'href="/en/accounts/login/"' in response.text


def test_each_prefix_renders_its_language(officer_client):
    meeting = MeetingFactory(name_en="Special session", name_fr="Session extraordinaire")
    english = officer_client.get(f"/en/meetings/{meeting.pk}/")
    french = officer_client.get(f"/fr/meetings/{meeting.pk}/")
    assert '<html lang="en">' in english.text and "Special session" in english.text
    assert '<html lang="fr">' in french.text and "Session extraordinaire" in french.text


@pytest.mark.parametrize("path", ["/de/forums/", "/es/", "/en/no-such-page/", "/fr/forums/0/"])
def test_unknown_language_or_page_is_the_404_page(officer_client, path):
    response = officer_client.get(path)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "404.html" in [t.name for t in response.templates]


def test_404_page_in_french(officer_client):
    response = officer_client.get("/fr/forums/0/")
    assert '<html lang="fr">' in response.text
    with translation.override("fr"):
        assert translation.gettext("We could not find that page") in response.text


def test_404_page_for_anonymous_visitors(client):
    response = client.get("/de/forums/")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_no_prefix_redirects_to_a_language(client):
    response = client.get("/forums/", headers={"accept-language": "fr-CA,fr;q=0.9"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/fr/forums/"


def test_reverse_follows_the_active_language():
    with translation.override("fr"):
        assert reverse("forums:meeting_list") == "/fr/meetings/"
    with translation.override("en"):
        assert reverse("forums:meeting_list") == "/en/meetings/"
