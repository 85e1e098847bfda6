"""schemathesis against the live schema (/api/schema/, loaded through the WSGI app with a token),
for every operation, with a token of each role: no 5xx, and every answer conforms to the schema
(its status documented, its body and headers as described)."""

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import User
from api.services import create_token
from config.wsgi import application

MAX_EXAMPLES = 12
ROLES = {"officer": "officer", "manager": "manager", "administrator": "admin"}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_tokens(db):
    call_command("seed_demo", "--engagements", "30", "--seed", "5", stdout=io.StringIO())
    return {
        role: create_token(user=User.objects.get(username=name), name="fuzz", days=30)[1]
        for role, name in ROLES.items()
    }


@pytest.fixture
def _keep_the_test_connection():
    """The WSGI app closes the database connection at the end of each request (Django's test
    client stops that; schemathesis' WSGI client does not): on PostgreSQL that would close the
    test's own transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(api_tokens, _keep_the_test_connection):
    return schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json",
        application,
        headers={"Authorization": f"Bearer {api_tokens['officer']}"},
    )


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.API_THROTTLE_RATE = "100000/minute"


def operations(schema):
    out = []
    for result in schema.get_all_operations():
        out.append(result.ok())
    return out


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_with_each_role(api_schema, api_tokens, role):
    headers = {"Authorization": f"Bearer {api_tokens[role]}"}
    tried = []
    for operation in operations(api_schema):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
        tried.append(operation.label)
    # 10 resources × list and detail, the year's plan and the InfoBase rows
    assert len(tried) == 22, tried
