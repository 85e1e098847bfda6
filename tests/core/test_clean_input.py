"""Control characters never reach the database from any form or admin page (issue 10, finding 12),
and every list's search term is bounded (finding 9)."""

import importlib
import inspect
from http import HTTPStatus

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from core.admin import PortalAdminMixin
from core.forms import SEARCH_MAX_LENGTH, CleanInputMixin, strip_control_characters
from engagements.models import Engagement
from forums.models import Meeting
from tests.engagements.test_views import form_data
from tests.forums.factories import ForumFactory

pytestmark = pytest.mark.django_db

PORTAL_APPS = [
    "accounts",
    "api",
    "core",
    "engagements",
    "events",
    "forums",
    "imports",
    "indicators",
    "notifications",
    "partners",
    "search",
]
CONTROLS = "\x01\x0b\x1b\x7f\x85\x9f\x00"


def test_strip_control_characters():
    assert strip_control_characters(f"a{CONTROLS}b", multiline=False) == "ab"
    assert strip_control_characters("line one\r\n\tline two", multiline=True) == (
        "line one\r\n\tline two"
    )
    assert strip_control_characters("tab\there\nnext", multiline=False) == "tab here next"
    assert strip_control_characters("Réunion « ExCom » — 2013", multiline=False) == (
        "Réunion « ExCom » — 2013"
    )


def test_engagement_form_stores_no_control_characters(officer_client, officer):
    data = form_data(
        officer,
        summary="First line\x01\x1b[31m\n\tSecond\x7f line\x0b",
        city="Gen\x00eva\x1b",
    )
    data["positions-0-text"] = "Canada\x01 supports\x0b burden sharing."
    data["positions-0-theme"] = data["themes"][0]
    data["positions-0-outcome"] = "pending"
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.FOUND
    record = Engagement.objects.get()
    assert record.summary == "First line[31m\n\tSecond line"
    assert record.city == "Geneva"
    assert record.positions.get().text == "Canada supports burden sharing."


def test_reason_form_strips_them_too(manager_client):
    from tests.engagements.factories import EngagementFactory

    record = EngagementFactory(status=Engagement.Status.SUBMITTED)
    url = reverse("engagements:return", args=[record.pk])
    response = manager_client.post(url, {"return-reason": "Missing\x1b the\x01 outcome.\nSee."})
    assert response.status_code == HTTPStatus.FOUND
    assert record.transitions.get().reason == "Missing the outcome.\nSee."


def test_admin_stores_no_control_characters(admin_client):
    forum = ForumFactory()
    response = admin_client.post(
        reverse("admin:forums_meeting_add"),
        {
            "forum": forum.pk,
            "name_en": "Standing\x01 Committee\x1b",
            "name_fr": "Comité\x7f permanent",
            "start_date": "2014-06-24",
            "end_date": "2014-06-26",
            "city": "Geneva\x0b",
            "chair": "Canada\tand\nothers",
            "outcome_documents-TOTAL_FORMS": "0",
            "outcome_documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    meeting = Meeting.objects.get(forum=forum)
    assert (meeting.name_en, meeting.name_fr, meeting.city) == (
        "Standing Committee",
        "Comité permanent",
        "Geneva",
    )
    assert meeting.chair == "Canada and others"  # single-line: line breaks become spaces


def _portal_form_classes():
    found = []
    for app in PORTAL_APPS:
        for module_name in (f"{app}.forms",):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            for _name, value in inspect.getmembers(module, inspect.isclass):
                if (
                    issubclass(value, forms.BaseForm)
                    and value.__module__ == module_name
                    and value not in (forms.Form, forms.ModelForm)
                ):
                    found.append(value)
    return found


def test_every_portal_form_cleans_its_text():
    classes = _portal_form_classes()
    assert len(classes) >= 6
    missing = [c.__qualname__ for c in classes if not issubclass(c, CleanInputMixin)]
    assert not missing, f"derive these from core.forms.PortalForm / PortalModelForm: {missing}"


def test_every_portal_admin_and_inline_cleans_its_text(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PORTAL_APPS:
            continue
        assert isinstance(model_admin, PortalAdminMixin), type(model_admin).__name__
        assert issubclass(model_admin.get_form(request), CleanInputMixin), model
        for inline in model_admin.get_inline_instances(request):
            assert isinstance(inline, PortalAdminMixin), type(inline).__name__
            assert issubclass(inline.get_formset(request).form, CleanInputMixin), inline
        checked += 1
    assert checked >= 10


def test_portal_apps_are_the_installed_ones():
    """The list above follows the project's own apps (a new app must be added to it)."""
    local = {
        config.label
        for config in apps.get_app_configs()
        if str(config.path).startswith(str(settings.BASE_DIR)) and ".venv" not in str(config.path)
    }
    assert local <= set(PORTAL_APPS), local - set(PORTAL_APPS)


LISTS = [
    "engagements:list",
    "forums:forum_list",
    "forums:meeting_list",
    "partners:organization_list",
    "partners:agreement_list",
    "indicators:indicator_list",
]


@pytest.mark.parametrize("name", LISTS)
def test_a_60000_character_search_gets_a_message(manager_client, name):
    response = manager_client.get(reverse(name), {"q": "x" * 60_000})
    assert response.status_code == HTTPStatus.OK
    assert f"Search for at most {SEARCH_MAX_LENGTH} characters (you typed 60000)." in (
        response.content.decode()
    )


@pytest.mark.parametrize("name", LISTS)
def test_a_search_at_the_limit_works(manager_client, name):
    response = manager_client.get(reverse(name), {"q": "x" * SEARCH_MAX_LENGTH})
    assert response.status_code == HTTPStatus.OK
    assert "Search for at most" not in response.content.decode()


def test_admin_search_is_capped(admin_client):
    response = admin_client.get(reverse("admin:forums_meeting_changelist"), {"q": "x" * 60_000})
    assert response.status_code == HTTPStatus.OK


def test_sign_in_user_name_is_cleaned(client, officer):
    officer.set_password("Correct-Horse-41")
    officer.save()
    response = client.post(
        reverse("login"), {"username": "ali\x01ce", "password": "Correct-Horse-41"}
    )
    assert response.status_code == HTTPStatus.FOUND


@pytest.mark.parametrize("key", ["themes", "partners", "delegation"])
@pytest.mark.parametrize("value", [str(2**70), str(-(2**70)), str(2**63)])
def test_record_keys_too_large_for_any_column_are_invalid_choices(
    officer_client, officer, key, value
):
    """Found by the random edits: SQLite cannot bind such an int, so the pk__in query raised."""
    response = officer_client.post(
        reverse("engagements:create"), {**form_data(officer), key: value}
    )
    assert response.status_code == HTTPStatus.OK
    assert "is not a valid value" in response.content.decode()
    assert not Engagement.objects.exists()
