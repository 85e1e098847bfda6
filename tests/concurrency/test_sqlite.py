"""The embedded database under concurrent writes (issue 10, findings 9 and 11): real requests in
real threads, each with its own connection to a file-based SQLite database configured as under
`make run` (WAL journal, busy timeout, IMMEDIATE transactions), all released at once.

The test database is in memory (shared by the threads through one cache, which locks tables
differently from a file), so each test copies it to a file with SQLite's backup API and points
the threads' new connections at that file.

SQLite only; tests/concurrency/test_postgresql.py covers PostgreSQL.
"""

import re
import sqlite3
from http import HTTPStatus

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts.roles import MANAGERS, OFFICERS
from engagements.models import Engagement
from tests.accounts.factories import UserFactory
from tests.concurrency.test_postgresql import at_once
from tests.engagements.factories import EngagementFactory
from tests.engagements.test_views import form_data
from tests.forums.factories import MeetingFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded database only"),
    pytest.mark.django_db(transaction=True),
]

WRITERS = 16


@pytest.fixture
def file_database(tmp_path):
    """Returns a function that copies the test database (as it is now) to a file and sends every
    connection opened from then on (the threads') to it; `read` queries the file."""
    settings_dict = connection.settings_dict
    in_memory = settings_dict["NAME"]
    path = tmp_path / "portal.sqlite3"

    def switch():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        settings_dict["NAME"] = str(path)

    def read(sql, params=()):
        with sqlite3.connect(path) as db:
            return db.execute(sql, params).fetchall()

    switch.read = read
    yield switch
    settings_dict["NAME"] = in_memory


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _poster(client, url, data):
    def call():
        return client.post(url, data).status_code

    return call


def test_the_embedded_database_is_configured_for_concurrent_writers(file_database):
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    file_database()

    def journal_mode():
        with connections["default"].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            return cursor.fetchone()[0]

    assert at_once(journal_mode) == ["wal"]


def test_sixteen_managers_approving_and_returning_at_once_all_get_answers(file_database):
    managers = [UserFactory(username=f"sqlite-manager-{i}", role=MANAGERS) for i in range(4)]
    records = [EngagementFactory(status=Engagement.Status.SUBMITTED) for _ in range(WRITERS)]
    clients = [_client(managers[i % len(managers)]) for i in range(WRITERS)]
    file_database()
    calls = []
    for index, (client, record) in enumerate(zip(clients, records, strict=True)):
        if index % 2:
            url = reverse("engagements:return", args=[record.pk])
            calls.append(_poster(client, url, {"return-reason": "Add the outcome."}))
        else:
            calls.append(_poster(client, reverse("engagements:approve", args=[record.pk]), {}))
    statuses = at_once(*calls)
    assert statuses == [HTTPStatus.FOUND] * WRITERS, statuses
    rows = file_database.read(
        "SELECT to_status, COUNT(*) FROM engagements_transition GROUP BY to_status"
    )
    assert dict(rows) == {"approved": WRITERS // 2, "returned": WRITERS // 2}


def test_parallel_stale_edits_get_409_not_503(file_database):
    officer = UserFactory(username="sqlite-officer", role=OFFICERS)
    record = EngagementFactory(lead_officer=officer, created_by=officer)
    clients = [_client(officer) for _ in range(8)]
    url = reverse("engagements:edit", args=[record.pk])
    data = [
        {
            **form_data(officer, meeting=record.meeting, summary=f"Edit {i}."),
            "version": str(record.version),
        }
        for i in range(len(clients))
    ]
    file_database()
    statuses = at_once(*[_poster(c, url, d) for c, d in zip(clients, data, strict=True)])
    assert sorted(statuses) == [HTTPStatus.FOUND] + [HTTPStatus.CONFLICT] * 7, statuses
    rows = file_database.read(
        "SELECT version FROM engagements_engagement WHERE id = ?", [record.pk]
    )
    assert rows == [(2,)]


def test_the_same_create_form_posted_twice_at_once_makes_one_record(file_database):
    officer = UserFactory(username="sqlite-creator", role=OFFICERS)
    meeting = MeetingFactory()
    first, second = _client(officer), _client(officer)
    page = first.get(reverse("engagements:create")).content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page)[1]
    data = {**form_data(officer, meeting=meeting), "form_token": token}
    file_database()

    def post(client):
        def call():
            response = client.post(reverse("engagements:create"), data)
            return response.status_code, response.get("Location")

        return call

    outcomes = at_once(post(first), post(second))
    assert [status for status, _ in outcomes] == [HTTPStatus.FOUND] * 2, outcomes
    assert outcomes[0][1] == outcomes[1][1]
    assert file_database.read("SELECT COUNT(*) FROM engagements_engagement") == [(1,)]
