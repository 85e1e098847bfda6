"""The OpenAPI 3 schema validates, documents every route, and reads in the reader's language."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from tests.permissions.test_matrix import iter_patterns

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)  # raises on an invalid document
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    routes = {
        pattern.pattern._route if hasattr(pattern.pattern, "_route") else str(pattern.pattern)
        for name, pattern in iter_patterns()
        if name.startswith("api:") and name not in {"api:schema", "api:docs"}
    }
    assert len(paths) == len(routes)
    assert {"/api/v1/services/", "/api/v1/services/{id}/"} <= paths
    for operations in schema["paths"].values():
        assert set(operations["get"]["responses"]) >= {"200", "400", "401", "403", "404", "429"}
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_live_schema_in_french(client, tokens):
    response = client.get(
        reverse("api:schema") + "?format=json",
        HTTP_ACCEPT_LANGUAGE="fr",
        **bearer(tokens["officer"]),
    )
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["info"]["title"] == "API du portail du programme 4.3"
    validate_schema(body)
