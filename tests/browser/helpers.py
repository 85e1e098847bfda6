"""Helpers for browser tests: sign in through the real form, check a page with axe-core."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD

_axe = Axe()

# WCAG 2.1 A and AA, plus axe's best practices (landmarks, one h1, heading order, ...).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def sign_in(page: Page, live_server, username: str, password: str = DEMO_PASSWORD, lang="en"):
    """Sign in through the login form in `lang`; leaves the page on the dashboard."""
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def assert_accessible(page: Page, exclude: list[str] | None = None) -> None:
    """Run axe-core on the current page (but the `exclude` selectors); fail listing every
    violation."""
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = _axe.run(page, context=context, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
