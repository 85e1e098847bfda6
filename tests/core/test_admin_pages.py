"""Every page of Django admin, for every registered model, as a superuser: it answers (no 500),
in the language of its prefix (issue 14 points 5 and 7). Accessibility and the CSP are checked in
the browser (tests/browser/test_admin_accessible.py)."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HistoryAdmin
from tests.admin_records import one_record_per_admin_model

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def records(db, database_tasks):
    return one_record_per_admin_model()


def test_every_model_with_a_history_uses_the_portals_history_admin():
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, SimpleHistoryAdmin):
            assert isinstance(model_admin, HistoryAdmin), model._meta.label


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_admin_page_answers_in_its_language(admin_client, admin_user, records, lang):
    request = RequestFactory().get("/")
    request.user = admin_user
    opened = 0
    with translation.override(lang):
        for model, model_admin in admin.site._registry.items():
            record = records[model]
            urls = [admin_url(model, "changelist"), admin_url(model, "change", record.pk)]
            if model_admin.has_add_permission(request):
                urls.append(admin_url(model, "add"))
            if isinstance(model_admin, SimpleHistoryAdmin):
                urls.append(admin_url(model, "history", record.pk))
            for url in urls:
                response = admin_client.get(url)
                assert response.status_code == HTTPStatus.OK, url
                assert url.startswith(f"/{lang}/admin/")
                assert f'<html lang="{lang}"' in response.text, url
                opened += 1
    assert opened >= 3 * len(admin.site._registry) - 10


def test_a_malformed_id_on_a_history_page_is_not_a_server_error(admin_client, records):
    """/admin/<app>/<model>/7/change/history/ was a 500 on every model with a history."""
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        record = records[model]
        change = admin_url(model, "change", record.pk)
        response = admin_client.get(f"{change}history/")
        assert response.status_code == HTTPStatus.FOUND, change  # "… does not exist", as Django
        assert response["Location"] == reverse("admin:index")
        versions = model.history.filter(**{model._meta.pk.attname: record.pk})
        if not versions.exists():
            record.save()  # reference data loaded by a migration has no history yet
        version = versions.latest().history_id
        form = admin_url(model, "simple_history", record.pk, version)
        assert admin_client.get(form).status_code == HTTPStatus.OK, form
        bad_version = admin_url(model, "simple_history", record.pk, "abc")
        assert admin_client.get(bad_version).status_code == HTTPStatus.NOT_FOUND, bad_version


@pytest.mark.parametrize(
    ("accept", "cookie", "lang"),
    [("fr-CA,fr;q=0.9", None, "fr"), ("en-CA", None, "en"), ("en-CA", "fr", "fr")],
)
def test_admin_keeps_its_address_and_follows_the_users_language(client, accept, cookie, lang):
    if cookie:
        client.cookies["django_language"] = cookie
    response = client.get("/admin/forums/meeting/?q=ExCom", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"/{lang}/admin/forums/meeting/?q=ExCom"


def test_admin_links_to_the_same_page_in_the_other_language(admin_client):
    with translation.override("fr"):
        url = reverse("admin:forums_forum_changelist")
    response = admin_client.get(url)
    assert 'href="/en/admin/forums/forum/" lang="en" hreflang="en"' in response.text
    assert "Enregistrer" in admin_client.get(f"{url}add/").text
    assert "Administration du Programme 4.3" in response.text
