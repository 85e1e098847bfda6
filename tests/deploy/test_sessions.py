"""Sessions end after the configured idle time and on sign-out; admin is for staff only;
passwords are checked by Django's validators."""

import datetime
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_each_request_pushes_the_idle_deadline_back(officer_client):
    officer_client.get(reverse("dashboard"))
    session = Session.objects.get()
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs(session.expire_date - expected) < datetime.timedelta(seconds=30)


def test_an_idle_session_is_signed_out(officer_client):
    assert officer_client.get(reverse("dashboard")).status_code == HTTPStatus.OK
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = officer_client.get(reverse("dashboard"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("login"))


def test_sign_out_clears_the_session(officer_client):
    assert officer_client.get(reverse("logout")).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    response = officer_client.post(reverse("logout"))
    assert response.status_code == HTTPStatus.FOUND
    assert not Session.objects.exists()
    assert officer_client.get(reverse("dashboard")).status_code == HTTPStatus.FOUND


def test_the_session_cookie_is_not_readable_by_scripts(client, officer):
    client.post(
        reverse("login"),
        {"username": officer.username, "password": "correct horse battery staple"},
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_django_admin_is_for_staff_only(client, officer, administrator):
    client.force_login(officer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


@pytest.mark.parametrize("password", ["short", "password123", "12345678901", "{email}"])
def test_weak_passwords_are_refused(officer, password):
    with pytest.raises(ValidationError):
        validate_password(password.format(email=officer.email), user=officer)
