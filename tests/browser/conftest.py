"""The browser test harness: Playwright driving Debian's Chromium against Django's live server.

Everything under tests/browser is marked `browser` (deselect with `-m "not browser"`), and skipped
with a clear reason when /usr/bin/chromium is missing (CI installs it). Every `page` fails its test
when Chromium reports a Content-Security-Policy violation on any page it visited.

Write browser tests as `@pytest.mark.django_db(transaction=True)` functions using `live_server`,
`page` and, to sign in, `demo_users` with `helpers.sign_in`; check each page with
`helpers.assert_accessible(page)`. Each such test starts from the database as migrations left it
(reference data included): the root conftest reloads it before each.
"""

import os
from pathlib import Path

import pytest

from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from tests.accounts.factories import UserFactory

# Django refuses database access from inside an event loop, and Playwright's sync API runs one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "browser-tests-Pa55word!"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    missing = pytest.mark.skip(
        reason=f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if HERE not in Path(str(item.fspath)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(missing)


@pytest.fixture(scope="session", autouse=True)
def _live_server_media_url():
    """The portal sets MEDIA_URL = None (evidence is only served through views that check access),
    but Django's live server wraps the site in a media-files handler that needs a URL prefix."""
    from django.conf import settings

    previous = settings.MEDIA_URL
    settings.MEDIA_URL = "/__media-not-served__/"
    yield
    settings.MEDIA_URL = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # `playwright install` does not work here: use the system Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def csp_violations():
    """Content-Security-Policy violations Chromium reported, as "url: message" lines."""
    return []


# Every Content-Security-Policy violation of the page's document (its markup, its stylesheets and
# its scripts) is reported to the test. One without a source file comes from a script the test
# itself evaluated in the page: axe-core's stylesheet loader re-parses each `@import` (Django
# admin's forms.css has one) as a <style> element in a scratch document, which the CSP refuses
# and Chromium logs, though the page did nothing.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  if (event.sourceFile) {
    window.__reportCspViolation(
      `Content Security Policy: ${event.violatedDirective} refused ${event.blockedURI} ` +
      `(${event.sourceFile}:${event.lineNumber}:${event.columnNumber}) ${event.sample}`
    );
  }
});
"""


@pytest.fixture
def page(page, csp_violations):
    """pytest-playwright's page, failing the test if any page it shows breaks the CSP."""
    page.expose_function(
        "__reportCspViolation", lambda text: csp_violations.append(f"{page.url}: {text}")
    )
    page.add_init_script(_REPORT_CSP_VIOLATIONS)
    page.set_default_timeout(15_000)
    yield page
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


@pytest.fixture
def demo_users(transactional_db):
    """officer, manager and admin, one per role, all with the password `DEMO_PASSWORD`."""
    return {
        "officer": UserFactory(
            username="officer",
            first_name="Olivia",
            last_name="Tremblay",
            password=DEMO_PASSWORD,
            role=OFFICERS,
        ),
        "manager": UserFactory(
            username="manager",
            first_name="Marc",
            last_name="Gagnon",
            password=DEMO_PASSWORD,
            role=MANAGERS,
        ),
        "admin": UserFactory(
            username="admin",
            first_name="Amira",
            last_name="Singh",
            password=DEMO_PASSWORD,
            role=ADMINISTRATORS,
            is_staff=True,
        ),
    }
