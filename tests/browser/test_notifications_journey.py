"""Notifications in both languages: the officer submits; the manager sees the count and the mail,
returns with a reason; the officer sees the count, the reason at the top of the record, answers
and resubmits; the manager (told by mail) approves and opens the next record. Both check their
profile page. axe-core checks every page visited."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagements.models import Engagement
from tests.browser.helpers import assert_accessible, sign_in
from tests.engagements.factories import EngagementFactory

TEXT = {
    "en": {
        "notifications": "Notifications",
        "submit": "Submit for approval",
        "submitted_title": "Submitted for review",
        "return": "Return with this reason",
        "returned_title": "Returned to you",
        "returned_by": "Returned to you by",
        "answer": "Your answer to the reason (optional)",
        "resubmitted_title": "Resubmitted after your return",
        "approve_next": "Approve and open the next",
        "profile": "My profile",
        "save": "Save my preferences",
        "saved": "Your preferences are saved.",
    },
    "fr": {
        "notifications": "Notifications",
        "submit": "Soumettre pour approbation",
        "submitted_title": "Fiche soumise pour examen",
        "return": "Renvoyer avec ce motif",
        "returned_title": "Fiche qui vous est renvoyée",
        "returned_by": "Renvoyée par",
        "answer": "Votre réponse au motif (facultatif)",
        "resubmitted_title": "Fiche soumise de nouveau après votre renvoi",
        "approve_next": "Approuver et ouvrir la suivante",
        "profile": "Mon profil",
        "save": "Enregistrer mes préférences",
        "saved": "Vos préférences sont enregistrées.",
    },
}


def sign_out(page):
    page.locator("form[action*='logout'] button").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def open_notifications(page, text, count):
    link = page.get_by_role("navigation").get_by_role(
        "link", name=re.compile(text["notifications"])
    )
    expect(link.locator(".badge")).to_contain_text(str(count))
    link.click()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_notifications_journey(live_server, page, demo_users, lang):
    text = TEXT[lang]
    mail.outbox.clear()
    officer, manager = demo_users["officer"], demo_users["manager"]
    record = EngagementFactory(lead_officer=officer, summary="Canada spoke on resettlement.")
    following = EngagementFactory(status=Engagement.Status.SUBMITTED)

    # the officer submits
    sign_in(page, live_server, "officer", lang=lang)
    page.goto(f"{live_server.url}/{lang}/engagements/{record.pk}/")
    page.get_by_role("button", name=text["submit"]).click()
    assert [m.to for m in mail.outbox] == [[manager.email]]
    # the manager has not used the portal yet: English, the default
    assert f"/en/engagements/{record.pk}/" in mail.outbox[0].body
    sign_out(page)

    # the manager sees the count, reads the notification, returns with a reason
    sign_in(page, live_server, "manager", lang=lang)
    open_notifications(page, text, 1)
    page.get_by_role("link", name=re.compile(text["submitted_title"])).click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/engagements/{record.pk}/")
    assert_accessible(page)
    page.locator("#id_return-reason").fill("Cite the paragraph of the conclusion.")
    page.get_by_role("button", name=text["return"], exact=True).click()
    assert mail.outbox[-1].to == [officer.email]
    assert "Cite the paragraph of the conclusion." in mail.outbox[-1].body
    assert f"/{lang}/engagements/{record.pk}/" in mail.outbox[-1].body  # the officer's language
    sign_out(page)

    # the officer sees it, the reason at the top of the record, answers and resubmits
    sign_in(page, live_server, "officer", lang=lang)
    open_notifications(page, text, 1)
    page.get_by_role("link", name=re.compile(text["returned_title"])).click()
    expect(page.locator(".return-reason")).to_contain_text(text["returned_by"])
    expect(page.locator(".return-reason")).to_contain_text("Cite the paragraph")
    assert_accessible(page)
    page.get_by_label(text["answer"]).fill("Paragraph 12 is now cited.")
    page.get_by_role("button", name=text["submit"]).click()
    assert mail.outbox[-1].to == [manager.email]
    assert "Paragraph 12 is now cited." in mail.outbox[-1].body
    # the manager's mail now follows the language they last used
    assert f"/{lang}/engagements/{record.pk}/" in mail.outbox[-1].body
    page.get_by_role("link", name=text["profile"]).click()
    assert_accessible(page)
    page.get_by_role("button", name=text["save"]).click()
    expect(page.locator(".messages")).to_contain_text(text["saved"])
    sign_out(page)

    # the manager approves and lands on the next record of the queue
    sign_in(page, live_server, "manager", lang=lang)
    open_notifications(page, text, 2)
    page.get_by_role("link", name=re.compile(text["resubmitted_title"])).click()
    page.get_by_role("button", name=text["approve_next"]).click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/engagements/{following.pk}/")
    assert_accessible(page)
    record.refresh_from_db()
    assert record.status == Engagement.Status.APPROVED
    assert mail.outbox[-1].to == [officer.email]
