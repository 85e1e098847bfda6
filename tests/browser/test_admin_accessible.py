"""Django admin in the browser (issue 14 point 5): the add and change page and the list of every
registered model, as a superuser, in English and French, at 1280 px and 390 px, never scroll
sideways, show the Government of Canada signature, pass axe-core and break no
Content-Security-Policy rule (the `page` fixture fails the test on any violation); the French
pages show none of admin's English words. The account pages an administrator sees (read-only
roles and sign-in details) are checked too."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import ADMINISTRATORS, OFFICERS
from imports.resources import ReferenceDataAdminMixin
from tests.accounts.factories import UserFactory
from tests.admin_records import one_record_per_admin_model
from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, sign_in

# Admin's own words, which only an untranslated French page would show.
ENGLISH_LEFT = ["Save and", "Add another", "History", "Delete", "Search", "Filter", "Unknown"]


def admin_pages(superuser, records):
    request = RequestFactory().get("/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{name}_changelist")
        if model_admin.has_add_permission(request):
            yield reverse(f"{name}_add")
        yield reverse(f"{name}_change", args=[records[model].pk])
        if isinstance(model_admin, ReferenceDataAdminMixin):  # spreadsheets in and out
            yield reverse(f"{name}_import")
            yield reverse(f"{name}_export")


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SIGNATURE = {"en": "Government of Canada", "fr": "Gouvernement du Canada"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_admin_page_is_accessible(live_server, page, lang, width, database_tasks):
    superuser = User.objects.create_superuser("root", "root@example.gc.ca", DEMO_PASSWORD)
    records = one_record_per_admin_model()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "root", lang=lang)
    with translation.override(lang):
        paths = [reverse("admin:index"), *admin_pages(superuser, records)]
    check_pages(page, live_server, paths, lang)


def check_pages(page, live_server, paths, lang):
    failures = []
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path}: {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("#header .gc-signature img")).to_have_attribute("alt", SIGNATURE[lang])
        overflow = page.evaluate(SIDEWAYS)
        if overflow > 0:
            failures.append(f"{path} scrolls {overflow} px sideways at {page.viewport_size}")
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
        if lang == "fr":
            text = page.locator("#content").inner_text()
            left = [words for words in ENGLISH_LEFT if words in text]
            if left:
                failures.append(f"{path}: English on the French page: {left}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_account_pages_of_an_administrator_are_accessible(live_server, page, lang):
    admin_user = UserFactory(
        username="amira", password=DEMO_PASSWORD, role=ADMINISTRATORS, is_staff=True
    )
    officer = UserFactory(username="olivia", first_name="Olivia", role=OFFICERS)
    helper = UserFactory(username="ngozi", first_name="Ngozi")
    sign_in(page, live_server, "amira", lang=lang)
    with translation.override(lang):
        paths = [
            reverse("admin:accounts_user_changelist"),
            reverse("admin:accounts_user_add"),
            reverse("admin:accounts_user_change", args=[officer.pk]),  # read-only sign-in
            reverse("admin:accounts_user_change", args=[helper.pk]),  # roles it may grant
            reverse("admin:accounts_user_change", args=[admin_user.pk]),  # its own: no roles
            reverse("admin:axes_accessattempt_changelist"),
        ]
    check_pages(page, live_server, paths, lang)
