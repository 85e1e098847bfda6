"""The user admin (issue 10, findings 1 and 2): administrators manage administrator accounts, but
only a superuser sees or changes a superuser, grants what bypasses the roles (superuser status,
per-user permissions), grants or removes the workflow roles and sets the credentials of an
account that holds one; nobody changes their own privileges; every role change is logged."""

import logging
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import User
from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-Unusual-passphrase-42"


def change_data(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "is_active": "on",
        "groups": [g.pk for g in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2014-04-01",
        "date_joined_1": "09:00:00",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(overrides)
    return data


def group(name):
    return Group.objects.get(name=name)


def snapshot(user):
    user.refresh_from_db()
    return (
        user.username,
        user.email,
        user.first_name,
        user.is_active,
        user.is_staff,
        user.is_superuser,
        user.password,
        sorted(user.groups.values_list("name", flat=True)),
        sorted(user.user_permissions.values_list("codename", flat=True)),
    )


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.gc.ca", "root-Pa55word-long")


@pytest.fixture
def officer_account(db):
    return UserFactory(username="pierre", first_name="Pierre", role=OFFICERS)


@pytest.fixture
def manager_account(db):
    return UserFactory(username="marie", first_name="Marie", role=MANAGERS)


def test_user_list_shows_translated_roles_and_searches(admin_client_):
    UserFactory(username="olivia", first_name="Olivia", role=OFFICERS)
    response = admin_client_.get(reverse("admin:accounts_user_changelist"), {"q": "olivia"})
    assert response.status_code == HTTPStatus.OK
    assert "Policy officers" in response.text


# --- finding 1: only a superuser sees or changes a superuser's account ---


def test_superusers_are_not_listed_for_an_administrator(admin_client_, root):
    response = admin_client_.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == HTTPStatus.OK
    assert "dave" in response.text
    assert "root" not in response.text


def _superuser_pages(root):
    history_id = root.history.latest().history_id
    return {
        "change": reverse("admin:accounts_user_change", args=[root.pk]),
        "password": reverse("admin:auth_user_password_change", args=[root.pk]),
        "history": reverse("admin:accounts_user_history", args=[root.pk]),
        "history_form": reverse("admin:accounts_user_simple_history", args=[root.pk, history_id]),
        "delete": reverse("admin:accounts_user_delete", args=[root.pk]),
    }


@pytest.mark.parametrize("view", ["change", "password", "history", "history_form", "delete"])
def test_administrator_cannot_open_a_superusers_pages(admin_client_, root, view):
    response = admin_client_.get(_superuser_pages(root)[view])
    # the change and delete pages say "doesn't exist" and go back to the admin's home page
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND}
    assert "root@example.gc.ca" not in response.text


@pytest.mark.parametrize("view", ["change", "password", "history_form", "delete"])
def test_administrator_cannot_change_a_superuser(admin_client_, administrator, root, view):
    # even an administrator who was also given the permission to delete accounts
    administrator.user_permissions.add(Permission.objects.get(codename="delete_user"))
    before = snapshot(root)
    posts = {
        "change": change_data(root, username="mine", email="me@example.com", is_active=""),
        "password": {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        "history_form": change_data(root, username="mine", email="me@example.com"),
        "delete": {"post": "yes"},
    }
    response = admin_client_.post(_superuser_pages(root)[view], posts[view])
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND}
    assert snapshot(root) == before
    assert User.objects.filter(pk=root.pk).exists()


def test_administrator_bulk_action_skips_superusers(admin_client_, administrator, root):
    administrator.user_permissions.add(Permission.objects.get(codename="delete_user"))
    victim = UserFactory(username="temp")
    response = admin_client_.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [root.pk, victim.pk], "post": "yes"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert User.objects.filter(pk=root.pk).exists()
    assert not User.objects.filter(pk=victim.pk).exists()


def test_superuser_still_manages_superusers(admin_client, root):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == HTTPStatus.FOUND
    root.refresh_from_db()
    assert root.check_password(NEW_PASSWORD)


# --- finding 2: nobody raises their own privileges; workflow roles take a superuser ---


def test_administrator_cannot_make_anyone_superuser(admin_client_, administrator):
    response = admin_client_.post(
        reverse("admin:accounts_user_change", args=[administrator.pk]),
        change_data(administrator, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == HTTPStatus.FOUND
    administrator.refresh_from_db()
    assert not administrator.is_superuser


@pytest.mark.parametrize("role", [MANAGERS, OFFICERS, ADMINISTRATORS])
def test_administrator_cannot_change_its_own_roles(admin_client_, administrator, role):
    before = snapshot(administrator)
    response = admin_client_.post(
        reverse("admin:accounts_user_change", args=[administrator.pk]),
        change_data(administrator, first_name="Davina", groups=[group(role).pk], is_staff=""),
    )
    assert response.status_code == HTTPStatus.FOUND
    administrator.refresh_from_db()
    assert administrator.first_name == "Davina"  # the rest of the form was saved
    assert snapshot(administrator)[4:] == before[4:]  # flags, password, roles, permissions


def test_superuser_cannot_change_its_own_flags_or_roles(admin_client, admin_user):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[admin_user.pk]),
        change_data(admin_user, groups=[group(MANAGERS).pk], is_superuser="", is_staff=""),
    )
    assert response.status_code == HTTPStatus.FOUND
    admin_user.refresh_from_db()
    assert admin_user.is_superuser and admin_user.is_staff
    assert not admin_user.groups.exists()


@pytest.mark.parametrize("role", [MANAGERS, OFFICERS])
def test_administrator_cannot_grant_a_workflow_role(admin_client_, role):
    user = UserFactory(username="nadia")
    response = admin_client_.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        change_data(user, groups=[group(role).pk]),
    )
    assert response.status_code == HTTPStatus.OK
    assert "Select a valid choice" in response.text
    assert not user.groups.exists()


@pytest.mark.parametrize("role", [MANAGERS, OFFICERS])
def test_administrator_cannot_create_a_workflow_account(admin_client_, role):
    response = admin_client_.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "puppet",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "groups": [group(role).pk],
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "Select a valid choice" in response.text
    assert not User.objects.filter(username="puppet").exists()


def test_administrator_cannot_take_over_a_workflow_account(
    admin_client_, officer_account, manager_account
):
    """Signing in as an officer or a manager would let an administrator act on the workflow."""
    for account in (officer_account, manager_account):
        before = snapshot(account)
        url = reverse("admin:auth_user_password_change", args=[account.pk])
        assert admin_client_.get(url).status_code == HTTPStatus.FORBIDDEN
        response = admin_client_.post(
            url, {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
        change = reverse("admin:accounts_user_change", args=[account.pk])
        page = admin_client_.get(change)
        assert page.status_code == HTTPStatus.OK
        assert "../password/" not in page.text
        response = admin_client_.post(
            change,
            change_data(
                account,
                first_name="Renamed",
                username="mine",
                email="me@example.com",
                groups=[],
                is_staff="on",
            ),
        )
        assert response.status_code == HTTPStatus.FOUND
        after = snapshot(account)
        assert after[2] == "Renamed"  # names can be corrected
        assert after[:2] + after[3:] == before[:2] + before[3:]


def test_administrator_cannot_revert_an_account_from_its_history(admin_client_, officer_account):
    history_id = officer_account.history.latest().history_id
    response = admin_client_.post(
        reverse("admin:accounts_user_simple_history", args=[officer_account.pk, history_id]),
        change_data(officer_account, first_name="Reverted"),
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    officer_account.refresh_from_db()
    assert officer_account.first_name == "Pierre"


def test_administrator_adds_an_administrator_account(admin_client_):
    response = admin_client_.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ngozi",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": "Ngozi",
            "last_name": "Okafor",
            "email": "ngozi@example.gc.ca",
            "job_title": "Data steward",
            "groups": [group(ADMINISTRATORS).pk],
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get(username="ngozi")
    assert user.has_role(ADMINISTRATORS)
    assert user.check_password(NEW_PASSWORD)
    # and then makes it staff, as administrators are
    response = admin_client_.post(
        reverse("admin:accounts_user_change", args=[user.pk]), change_data(user, is_staff="on")
    )
    assert response.status_code == HTTPStatus.FOUND
    user.refresh_from_db()
    assert user.is_staff


def test_administrator_is_offered_only_the_roles_it_may_grant(admin_client_):
    response = admin_client_.get(reverse("admin:accounts_user_add"))
    offered = list(response.context["adminform"].form.fields["groups"].queryset)
    assert [g.name for g in offered] == [ADMINISTRATORS]


def test_superuser_grants_the_managers_role_and_it_is_logged(admin_client, officer_account, caplog):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = admin_client.post(
            reverse("admin:accounts_user_change", args=[officer_account.pk]),
            change_data(officer_account, groups=[group(MANAGERS).pk]),
        )
    assert response.status_code == HTTPStatus.FOUND
    assert list(officer_account.groups.values_list("name", flat=True)) == [MANAGERS]
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    assert "role change user=pierre by=admin added=['Program managers']" in messages
    assert "role change user=pierre by=admin removed=['Policy officers']" in messages


def test_every_kind_of_role_change_is_logged(caplog):
    user = UserFactory(username="lucie")
    managers = group(MANAGERS)
    with caplog.at_level(logging.INFO, logger="portal.security"):
        user.groups.add(managers)
        managers.user_set.remove(user)
        managers.user_set.add(user)
        user.groups.clear()
        user.is_staff = True
        user.save()
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
        user.save(update_fields=["first_name"])  # nothing to log
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    assert messages == [
        "role change user=lucie by=- added=['Program managers']",
        "role change user=lucie by=- removed=['Program managers']",
        "role change user=lucie by=- added=['Program managers']",
        "role change user=lucie by=- removed=['Program managers']",
        "role change user=lucie by=- is_staff=True",
        "role change user=lucie by=- is_superuser=True",
    ]


# --- the lockout list, where the README sends administrators ---


def test_administrator_lifts_a_sign_in_lock(admin_client_):
    attempt = AccessAttempt.objects.create(
        username="olivia", ip_address="192.0.2.1", failures_since_start=5, user_agent="x"
    )
    listing = admin_client_.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == HTTPStatus.OK
    assert "olivia" in listing.text
    response = admin_client_.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not AccessAttempt.objects.exists()
