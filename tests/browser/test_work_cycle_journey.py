"""Issue 12, point 6, in English and in French: the officer's home page starts with their work;
they submit a draft; the manager sees the count in the navigation (read as part of the link),
filters the review queue, opens the record and returns it with a reason; the officer sees the
count of their work, the reason at the top of the record, answers and resubmits; the manager
approves it and lands on the next record of the queue. axe-core checks every page visited."""

import re

import pytest
from playwright.sync_api import expect

from engagements.models import Engagement, Transition
from tests.browser.helpers import assert_accessible, sign_in
from tests.engagements.factories import EngagementFactory

TEXT = {
    "en": {
        "work": "Your work",
        "drafts": "1 draft",
        "my_work": "My work",
        "waiting_for_you": "1 record waiting for you",
        "review": "Review queue",
        "waiting_for_review": "2 records waiting for your review",
        "official": "Counts for the official indicator",
        "apply": "Apply filters",
        "submit": "Submit for approval",
        "return": "Return with this reason",
        "returned_by": "Returned to you by",
        "answer": "Your answer to the reason (optional)",
        "returned_to_you": "1 record returned to you",
        "approve_next": "Approve and open the next",
        "nothing_matches": "Nothing waiting for approval matches these filters.",
    },
    "fr": {
        "work": "Votre travail",
        "drafts": "1 ébauche",
        "my_work": "Mon travail",
        "waiting_for_you": "1 fiche vous attend",
        "review": "À approuver",
        "waiting_for_review": "2 fiches attendent votre approbation",
        "official": "Compte pour l’indicateur officiel",
        "apply": "Appliquer les filtres",
        "submit": "Soumettre pour approbation",
        "return": "Renvoyer avec ce motif",
        "returned_by": "Renvoyée par",
        "answer": "Votre réponse au motif (facultatif)",
        "returned_to_you": "1 fiche qui vous est renvoyée",
        "approve_next": "Approuver et ouvrir la suivante",
        "nothing_matches": "Rien de ce qui attend l’approbation ne correspond à ces filtres.",
    },
}


def sign_out(page):
    page.locator("form[action*='logout'] button").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def nav_link(page, label):
    return page.locator("nav.gc-topnav").get_by_role(
        "link", name=re.compile(f"^{re.escape(label)}")
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_work_cycle_journey(live_server, page, demo_users, lang):
    text = TEXT[lang]
    officer = demo_users["officer"]
    record = EngagementFactory(lead_officer=officer, summary="Canada spoke on resettlement.")
    following = EngagementFactory(status=Engagement.Status.SUBMITTED)

    # the officer's home page starts with their work: one draft
    sign_in(page, live_server, "officer", lang=lang)
    work = page.locator("section.home-work")
    expect(work.get_by_role("heading", level=2)).to_have_text(text["work"])
    expect(work).to_contain_text(text["drafts"])
    expect(nav_link(page, text["my_work"])).to_have_accessible_name(
        f"{text['my_work']} {text['waiting_for_you']}"
    )
    assert_accessible(page)
    work.locator(f"a[href$='/engagements/{record.pk}/']").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/engagements/{record.pk}/$"))
    assert_accessible(page)
    page.get_by_role("button", name=text["submit"]).click()
    expect(page.locator(".messages")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # the manager sees the count in the navigation, filters the queue, returns with a reason
    sign_in(page, live_server, "manager", lang=lang)
    review = nav_link(page, text["review"])
    expect(review).to_have_accessible_name(f"{text['review']} {text['waiting_for_review']}")
    expect(page.locator("section.home-work table tbody tr")).to_have_count(2)
    assert_accessible(page)
    review.click()
    expect(page.locator("main table tbody tr")).to_have_count(2)
    assert_accessible(page)
    page.get_by_label(text["official"]).select_option("false")
    page.get_by_role("button", name=text["apply"]).click()
    expect(page.locator("main table tbody tr")).to_have_count(2)
    assert_accessible(page)
    page.get_by_label(text["official"]).select_option("true")
    page.get_by_role("button", name=text["apply"]).click()
    expect(page.locator("main")).to_contain_text(text["nothing_matches"])
    assert_accessible(page)
    page.goto(f"{live_server.url}/{lang}/review/?sort=-waiting")
    # oldest waiting first: the record submitted before this journey began
    page.locator("main table tbody tr").first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/engagements/{following.pk}/$"))
    page.goto(f"{live_server.url}/{lang}/engagements/{record.pk}/")
    page.locator("#id_return-reason").fill("Cite the paragraph of the conclusion.")
    page.get_by_role("button", name=text["return"], exact=True).click()
    expect(page.locator(".messages")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # the officer sees the count, the reason at the top of the record, answers and resubmits
    sign_in(page, live_server, "officer", lang=lang)
    expect(page.locator("section.home-work")).to_contain_text(text["returned_to_you"])
    expect(page.locator("section.home-work")).to_contain_text("Cite the paragraph")
    assert_accessible(page)
    my_work = nav_link(page, text["my_work"])
    expect(my_work).to_have_accessible_name(f"{text['my_work']} {text['waiting_for_you']}")
    my_work.click()
    assert_accessible(page)
    page.locator("#returned-heading + .table-container").get_by_role("link").first.click()
    expect(page.locator(".return-reason")).to_contain_text(text["returned_by"])
    expect(page.locator(".return-reason")).to_contain_text("Cite the paragraph")
    assert_accessible(page)
    page.get_by_label(text["answer"]).fill("Paragraph 12 is now cited.")
    page.get_by_role("button", name=text["submit"]).click()
    expect(page.locator(".messages")).to_be_visible()
    expect(nav_link(page, text["my_work"]).locator(".badge")).to_have_count(0)
    assert_accessible(page)
    sign_out(page)

    # the manager approves and lands on the next record of the queue
    sign_in(page, live_server, "manager", lang=lang)
    page.goto(f"{live_server.url}/{lang}/engagements/{record.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name=text["approve_next"]).click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/engagements/{following.pk}/")
    assert_accessible(page)
    record.refresh_from_db()
    assert record.status == Engagement.Status.APPROVED
    answer = Transition.objects.filter(engagement=record, reason="Paragraph 12 is now cited.")
    assert answer.exists()
