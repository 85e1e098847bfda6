"""Issue 16's journey, in English and in French, with axe-core on every page it visits:
an officer records a new event and its assessment and says that one of her engagements addressed
it; a manager sees it among the active events assessed high on the dashboard and follows it to the
engagement; an administrator records a year's volumes for a service line and the funding summary
shows them beside the transfer payments."""

import datetime
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from engagements.models import Engagement
from events.models import Event
from partners.models import ServiceLine, ServiceVolume
from tests.browser.helpers import assert_accessible, sign_in
from tests.engagements.factories import EngagementFactory

WORDS = {
    "en": {
        "nav": "Main",
        "events": "Events",
        "record_event": "Record an event",
        "save_event": "Save the event",
        "say_events": "Say which events it addressed",
        "save": "Save",
        "high": "Active international events assessed high",
        "services": "Services",
        "record_volumes": "Record a year’s volumes",
        "save_volumes": "Save the volumes",
        "below_zero": "The number of people served cannot be below zero.",
        "funding_services": "Services used from IOM and UNHCR",
        "title": "Floods in Pakistan",
        "people": "4,321",
        "amount": "$98,765.00",
        "year": "2013-14",
    },
    "fr": {
        "nav": "Principal",
        "events": "Événements",
        "record_event": "Consigner un événement",
        "save_event": "Enregistrer l’événement",
        "say_events": "Indiquer les événements dont elle a traité",
        "save": "Enregistrer",
        "high": "Événements internationaux actifs évalués à un niveau élevé",
        "services": "Services",
        "record_volumes": "Consigner les volumes d’un exercice",
        "save_volumes": "Enregistrer les volumes",
        "below_zero": "Le nombre de personnes servies ne peut pas être inférieur à zéro.",
        "funding_services": "Services utilisés auprès de l’OIM et du HCR",
        "title": "Inondations au Pakistan",
        "people": "4\u00a0321",
        "amount": "98\u00a0765,00\u00a0$",
        "year": "2013-2014",
    },
}


def load_reference_data():
    """Transactional tests start from empty tables: replay the data migrations the journey needs
    (organizations, transfer payments and agreements, the service lines)."""
    import_module("partners.migrations.0003_reference_organizations").load_organizations(apps, None)
    import_module("partners.migrations.0004_program_transfer_payments").load(apps, None)
    import_module("partners.migrations.0008_service_lines_iom_unhcr").load(apps, None)


def nav_link(page, words, name):
    return page.get_by_role("navigation", name=words["nav"]).get_by_role(
        "link", name=name, exact=True
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_event_watch_and_service_volumes_journey(live_server, page, demo_users, lang):
    words = WORDS[lang]
    load_reference_data()
    engagement = EngagementFactory(
        lead_officer=demo_users["officer"], status=Engagement.Status.DRAFT
    )
    base = f"{live_server.url}/{lang}"

    # --- the officer records a new event and its assessment ---
    sign_in(page, live_server, "officer", lang=lang)
    nav_link(page, words, words["events"]).click()
    expect(page).to_have_url(f"{base}/events/")
    assert_accessible(page)
    page.get_by_role("link", name=words["record_event"]).click()
    expect(page).to_have_url(f"{base}/events/new/")
    assert_accessible(page)
    page.locator("#id_kind").select_option("natural_disaster")
    page.locator("#id_title_en").fill("Floods in Pakistan")
    page.locator("#id_title_fr").fill("Inondations au Pakistan")
    page.locator("#id_countries").select_option(["PK"])
    page.locator("#id_region").select_option("asia_pacific")
    page.locator("#id_start_date").fill("2022-06-14")
    page.locator("#id_status").select_option("active")
    page.locator("#id_source_name_en").fill("UNHCR Operational Data Portal")
    page.locator("#id_source_name_fr").fill("Portail de données opérationnelles du HCR")
    page.locator("#id_source_url").fill("https://data.unhcr.org/en/situations")
    in_a_month = timezone.localdate() + datetime.timedelta(days=30)
    page.locator("#id_next_review").fill(in_a_month.isoformat())
    page.locator("#id_notes_language").select_option(lang)
    page.locator("#id_resettlement_level").select_option("high")
    page.locator("#id_resettlement_note").fill("Referrals expected to rise / hausse attendue.")
    page.get_by_role("button", name=words["save_event"]).click()
    event = Event.objects.get(title_en="Floods in Pakistan")
    expect(page).to_have_url(f"{base}/events/{event.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["title"])
    assert event.assessments.get().level == "high"
    assert_accessible(page)

    # ... and says that her engagement addressed it
    page.goto(f"{base}/engagements/{engagement.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name=words["say_events"]).click()
    expect(page).to_have_url(f"{base}/events/engagements/{engagement.pk}/")
    assert_accessible(page)
    page.get_by_role("checkbox", name=re.compile(re.escape(words["title"]))).check()
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page).to_have_url(f"{base}/engagements/{engagement.pk}/")
    expect(page.get_by_role("link", name=words["title"])).to_be_visible()
    assert list(engagement.events.all()) == [event]
    assert_accessible(page)

    # --- the manager sees it on the dashboard and follows it to the engagement ---
    page.context.clear_cookies()
    sign_in(page, live_server, "manager", lang=lang)
    page.goto(f"{base}/")
    section = page.get_by_role("region", name=words["high"])
    expect(section).to_contain_text(words["title"])
    assert_accessible(page)
    section.get_by_role("link", name=words["title"]).click()
    expect(page).to_have_url(f"{base}/events/{event.pk}/")
    expect(page.locator(f"a[href='/{lang}/engagements/{engagement.pk}/']")).to_have_count(1)
    assert_accessible(page)

    # --- the administrator records a year's volumes for a service line ---
    page.context.clear_cookies()
    sign_in(page, live_server, "admin", lang=lang)
    pilot = ServiceLine.objects.get(kind="return")
    nav_link(page, words, words["services"]).click()
    expect(page).to_have_url(f"{base}/services/")
    assert_accessible(page)
    page.get_by_role("link", name=str(getattr(pilot, f"name_{lang}"))).click()
    expect(page).to_have_url(f"{base}/services/{pilot.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name=words["record_volumes"]).click()
    expect(page).to_have_url(f"{base}/services/{pilot.pk}/volumes/")
    assert_accessible(page)
    page.locator("#id_fiscal_year").select_option("2013-14")
    page.locator("#id_people_served").fill("-4")
    page.get_by_role("button", name=words["save_volumes"]).click()
    expect(page.locator("main")).to_contain_text(words["below_zero"])
    assert not ServiceVolume.objects.exists()
    assert_accessible(page)
    page.locator("#id_people_served").fill("4321")
    page.locator("#id_amount").fill("98765")
    page.get_by_role("button", name=words["save_volumes"]).click()
    expect(page).to_have_url(f"{base}/services/{pilot.pk}/")
    expect(page.get_by_role("row", name=re.compile(words["year"]))).to_contain_text(words["people"])
    assert_accessible(page)

    # ... and the funding summary shows them beside the transfer payments
    page.goto(f"{base}/agreements/funding/")
    services = page.get_by_role("region", name=words["funding_services"])
    row = services.get_by_role("row", name=re.compile(words["year"]))
    expect(row).to_contain_text(words["people"])
    expect(row).to_contain_text(words["amount"])
    assert_accessible(page)

    # ... and so does the program's funding dashboard for that year
    page.goto(f"{base}/indicators/funding/?year=2013-14")
    row = page.get_by_role("region", name=re.compile(words["funding_services"])).get_by_role(
        "row", name=re.compile(words["year"])
    )
    expect(row).to_contain_text(words["people"])
    assert_accessible(page)
