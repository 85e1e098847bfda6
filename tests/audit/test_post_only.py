"""State changes only by POST with a CSRF token.

Every URL of the portal is opened with GET by each signed-in role: nothing in the database may
change (a GET on an action endpoint is 405; record-result shows its form). Every endpoint that
accepts a POST refuses one without a CSRF token (403) and changes nothing either.
"""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from tests.accounts.factories import UserFactory
from tests.permissions.test_matrix import CASES, iter_patterns

pytestmark = pytest.mark.django_db

# Endpoints that only act: GET must answer 405 Method Not Allowed.
ACTIONS = {
    "logout",
    "engagements:submit",
    "engagements:approve",
    "engagements:return",
    "engagements:reopen",
    "engagements:withdraw",
    "engagements:outcomes_submit",
    "notifications:mark_read",
    "imports:commit",
    "api_tokens:revoke",
    "search:saved_view_create",
    "search:saved_view_rename",
    "search:saved_view_delete",
}
# Endpoints whose GET shows a form and whose POST acts.
FORMS = {
    "login",
    "password_change",
    "engagements:create",
    "engagements:edit",
    "engagements:outcomes",
    "indicators:record_result",
    "notifications:profile",
    "engagements:delete",
    "forums:meeting_importance",
    "forums:meeting_propose",
    "indicators:revise_result",
    "events:create",
    "events:edit",
    "events:engagement_events",
    "imports:engagements",
    "imports:meetings",
    "api_tokens:list",
    "partners:service_create",
    "partners:service_edit",
    "partners:service_volumes",
}
AUDITED_APPS = [
    "accounts",
    "forums",
    "partners",
    "engagements",
    "indicators",
    "events",
    "notifications",
    "imports",
    "api",
    "search",
]
VOLATILE = {"last_login"}  # a sign-in stamps it; nothing else may move


def snapshot() -> dict:
    """Every row of the portal's own tables (and their history), field by field."""
    state = {}
    for app in AUDITED_APPS:
        for model in apps.get_app_config(app).get_models():
            if not model._meta.managed:
                continue
            names = [f.attname for f in model._meta.concrete_fields if f.name not in VOLATILE]
            state[model._meta.label] = list(model.objects.order_by("pk").values_list(*names))
    return state


@pytest.fixture
def users(db):
    return {
        "anonymous": None,
        "officer": UserFactory(username="m-officer", role=OFFICERS),
        "other_officer": UserFactory(username="m-other", role=OFFICERS),
        "manager": UserFactory(username="m-manager", role=MANAGERS),
        "administrator": UserFactory(username="m-admin", role=ADMINISTRATORS, is_staff=True),
    }


def _first_case(name):
    return next(case for case in CASES if case.url_name == name)


URL_NAMES = sorted(name for name, _pattern in iter_patterns())


def test_the_lists_name_real_urls():
    assert set(URL_NAMES) >= ACTIONS | FORMS


def test_every_post_endpoint_is_known():
    """A new URL that takes POSTs must be classified here (action or form)."""
    posted = {case.url_name for case in CASES if case.method == "post"}
    assert posted <= ACTIONS | FORMS, sorted(posted - ACTIONS - FORMS)


@pytest.mark.parametrize("role", ["officer", "manager", "administrator"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_get_never_changes_anything(name, role, users, client):
    case = _first_case(name)
    kwargs = case.setup(users) if case.setup else {}
    url = reverse(name, kwargs=kwargs)
    client.force_login(users[role])
    before = snapshot()
    response = client.get(url)
    assert snapshot() == before, f"GET {url} as {role} changed the database"
    if name in ACTIONS:
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED, (url, role)
        assert "POST" in response["Allow"]


def _post_cases():
    seen, cases = set(), []
    for case in CASES:
        if case.method == "post" and case.url_name not in seen:
            seen.add(case.url_name)
            cases.append(case)
    extra = FORMS - seen
    return cases, sorted(extra)


POST_CASES, FORMS_WITHOUT_POST_CASE = _post_cases()


@pytest.mark.parametrize("case", POST_CASES, ids=lambda c: c.url_name)
@pytest.mark.parametrize("role", ["officer", "manager"])
def test_post_without_csrf_token_is_refused(case, role, users):
    kwargs = case.setup(users) if case.setup else {}
    data = case.data(users) if callable(case.data) else (case.data or {})
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[role])
    before = snapshot()
    response = client.post(reverse(case.url_name, kwargs=kwargs), data)
    assert response.status_code == HTTPStatus.FORBIDDEN, (case.url_name, response.status_code)
    assert snapshot() == before
    # still signed in: a refused logout did not sign anyone out
    assert client.get(reverse("password_change")).status_code == HTTPStatus.OK


@pytest.mark.parametrize("name", FORMS_WITHOUT_POST_CASE)
def test_form_posts_without_csrf_token_are_refused(name, users):
    case = _first_case(name)
    kwargs = case.setup(users) if case.setup else {}
    client = Client(enforce_csrf_checks=True)
    if name != "login":
        client.force_login(users["officer"])
    before = snapshot()
    response = client.post(reverse(name, kwargs=kwargs), {"username": "m-officer"})
    assert response.status_code == HTTPStatus.FORBIDDEN, (name, response.status_code)
    assert snapshot() == before


def test_the_same_post_with_its_token_goes_through(users):
    """The check above can fail: with the page's token, sign-out works."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["officer"])
    page = client.get(reverse("password_change"))
    token = page.context["csrf_token"]
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("password_change")).status_code == HTTPStatus.FOUND
