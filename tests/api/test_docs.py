"""The human documentation at /api/docs/ (Redoc from drf-spectacular-sidecar's self-hosted bundle):
read with a session or a token, 401 for anonymous, in the reader's language where the texts are
ours, and under the portal's strict CSP: no inline script anywhere, no 'unsafe-inline' anywhere;
the docs page alone lets in the <style> elements Redoc writes, by a nonce fresh for each response
and the hash of the bundle's one stylesheet."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import OFFICERS
from api.services import create_token
from api.views import REDOC_BUNDLE_STYLES
from tests.accounts.factories import UserFactory

from .conftest import bearer


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


EXPECTED = {
    name: list(values) for name, values in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
}


@pytest.fixture
def officer(db):
    return UserFactory(role=OFFICERS)


def test_anonymous_gets_a_401_not_the_page(client, db):
    response = client.get(reverse("api:docs"))
    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert b"redoc" not in response.content.lower()


def test_a_token_reads_the_docs(client, officer):
    raw = create_token(user=officer, name="Power BI", days=30)[1]
    response = client.get(reverse("api:docs"), **bearer(raw))
    assert response.status_code == HTTPStatus.OK
    assert b'id="api-docs"' in response.content


def test_the_page_loads_only_self_hosted_files_and_no_inline_code(client, officer):
    client.force_login(officer)
    html = client.get(reverse("api:docs")).content.decode()
    assert (
        '<script src="/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js">' in html
    )
    assert '<script src="/static/js/api-docs.js">' in html
    assert 'data-spec-url="/api/schema/"' in html
    assert "<style" not in html
    assert "<script>" not in html  # every script has a src
    assert "cdn" not in html.lower()
    assert "googleapis" not in html  # drf-spectacular's own Redoc template loads Google fonts


def test_only_the_docs_page_lets_in_redocs_styles_by_nonce(client, officer):
    client.force_login(officer)
    first = client.get(reverse("api:docs"))
    docs = _policy(first)
    dashboard = _policy(client.get(reverse("dashboard")))
    assert dashboard == EXPECTED
    nonces = [value for value in docs["style-src"] if value.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    assert f'data-style-nonce="{nonce}"' in first.content.decode()  # Redoc gives it its styles
    assert docs["style-src"] == [*EXPECTED["style-src"], nonces[0], *REDOC_BUNDLE_STYLES]
    assert {name: values for name, values in docs.items() if name != "style-src"} == {
        name: values for name, values in EXPECTED.items() if name != "style-src"
    }
    again = _policy(client.get(reverse("api:docs")))
    assert again["style-src"] != docs["style-src"]  # a fresh nonce each time
    for policy in (docs, dashboard):
        assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
        assert "'unsafe-eval'" not in policy["script-src"]


def test_our_texts_follow_the_reader_language(client, officer):
    client.force_login(officer)
    html = client.get(reverse("api:docs") + "?lang=fr").content.decode()
    assert '<html lang="fr">' in html
    assert "Documentation de l’API — Portail de rendement du Programme 4.3" in html
    assert 'href="/fr/accounts/tokens/"' in html
    assert 'data-spec-url="/api/schema/?lang=fr"' in html  # the schema too is read in French
    schema = client.get(reverse("api:schema") + "?lang=fr&format=json").json()
    assert "## Authentification" in schema["info"]["description"]
    bearer_scheme = schema["components"]["securitySchemes"]["bearerAuth"]
    assert bearer_scheme["scheme"] == "bearer"
    assert (
        "l’en-tête «\u00a0Authorization\u00a0», précédé du mot «\u00a0Bearer\u00a0»"
        in (bearer_scheme["description"])
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_user_menu_links_the_tokens_and_the_docs(client, officer, lang):
    client.force_login(officer)
    html = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/accounts/tokens/"' in html
    assert f'href="/api/docs/?lang={lang}"' in html
