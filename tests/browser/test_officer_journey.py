"""First journey: an officer signs in in French, browses forums and a forum's meetings, opens a
meeting, switches to English on the same page and signs out. Every page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from forums.models import Forum, Meeting
from tests.browser.helpers import assert_accessible, sign_in


@pytest.mark.django_db(transaction=True)
def test_officer_browses_forums_in_french_then_english(live_server, page, demo_users):
    # the real forums and meetings, as the data migration loaded them
    atcr = Forum.objects.get(acronym_en="ATCR")
    meeting = Meeting.objects.get(forum=atcr, start_date__year=2013)

    sign_in(page, live_server, "officer", lang="fr")
    expect(page).to_have_url(f"{live_server.url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_accessible(page)

    # the forum list, in French, from the main navigation
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Forums").click()
    expect(page).to_have_url(f"{live_server.url}/fr/forums/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forums")
    expect(
        page.get_by_role("cell", name="Consultations annuelles tripartites sur la réinstallation")
    ).to_be_visible()
    assert_accessible(page)

    # filter to global forums, then open the ATCR
    page.get_by_label("Type").select_option("global_forum")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"kind=global_forum"))
    assert_accessible(page)
    page.get_by_role("link", name="CATR", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/fr/forums/{atcr.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Consultations annuelles tripartites sur la réinstallation"
    )
    # its sub-forum and its meetings
    expect(
        page.get_by_role("link", name=re.compile("Groupe de travail sur la réinstallation"))
    ).to_be_visible()
    assert_accessible(page)

    # open the 2013 meeting, chaired by Canada
    page.get_by_role("link", name=meeting.name_fr).click()
    expect(page).to_have_url(f"{live_server.url}/fr/meetings/{meeting.pk}/")
    expect(page.locator("dl.facts")).to_contain_text("Canada")
    assert_accessible(page)

    # switch to English: same page
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/meetings/{meeting.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.name_en)
    assert_accessible(page)

    # the meeting list in English
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    expect(page).to_have_url(f"{live_server.url}/en/meetings/")
    assert_accessible(page)

    # sign out: back to the login page
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/login/"))
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(page)
