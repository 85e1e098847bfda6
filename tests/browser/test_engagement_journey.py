"""The portal's core journey, in French and in English: an officer logs an engagement with two
positions and a PDF and submits it; the manager returns it with a reason; the officer fixes it
and resubmits; the manager approves; the record shows its workflow trail and its history.
axe-core checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from engagements.models import Engagement, Theme
from forums.models import Meeting
from tests.browser.helpers import assert_accessible, sign_in

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

TEXT = {
    "en": {
        "main": "Main",
        "my_work": "My work",
        "log": "Log an engagement",
        "review": "Review queue",
        "submitted": "Submitted for approval",
        "returned": "Returned for changes",
        "approved": "Approved",
        "edit": "Edit",
        "trail": "Workflow",
        "history": "History of changes",
        "reason_label": "Reason",
    },
    "fr": {
        "main": "Principal",
        "my_work": "Mon travail",
        "log": "Consigner une activité",
        "review": "À approuver",
        "submitted": "Soumise pour approbation",
        "returned": "Renvoyée pour corrections",
        "approved": "Approuvée",
        "edit": "Modifier",
        "trail": "Approbation",
        "history": "Historique des modifications",
        "reason_label": "Motif",
    },
}


def sign_out(page):
    page.locator("form[action*='logout'] button").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_engagement_journey(live_server, page, demo_users, lang):
    text = TEXT[lang]
    meeting = (
        Meeting.objects.filter(outcome_documents__isnull=False)
        .select_related("forum")
        .order_by("start_date")
        .first()
    )
    document = meeting.outcome_documents.first()
    resettlement = Theme.objects.get(code="resettlement")
    integration = Theme.objects.get(code="integration")

    # --- the officer logs the engagement -----------------------------------------------------
    sign_in(page, live_server, "officer", lang=lang)
    nav = page.get_by_role("navigation", name=text["main"])
    nav.get_by_role("link", name=text["my_work"]).click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/my-work/")
    assert_accessible(page)
    page.get_by_role("link", name=text["log"]).first.click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/engagements/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text["log"])
    assert_accessible(page)

    page.locator("#id_kind").select_option("statement")
    page.locator("#id_forum").select_option(str(meeting.forum_id))
    page.locator("#id_meeting").select_option(str(meeting.pk))
    page.locator("#id_start_date").fill(meeting.start_date.isoformat())
    page.locator("#id_end_date").fill(meeting.end_date.isoformat())
    page.locator("#id_city").fill(meeting.city or "Genève")
    page.locator(f"input[name=themes][value='{resettlement.pk}']").check()
    page.locator("#id_summary").fill(
        "Canada a présenté sa déclaration sur la réinstallation."
        if lang == "fr"
        else "Canada delivered its statement on resettlement."
    )
    page.locator("#id_positions-0-text").fill("Canada supports multi-year resettlement pledges.")
    page.locator("#id_positions-0-theme").select_option(str(resettlement.pk))
    page.locator("#id_positions-0-outcome_0").check()  # reflected
    page.locator("#id_positions-0-outcome_document").select_option(str(document.pk))
    page.locator("#id_positions-0-outcome_reference").fill("para. 7")
    page.locator("#id_positions-1-text").fill("Canada calls for better integration data.")
    page.locator("#id_positions-1-theme").select_option(str(integration.pk))
    # the meeting is past: the positions are flagged as set after the meeting, with why
    page.locator("#id_late_reason").fill("Logged from the delegation's report.")
    page.locator("#id_files").set_input_files(
        files=[{"name": "statement.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("button[name=save_submit]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/engagements/\d+/$"))
    expect(page.locator("main .status").first).to_have_text(text["submitted"])
    expect(page.get_by_role("link", name="statement.pdf")).to_be_visible()
    assert_accessible(page)
    engagement = Engagement.objects.get()
    assert engagement.positions.count() == 2
    assert engagement.evidence.count() == 1
    detail_url = page.url
    sign_out(page)

    # --- the manager returns it with a reason ---------------------------------------------------
    sign_in(page, live_server, "manager", lang=lang)
    review = page.get_by_role("navigation", name=text["main"]).get_by_role(
        "link", name=re.compile(text["review"])
    )
    expect(review.locator(".badge")).to_contain_text("1")
    review.click()
    assert_accessible(page)
    page.locator(f"a[href='{engagement.get_absolute_url().replace('/en/', f'/{lang}/')}']").click()
    assert_accessible(page)
    page.locator("#id_return-reason").fill("Please add the paragraph for the second position.")
    page.locator(
        f"form[action$='/engagements/{engagement.pk}/return/'] button:not([name=then])"
    ).click()
    expect(page.locator("main .status").first).to_have_text(text["returned"])
    assert_accessible(page)
    sign_out(page)

    # --- the officer fixes and resubmits -------------------------------------------------------
    sign_in(page, live_server, "officer", lang=lang)
    page.goto(f"{live_server.url}/{lang}/my-work/")
    expect(page.locator("main")).to_contain_text(
        "Please add the paragraph for the second position."
    )
    assert_accessible(page)
    page.goto(detail_url)
    page.get_by_role("link", name=text["edit"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    assert_accessible(page)
    page.locator("#id_positions-1-outcome_0").check()
    page.locator("#id_positions-1-outcome_document").select_option(str(document.pk))
    page.locator("#id_positions-1-outcome_reference").fill("para. 9")
    page.locator("button[name=save_submit]").click()
    expect(page.locator("main .status").first).to_have_text(text["submitted"])
    sign_out(page)

    # --- the manager approves ----------------------------------------------------------------------
    sign_in(page, live_server, "manager", lang=lang)
    page.goto(detail_url)
    page.locator(
        f"form[action$='/engagements/{engagement.pk}/approve/'] button:not([name=then])"
    ).click()
    expect(page.locator("main .status").first).to_have_text(text["approved"])
    # the trail: submitted, returned (with the reason), resubmitted, approved
    trail = page.get_by_role("heading", name=text["trail"], exact=True)
    expect(trail).to_be_visible()
    expect(page.locator("main table").nth(1).locator("tbody tr")).to_have_count(4)
    expect(page.locator("main")).to_contain_text(
        "Please add the paragraph for the second position."
    )
    # the history names who changed what
    expect(page.get_by_role("heading", name=text["history"])).to_be_visible()
    expect(page.locator("ol.history")).to_contain_text("Olivia Tremblay")
    expect(page.locator("ol.history")).to_contain_text("Marc Gagnon")
    assert_accessible(page)
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.APPROVED
    assert engagement.positions.filter(outcome="reflected").count() == 2
