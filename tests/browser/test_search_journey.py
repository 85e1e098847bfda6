"""Issue 19, in English and in French: an officer searches from the header of the home page,
opens a result, filters the engagement list, saves it as a view, finds the view on the home page
and opens it again. axe-core checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from engagements.models import Engagement
from tests.browser.helpers import assert_accessible, sign_in
from tests.engagements.factories import EngagementFactory

TEXT = {
    "en": {
        "search": "Search the portal",
        "heading": "Search",
        "engagements": "Engagements",
        "status": "Status",
        "approved": "Approved",
        "apply": "Apply filters",
        "save_as": "Save this view (its filters and sort) as",
        "save": "Save this view",
        "saved": "is saved",
        "home_views": "Your saved views",
    },
    "fr": {
        "search": "Rechercher dans le portail",
        "heading": "Recherche",
        "engagements": "Activités",
        "status": "État",
        "approved": "Approuvée",
        "apply": "Appliquer les filtres",
        "save_as": "Enregistrer cette vue (ses filtres et son tri) sous le nom",
        "save": "Enregistrer cette vue",
        "saved": "est enregistrée",
        "home_views": "Vos vues enregistrées",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_search_and_saved_view_journey(live_server, page, demo_users, lang):
    text = TEXT[lang]
    record = EngagementFactory(
        status=Engagement.Status.APPROVED,
        summary="Canada chaired the working group on réinstallation of Albatross refugees.",
    )
    sign_in(page, live_server, "officer", lang=lang)
    assert_accessible(page)

    # the header search, from the home page: accents do not matter
    box = page.get_by_role("search").first.get_by_label(text["search"])
    box.fill("reinstallation albatross")
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{lang}/search/\?q="))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["heading"])
    results = page.locator("#kind-engagements")
    expect(results.get_by_role("heading", level=2)).to_contain_text(f"{text['engagements']} (1)")
    expect(results.locator("mark").first).to_be_visible()
    assert_accessible(page)

    # open the result
    results.locator("ul.search-results a").first.click()
    expect(page).to_have_url(
        re.compile(rf"{record.get_absolute_url().replace('/en/', f'/{lang}/')}$")
    )
    assert_accessible(page)

    # a filtered list, saved as a view
    page.goto(f"{live_server.url}/{lang}/engagements/")
    page.get_by_label(text["status"], exact=True).select_option("approved")
    page.get_by_role("button", name=text["apply"]).click()
    expect(page).to_have_url(re.compile(r"status=approved"))
    page.get_by_label(text["save_as"]).fill("Approved work")
    page.get_by_role("button", name=text["save"], exact=True).click()
    expect(page.locator(".messages")).to_contain_text(text["saved"])
    expect(page).to_have_url(re.compile(r"status=approved"))
    expect(
        page.locator(".saved-views-menu").get_by_role("link", name="Approved work")
    ).to_be_visible()
    assert_accessible(page)

    # on the home page, one click away
    page.goto(f"{live_server.url}/{lang}/")
    home = page.locator("section.saved-views-home")
    expect(home.get_by_role("heading", level=2)).to_have_text(text["home_views"])
    home.get_by_role("link", name="Approved work").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/engagements/\?status=approved$"))
    expect(page.get_by_label(text["status"], exact=True)).to_have_value("approved")
    assert_accessible(page)
