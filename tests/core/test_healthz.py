"""/healthz: 200 JSON when the database answers, 503 when it does not; no login needed."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_is_200_json_without_login(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_fails(client):
    failing = mock.MagicMock()
    failing.__enter__.return_value.execute.side_effect = OperationalError("connection refused")
    with mock.patch("core.views.connection.cursor", return_value=failing):
        response = client.get(reverse("healthz"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["status"] == "error"


def test_healthz_only_answers_get(client):
    assert client.post(reverse("healthz")).status_code == HTTPStatus.METHOD_NOT_ALLOWED
