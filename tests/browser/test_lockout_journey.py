"""A person who keeps mistyping their password, in French: the lockout page is accessible, breaks
no Content-Security-Policy rule, and the right password only works once the lock lifts."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, sign_in


@pytest.mark.django_db(transaction=True)
def test_repeated_failures_lock_then_the_lock_lifts(page, live_server, demo_users, settings):
    settings.AXES_ENABLED = True
    login = f"{live_server.url}/fr/accounts/login/"
    for attempt in range(5):
        page.goto(login)
        page.locator("#id_username").fill("officer")
        page.locator("#id_password").fill(f"mauvais-{attempt}")
        page.locator("main form button[type=submit]").click()
        if attempt == 0:
            expect(page.locator(".error-summary")).to_be_visible()
            assert_accessible(page)

    expect(page.locator("h1")).to_have_text("Connexion suspendue")
    expect(page.locator(".error-summary")).to_contain_text("15 minutes")
    assert_accessible(page)

    # Even the right password is refused while the lock holds.
    page.get_by_role("link", name="Retour à la page de connexion").click()
    page.locator("#id_username").fill("officer")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Connexion suspendue")

    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    sign_in(page, live_server, "officer", lang="fr")
    expect(page).to_have_url(re.compile(r"/fr/$"))
