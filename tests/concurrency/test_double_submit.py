"""The same create form posted twice at once makes one record on PostgreSQL too, where the two
transactions really overlap: the second waits on the unique token, then finds the first's record
(issue 10, finding 11). tests/concurrency/test_sqlite.py covers the embedded database."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import OFFICERS
from engagements.models import Engagement
from tests.accounts.factories import UserFactory
from tests.concurrency.test_postgresql import at_once
from tests.engagements.test_views import form_data
from tests.forums.factories import MeetingFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_the_same_create_form_posted_twice_at_once_makes_one_record():
    officer = UserFactory(username="pg-creator", role=OFFICERS)
    meeting = MeetingFactory()
    clients = [Client() for _ in range(4)]
    for client in clients:
        client.force_login(officer)
    page = clients[0].get(reverse("engagements:create")).content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page)[1]
    data = {**form_data(officer, meeting=meeting), "form_token": token}

    def post(client):
        def call():
            response = client.post(reverse("engagements:create"), data)
            return response.status_code, response.get("Location")

        return call

    outcomes = at_once(*[post(client) for client in clients])
    assert [status for status, _ in outcomes] == [HTTPStatus.FOUND] * len(clients), outcomes
    assert len({location for _, location in outcomes}) == 1
    assert Engagement.objects.filter(creation_token=token).count() == 1
