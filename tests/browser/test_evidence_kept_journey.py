"""Evidence already chosen is not lost on a failed submit (issue 14 point 2), where the browser
allows: an officer chooses a file, saves a form with an error, and finds the file chosen again
(static/js/portal.js keeps it in IndexedDB for that page only), the message saying so in the
page's language; fixing the error and saving stores the file, and the browser keeps no copy."""

import pytest
from playwright.sync_api import expect

from engagements.models import Engagement, Theme
from forums.models import Forum
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.test_engagement_journey import PDF

TEXT = {
    "en": {
        "save": "Save draft",
        "saved": "Saved as a draft",
        "kept": "The evidence files you had chosen are chosen again: statement.pdf",
    },
    "fr": {
        "save": "Enregistrer l’ébauche",
        "saved": "Enregistrée comme ébauche",
        "kept": "Les pièces justificatives que vous aviez choisies sont de nouveau sélectionnées :"
        " statement.pdf",
    },
}

CHOSEN = "document.querySelector('#id_files').files.length"
# How many pages' files the browser still keeps (portal.js's "portal-forms" database).
KEPT = """() => new Promise((resolve) => {
  const request = indexedDB.open("portal-forms", 1);
  request.onsuccess = () => {
    const count = request.result.transaction("chosen-files").objectStore("chosen-files").count();
    count.onsuccess = () => resolve(count.result);
  };
})"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_evidence_chosen_before_a_failed_submit_is_chosen_again(
    live_server, page, demo_users, lang
):
    text = TEXT[lang]
    forum = Forum.objects.filter(is_active=True).order_by("acronym_en").first()
    theme = Theme.objects.filter(is_active=True).order_by("pk").first()
    sign_in(page, live_server, "officer", lang=lang)
    page.goto(f"{live_server.url}/{lang}/engagements/new/")

    # a first try without the end date and the summary, with a file chosen
    page.locator("#id_kind").select_option(Engagement.Kind.MEETING)
    page.locator("#id_forum").select_option(str(forum.pk))
    page.locator("#id_start_date").fill("2025-03-10")
    page.locator(f"input[name=themes][value='{theme.pk}']").check()
    page.locator("#id_files").set_input_files(
        files=[{"name": "statement.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name=text["save"], exact=True).click()
    expect(page.locator("#error-summary")).to_be_focused()
    notice = page.locator("[data-files-lost]")
    expect(notice).to_have_text(text["kept"])
    expect(notice).to_have_class("message message-info")
    assert page.evaluate(CHOSEN) == 1
    assert page.evaluate("document.querySelector('#id_files').files[0].name") == "statement.pdf"
    assert Engagement.objects.count() == 0
    assert_accessible(page)

    # fixed and saved: the file is stored with the record, and the browser keeps no copy
    page.locator("#id_end_date").fill("2025-03-12")
    page.locator("#id_summary").fill("Canada presented its resettlement pledges.")
    page.get_by_role("button", name=text["save"], exact=True).click()
    expect(page.locator(".messages")).to_contain_text(text["saved"])
    engagement = Engagement.objects.get()
    evidence = engagement.evidence.get()
    assert evidence.original_name == "statement.pdf"
    assert evidence.size == len(PDF)
    expect(page.get_by_role("link", name="statement.pdf")).to_be_visible()
    kept = [page.evaluate(KEPT)]
    while kept[-1] and len(kept) < 20:  # the page clears it as it opens
        page.wait_for_timeout(100)
        kept.append(page.evaluate(KEPT))
    assert kept[-1] == 0


@pytest.mark.django_db(transaction=True)
def test_a_failed_submit_without_files_says_nothing_of_evidence(live_server, page, demo_users):
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/en/engagements/new/")
    page.get_by_role("button", name=TEXT["en"]["save"], exact=True).click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("[data-files-lost]")).to_have_count(0)
    assert page.evaluate(CHOSEN) == 0
