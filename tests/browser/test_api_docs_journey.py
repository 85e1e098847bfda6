"""An analyst opens the API documentation signed in, in each language: Redoc (from
drf-spectacular-sidecar's self-hosted bundle, started by a static script) really runs under the
portal's strict CSP, renders the operations of the schema and the Bearer token scheme, with no CSP
violation (the `page` fixture fails the test on any), no console error, and axe-core finds
nothing on the whole page, Redoc's part included."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

TEXTS = {
    "en": {
        "title": "API documentation — Program 4.3 performance portal",
        "description": "Read-only access",
        "tokens": "API tokens",
        "authentication": "Authentication",
        "scheme": "sent with every request as Authorization: Bearer <token>",
    },
    "fr": {
        "title": "Documentation de l’API — Portail de rendement du Programme 4.3",
        "description": "Accès en lecture seule",
        "tokens": "Jetons d’API",
        "authentication": "Authentification",
        "scheme": "dans l’en-tête «\u00a0Authorization\u00a0», précédé du mot «\u00a0Bearer\u00a0»",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_signed_in_user_reads_the_api_docs(page, live_server, demo_users, lang):
    texts = TEXTS[lang]
    console_errors = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))

    sign_in(page, live_server, "officer", lang=lang)
    page.goto(f"{live_server.url}/api/docs/?lang={lang}")

    expect(page).to_have_title(texts["title"])
    expect(page.locator("html")).to_have_attribute("lang", lang)
    docs = page.locator("#api-docs")
    # the schema's description is ours, in the reader's language, and so is the token scheme's
    expect(docs).to_contain_text(texts["description"])
    # the schema's security schemes, under our heading: the Bearer token first
    expect(docs.locator("h2", has_text=texts["authentication"]).first).to_be_visible()
    scheme = docs.locator('[id="section/Authentication/bearerAuth"]')  # Redoc's own id
    expect(scheme).to_contain_text(texts["scheme"])
    expect(scheme).to_contain_text("bearer")  # HTTP Authorization Scheme
    # the operations, rendered by Redoc from the schema it fetched with the session
    expect(docs.get_by_text("/api/v1/indicators/").first).to_be_attached()

    links = page.locator(".api-docs-header nav")
    expect(links.get_by_role("link", name=texts["tokens"])).to_have_attribute(
        "href", f"/{lang}/accounts/tokens/"
    )
    assert_accessible(page)
    # Redoc's menu ends with a link to Redocly whose logo comes from Redocly's CDN: the portal's
    # img-src ('self') refuses it, as it should, and Redoc then leaves the image out. Nothing
    # else may be refused or fail.
    refused_logo = "Loading the image 'https://cdn.redoc.ly/redoc/logo-mini.svg' violates"
    assert not [e for e in console_errors if not e.startswith(refused_logo)], console_errors
