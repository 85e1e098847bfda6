"""Screenshots of the portal's main pages, in English and French, at 1280 px and 390 px wide.

Against a running portal (`make run`, or `manage.py runserver`) with the demo data:

    DEMO_PASSWORD=... .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out screenshots]

It signs in as the demo manager (the dashboard, a list, a detail page), as the demo officer
(the engagement form, submitted empty so that it shows its errors) and as the demo administrator
(Django admin's change page of an agreement, with its inlines), and writes one full-page PNG
per page, language and width, e.g. screenshots/dashboard-fr-390.png. It also reports any page
that scrolls sideways. Uses Playwright with Debian's Chromium, as the browser tests do.
"""

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (1280, 390)
# (name, user, path after /<lang>/, submit the main form first?)
PAGES = [
    ("dashboard", "manager", "", False),
    ("engagement-list", "manager", "engagements/", False),
    ("agreement-list", "manager", "agreements/", False),
    ("agreement-detail", "manager", "agreements/first/", False),
    ("engagement-form-errors", "officer", "engagements/new/", True),
    ("admin-agreement-change", "admin", "admin/partners/contributionagreement/first/", False),
]
FIRST = {  # a page of the first record of a list: (the list, the path's placeholder)
    "agreements/first/": "agreements/",
    "admin/partners/contributionagreement/first/": "admin/partners/contributionagreement/",
}


def sign_in(page, base, username, password):
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def first_record_path(page, base, lang, listing):
    """The path (after /<lang>/) of the first record of a list, the portal's or admin's."""
    page.goto(f"{base}/{lang}/{listing}")
    href = page.locator("#result_list tbody a, main table tbody a").first.get_attribute("href")
    return href.split(f"/{lang}/", 1)[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots")
    options = parser.parse_args()
    password = os.environ.get("DEMO_PASSWORD")
    if not password:
        sys.exit("Set DEMO_PASSWORD to the demo accounts' password.")
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    wide = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for user in ("manager", "officer", "admin"):
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                sign_in(page, options.base, user, password)
                for name, who, path, submit in PAGES:
                    if who != user:
                        continue
                    for lang in ("en", "fr"):
                        if path in FIRST:
                            path_here = first_record_path(page, options.base, lang, FIRST[path])
                        else:
                            path_here = path
                        page.goto(f"{options.base}/{lang}/{path_here}")
                        if submit:
                            page.locator(
                                "main form.engagement-form button[name=save_draft]"
                            ).click()
                            page.wait_for_load_state()
                        scroll = page.evaluate(
                            "document.documentElement.scrollWidth - window.innerWidth"
                        )
                        if scroll > 0:
                            wide.append(f"{name} {lang} {width}: {scroll} px too wide")
                        target = out / f"{name}-{lang}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                context.close()
        browser.close()
    for line in wide:
        print("scrolls sideways:", line)
    return 1 if wide else 0


if __name__ == "__main__":
    sys.exit(main())
