"""A manager finds out who changed an agreement and a meeting, and what: from the detail page's
History link to the history page, in French then English; axe-core on each page."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.helpers import assert_accessible, sign_in
from tests.forums.factories import MeetingFactory
from tests.partners.factories import AgreementFactory, AmountFactory


@pytest.mark.django_db(transaction=True)
def test_manager_reads_the_history_of_an_agreement_and_a_meeting(live_server, page, demo_users):
    admin = User.objects.get(username="admin")
    agreement = AgreementFactory(number="HIST-2015-01", total_amount=Decimal("1000000.00"))
    amount = AmountFactory(agreement=agreement, fiscal_year=2014, actual=Decimal("90000.00"))
    amount._history_user = admin
    amount.actual = Decimal("95000.00")
    amount.save()
    agreement._history_user = admin
    agreement.total_amount = Decimal("1250000.00")
    agreement.save()
    meeting = MeetingFactory(is_important=False, start_date=datetime.date(2014, 5, 13))
    meeting._history_user = admin
    meeting.is_important = True
    meeting.importance = "important"
    meeting.importance_decided_on = datetime.date(2014, 4, 2)
    meeting.save()

    sign_in(page, live_server, "manager", lang="fr")
    page.goto(f"{live_server.url}/fr/agreements/{agreement.pk}/")
    page.get_by_role("link", name="Historique", exact=True).click()
    expect(page).to_have_url(
        f"{live_server.url}/fr/history/partners/contributionagreement/{agreement.pk}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Historique des modifications")
    expect(page.get_by_role("row", name="Montant total ($ CA)").first).to_contain_text(
        "1\u00a0250\u00a0000,00"
    )
    expect(page.locator("main")).to_contain_text("2014-2015")
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of changes")
    expect(page.get_by_role("row", name="Actual (CAD)").first).to_contain_text("95,000.00")
    assert_accessible(page)

    page.goto(f"{live_server.url}/en/meetings/{meeting.pk}/")
    page.get_by_role("link", name="History", exact=True).click()
    # the change (No → Yes), and the creation (— → No)
    expect(page.get_by_role("row", name="Identified as important No Yes")).to_be_visible()
    expect(page.get_by_role("row", name="Identified as important — No")).to_be_visible()
    assert_accessible(page)
