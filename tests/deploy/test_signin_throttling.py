"""Sign-in throttling (django-axes): 5 failures for one user name from one address lock that
pair for 15 minutes, with a bilingual page that reads the same whether or not the account exists."""

import datetime
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import translation

from tests.accounts.factories import UserFactory

PASSWORD = "correct horse battery staple"
LOCKED_EN = "too many unsuccessful sign-in attempts"
LOCKED_FR = "trop de tentatives de connexion infructueuses"


@pytest.fixture(autouse=True)
def throttling_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def user(db):
    return UserFactory(username="olivia")


def sign_in(client, username, password, *, lang="en", address="192.0.2.10"):
    with translation.override(lang):
        url = reverse("login")
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, **kwargs):
    return [sign_in(client, username, "wrong password", **kwargs) for _ in range(times)]


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_four_failures_only_say_the_password_is_wrong(client, user):
    for response in fail(client, user.username, 4):
        assert response.status_code == HTTPStatus.OK
        assert "Please enter a correct username and password" in response.content.decode()
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == HTTPStatus.FOUND
    assert is_signed_in(client)


def test_the_fifth_failure_locks_even_the_right_password_out(client, user):
    responses = fail(client, user.username, 5)
    assert responses[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert LOCKED_EN in responses[-1].content.decode()
    assert "15 minutes" in responses[-1].content.decode()

    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not is_signed_in(client)


def test_the_lockout_page_is_the_same_for_an_account_that_does_not_exist(client, user):
    known = fail(client, user.username, 5)[-1].content.decode()
    unknown = fail(client, "nobody-by-this-name", 5)[-1].content.decode()

    def without_tokens(html):
        # The CSRF token of the sign-out form differs per response; nothing else may.
        return [line for line in html.splitlines() if "csrfmiddlewaretoken" not in line]

    assert without_tokens(known) == without_tokens(unknown)
    assert user.username not in known


def test_the_lockout_page_is_in_french_under_fr(client, user):
    response = fail(client, user.username, 5, lang="fr")[-1]
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    body = response.content.decode()
    assert LOCKED_FR in body
    assert "15 minutes" in body
    assert '<html lang="fr">' in body


def test_the_lock_is_per_user_name_and_address(client, user):
    other = UserFactory(username="omar")
    fail(client, user.username, 5)
    # The same person from another address, and another person from the same address, get in.
    assert sign_in(client, user.username, PASSWORD, address="198.51.100.7").status_code == 302
    client.logout()
    assert sign_in(client, other.username, PASSWORD).status_code == HTTPStatus.FOUND


def test_the_lock_lifts_after_fifteen_minutes(client, user):
    fail(client, user.username, 5)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == HTTPStatus.FOUND
    assert is_signed_in(client)


def test_a_successful_sign_in_resets_the_count(client, user):
    fail(client, user.username, 4)
    assert sign_in(client, user.username, PASSWORD).status_code == HTTPStatus.FOUND
    client.logout()
    responses = fail(client, user.username, 4)
    assert all(r.status_code == HTTPStatus.OK for r in responses)


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("203.0.113.5", 0, "10.0.0.2"),  # no proxy trusted: the peer, whatever the header says
        ("203.0.113.5", 1, "203.0.113.5"),
        ("6.6.6.6, 203.0.113.5", 1, "203.0.113.5"),  # the left entry was forged by the client
        ("203.0.113.5, 10.0.0.9", 2, "203.0.113.5"),
        ("", 1, "10.0.0.2"),
    ],
)
def test_the_counted_address_trusts_only_the_configured_proxies(
    rf, settings, forwarded, proxies, expected
):
    from core.security import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
