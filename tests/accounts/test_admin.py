"""The user admin: administrators manage accounts and roles, but only a superuser can grant what
bypasses the roles (superuser status, per-user permissions)."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


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
    data.update(overrides)
    return data


def test_user_list_shows_translated_roles_and_searches(admin_client_):
    UserFactory(username="olivia", first_name="Olivia", role=OFFICERS)
    response = admin_client_.get(reverse("admin:accounts_user_changelist"), {"q": "olivia"})
    assert response.status_code == HTTPStatus.OK
    assert "Policy officers" in response.text


def test_administrator_cannot_make_anyone_superuser(admin_client_, administrator):
    response = admin_client_.post(
        reverse("admin:accounts_user_change", args=[administrator.pk]),
        change_data(administrator, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == HTTPStatus.FOUND
    administrator.refresh_from_db()
    assert not administrator.is_superuser


def test_administrator_changes_a_role(admin_client_):
    user = UserFactory(username="pierre", role=OFFICERS)
    managers = Group.objects.get(name=MANAGERS)
    response = admin_client_.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        change_data(user, groups=[managers.pk]),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert list(user.groups.values_list("name", flat=True)) == [MANAGERS]


def test_superuser_can_grant_superuser(admin_client):
    user = UserFactory(username="amira", role=ADMINISTRATORS, is_staff=True)
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        change_data(user, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == HTTPStatus.FOUND
    user.refresh_from_db()
    assert user.is_superuser


def test_administrator_adds_an_account_with_its_role(admin_client_):
    officers = Group.objects.get(name=OFFICERS)
    response = admin_client_.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ngozi",
            "usable_password": "true",
            "password1": "a-long-Unusual-passphrase-42",
            "password2": "a-long-Unusual-passphrase-42",
            "first_name": "Ngozi",
            "last_name": "Okafor",
            "email": "ngozi@example.gc.ca",
            "job_title": "Policy Officer",
            "groups": [officers.pk],
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get(username="ngozi")
    assert user.has_role(OFFICERS)
    assert user.check_password("a-long-Unusual-passphrase-42")
