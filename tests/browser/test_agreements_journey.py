"""A manager answers "how much did we give IOM in 2014-15, and how much of the grant lapsed?"
from the funding summary and an agreement's page, in French then English; axe-core on each page."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from partners.models import ContributionAgreement
from tests.browser.helpers import assert_accessible, sign_in


def load_real_agreements():
    """Transactional tests start from empty tables: replay the reference data migrations."""
    import_module("partners.migrations.0003_reference_organizations").load_organizations(apps, None)
    import_module("partners.migrations.0004_program_transfer_payments").load(apps, None)


@pytest.mark.django_db(transaction=True)
def test_manager_reads_funding_in_french_then_english(live_server, page, demo_users):
    load_real_agreements()
    iom = ContributionAgreement.objects.get(number="CIC-IOM-AC-2012")

    sign_in(page, live_server, "manager", lang="fr")
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Accords").click()
    expect(page).to_have_url(f"{live_server.url}/fr/agreements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accords de contribution")
    assert_accessible(page)

    page.get_by_role(
        "link", name="Sommaire du financement par paiement de transfert et par exercice"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/fr/agreements/funding/")
    actual = page.locator("table").filter(has=page.locator("th", has_text="Dépenses réelles")).first
    expect(page.get_by_role("heading", name="Dépenses réelles", exact=True)).to_be_visible()
    expect(page.locator("body")).to_contain_text("1\u00a0871\u00a0744,00\u00a0$")
    expect(page.locator("body")).to_contain_text("4\u00a0236,00\u00a0$ (0,2\u00a0%)")
    expect(
        page.get_by_role("img", name=re.compile("Dépenses réelles par exercice"))
    ).to_be_visible()
    assert actual is not None
    assert_accessible(page)

    # The IOM 2014-15 figure leads to the IOM agreement.
    page.get_by_role("link", name="1\u00a0871\u00a0744,00\u00a0$").first.click()
    expect(page).to_have_url(f"{live_server.url}/fr/agreements/{iom.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accord CIC-IOM-AC-2012")
    expect(page.get_by_role("row", name=re.compile("2014-2015"))).to_contain_text(
        "1\u00a0871\u00a0744,00\u00a0$"
    )
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/agreements/{iom.pk}/")
    expect(page.get_by_role("row", name=re.compile("2014-15"))).to_contain_text("$1,871,744.00")
    assert_accessible(page)

    page.goto(f"{live_server.url}/en/agreements/funding/")
    expect(page.locator("body")).to_contain_text("$4,236.00 (0.2%)")
    assert_accessible(page)
