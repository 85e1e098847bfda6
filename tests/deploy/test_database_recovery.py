"""The portal recovers by itself when its database connection dies (PostgreSQL restarted, a
failover, an idle connection cut by a firewall): with CONN_HEALTH_CHECKS on, the next request
finds the dead connection, opens a new one and answers normally.

The fault is real but confined: the test's own server connection is ended with
pg_terminate_backend from a second connection, so nobody else using the server is disturbed.
Requests go through Django's real WSGI handler, which (unlike the test client) runs the
connection housekeeping at the start and end of each request as gunicorn would.
"""

import io
import time
from http import HTTPStatus

import psycopg2
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client

from accounts.roles import OFFICERS
from tests.accounts.factories import UserFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL); on SQLite there is no server connection to lose "
        "(the closed-port outage is tested in test_database_faults.py)",
    ),
    pytest.mark.django_db(transaction=True),
]


def wsgi_get(path, cookie=""):
    """One GET through Django's WSGI handler, as a WSGI server would make it."""
    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    response = WSGIHandler()(environ, start_response)
    try:
        b"".join(response)
    finally:
        response.close()  # request_finished: Django's end-of-request connection housekeeping
    return status["code"]


def backend_pid():
    return connection.connection.get_backend_pid() if connection.connection else None


def terminate(pid):
    """End one server process from a separate connection and wait until it is gone."""
    params = connection.get_connection_params()
    killer = psycopg2.connect(**params)
    killer.autocommit = True
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
            for _ in range(50):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.05)
    finally:
        killer.close()
    raise AssertionError(f"backend {pid} still alive")


@pytest.fixture
def persistent_connection():
    """Keep the connection between requests (CONN_MAX_AGE) as production may, so a dead one is
    really found at the next request rather than simply replaced."""
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 600
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    yield
    connection.close()
    connection.settings_dict.update(original)


def test_health_checks_are_on():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_the_next_request_succeeds_after_the_connection_is_killed(persistent_connection):
    assert wsgi_get("/healthz") == HTTPStatus.OK
    first = backend_pid()
    assert first is not None, "the connection should persist between requests"
    terminate(first)
    assert wsgi_get("/healthz") == HTTPStatus.OK  # no failed request at all
    assert backend_pid() not in (None, first)


def test_signed_in_pages_recover_too(persistent_connection):
    user = UserFactory(username="recovering", role=OFFICERS)
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    assert wsgi_get("/en/forums/", cookie) == HTTPStatus.OK
    terminate(backend_pid())
    assert wsgi_get("/en/forums/", cookie) == HTTPStatus.OK
    assert wsgi_get("/en/", cookie) == HTTPStatus.OK


def test_without_health_checks_one_request_fails_then_it_recovers(persistent_connection):
    """What the setting buys: without it the first request after the fault meets the dead
    connection (503, the bilingual page), and only the one after that works again."""
    connection.close()
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    assert wsgi_get("/healthz") == HTTPStatus.OK
    terminate(backend_pid())
    assert wsgi_get("/healthz") == HTTPStatus.SERVICE_UNAVAILABLE
    assert wsgi_get("/healthz") == HTTPStatus.OK
