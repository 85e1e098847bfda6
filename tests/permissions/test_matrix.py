import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.accounts.factories import UserFactory

from .matrix import ROLES, Case

# URLs outside the matrix on purpose: Django admin has its own staff-only checks (tested apart).
IGNORED_NAMESPACES = {"admin"}


def collect_cases() -> list[Case]:
    cases = []
    for module in pkgutil.iter_modules(tests.__path__):
        try:
            matrix = importlib.import_module(f"tests.{module.name}.matrix")
        except ModuleNotFoundError:
            continue
        cases.extend(getattr(matrix, "CASES", []))
    return cases


CASES = collect_cases()


def iter_patterns(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in IGNORED_NAMESPACES:
                continue
            nested = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from iter_patterns(entry, nested)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def test_every_url_has_a_case():
    covered = {case.url_name for case in CASES}
    missing = sorted(name for name, _ in iter_patterns() if name not in covered)
    assert not missing, f"URLs without a permission-matrix case: {missing}"


def test_every_view_declares_who_may_use_it():
    undeclared = []
    for name, pattern in iter_patterns():
        callback = pattern.callback
        view_class = getattr(callback, "view_class", None)
        declared = (
            getattr(callback, "login_required", True) is False
            or getattr(callback, "permission_required", None)
            or (view_class is not None and getattr(view_class, "permission_required", None))
        )
        if not declared and name not in {"logout", "password_change", "password_change_done"}:
            undeclared.append(name)
    assert not undeclared, f"views that declare no permission: {undeclared}"


@pytest.fixture
def users(db):
    from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS

    return {
        "anonymous": None,
        "officer": UserFactory(username="m-officer", role=OFFICERS),
        "other_officer": UserFactory(username="m-other", role=OFFICERS),
        "manager": UserFactory(username="m-manager", role=MANAGERS),
        "administrator": UserFactory(username="m-admin", role=ADMINISTRATORS, is_staff=True),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_matrix(case: Case, role, users, client):
    kwargs = case.setup(users) if case.setup else {}
    url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    if users[role] is not None:
        client.force_login(users[role])
    if case.method == "post":
        data = case.data(users) if callable(case.data) else (case.data or {})
        response = client.post(url, data)
    else:
        response = client.get(url)
    expected = case.expected[role]
    assert response.status_code == expected, (
        f"{case.id} as {role}: expected {expected}, got {response.status_code}"
    )
    if role == "anonymous" and expected == 302:
        assert reverse("login") in response["Location"]
