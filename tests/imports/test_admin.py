"""The imports in Django admin: administrators read them, nobody adds, changes or deletes one
there (issue 13, the log kept for audit)."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from imports.models import ImportLog
from tests.admin_records import _import_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(db):
    return _import_log()


def test_an_administrator_reads_the_imports(client, administrator, log):
    client.force_login(administrator)
    listing = client.get(reverse("admin:imports_importlog_changelist"))
    assert listing.status_code == HTTPStatus.OK
    assert "engagements-2013.csv" in listing.text
    page = client.get(reverse("admin:imports_importlog_change", args=[log.pk]))
    assert page.status_code == HTTPStatus.OK
    assert "0" * 64 in page.text
    assert reverse("imports:file", args=[log.pk]) in page.text
    assert 'name="_save"' not in page.text


def test_nobody_adds_changes_or_deletes_an_import_in_admin(
    client, admin_client, administrator, log
):
    client.force_login(administrator)
    for c in (client, admin_client):
        assert c.get(reverse("admin:imports_importlog_add")).status_code == HTTPStatus.FORBIDDEN
        changed = c.post(
            reverse("admin:imports_importlog_change", args=[log.pk]), {"original_name": "x"}
        )
        assert changed.status_code == HTTPStatus.FORBIDDEN
        deleted = c.post(reverse("admin:imports_importlog_delete", args=[log.pk]), {"post": "yes"})
        assert deleted.status_code == HTTPStatus.FORBIDDEN
    log.refresh_from_db()
    assert log.original_name == "engagements-2013.csv"
    assert ImportLog.objects.count() == 1


def test_officers_and_managers_have_no_admin(client, officer, manager, log):
    for user in (officer, manager):
        client.force_login(user)
        response = client.get(reverse("admin:imports_importlog_changelist"))
        assert response.status_code == HTTPStatus.FOUND
