"""Database unavailable: /healthz says 503, pages show the bilingual 503 page (never a stack
trace), and the portal answers again by itself once the database is back.

The outage is simulated by swapping the default connection for one pointed at a closed loopback
port (PostgreSQL) or at a file in a folder that does not exist (SQLite): the database everyone
else uses here is never stopped.
"""

import json
import socket
from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import translation


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens on it once the socket is closed


@contextmanager
def database_unreachable():
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-portal-folder/portal.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    broken = original.__class__(settings_dict, "default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = original


@pytest.fixture
def browser_client():
    # A real browser gets the error page, so the test client must not re-raise the exception.
    return Client(raise_request_exception=False)


def assert_service_unavailable_page(response):
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "Service unavailable" in body
    assert "Service non disponible" in body
    assert "Traceback" not in body
    assert "OperationalError" not in body


@pytest.mark.django_db
def test_healthz_answers_200_json_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_while_the_database_is_down_and_recovers(browser_client):
    with database_unreachable():
        response = browser_client.get(reverse("healthz"))
        assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert json.loads(response.content) == {"status": "error", "database": "unavailable"}
        # Still down on the next request: nothing was cached.
        assert browser_client.get(reverse("healthz")).status_code == 503
    response = browser_client.get(reverse("healthz"))
    assert response.status_code == HTTPStatus.OK


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_signed_in_pages_show_the_503_page_and_recover(browser_client, officer, lang):
    """The session lookup (in middleware, before any view) is what fails first."""
    browser_client.force_login(officer)
    with translation.override(lang):
        url = reverse("forums:forum_list")
        dashboard = reverse("dashboard")
    assert url.startswith(f"/{lang}/")
    with database_unreachable():
        assert_service_unavailable_page(browser_client.get(url))
        assert_service_unavailable_page(browser_client.get(dashboard))
    assert browser_client.get(url).status_code == HTTPStatus.OK


@pytest.mark.django_db
def test_signing_in_while_the_database_is_down_shows_the_503_page(browser_client, officer):
    """Here the view itself (the user lookup of the sign-in form) meets the outage."""
    with database_unreachable():
        response = browser_client.post(
            reverse("login"),
            {"username": officer.username, "password": "correct horse battery staple"},
        )
        assert_service_unavailable_page(response)
    response = browser_client.post(
        reverse("login"),
        {"username": officer.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == HTTPStatus.FOUND


def test_other_server_errors_still_show_the_500_page(rf):
    from core.views import server_error

    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(rf.get("/en/"))
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Something went wrong" in response.content.decode()
