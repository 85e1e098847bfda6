"""Signing in and out, in both languages; a failed sign-in reveals nothing about the account."""

from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import translation

from accounts.roles import OFFICERS
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def olivia():
    return UserFactory(username="olivia", role=OFFICERS)


def error_summary(response):
    assert response.status_code == HTTPStatus.OK
    text = response.text
    start = text.index('class="error-summary"')
    return text[start : text.index("</div>", start)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_wrong_password_and_unknown_user_get_the_same_message(client, olivia, lang):
    with translation.override(lang):
        url = reverse("login")
    wrong_password = client.post(url, {"username": "olivia", "password": "nope"})
    unknown_user = client.post(url, {"username": "nobody", "password": "nope"})
    assert error_summary(wrong_password) == error_summary(unknown_user)
    expected = (
        "Please enter a correct username and password"
        if lang == "en"
        else "Saisissez un nom d’utilisateur et un mot de passe valides"
    )
    assert expected in error_summary(wrong_password)
    assert "_auth_user_id" not in client.session


def test_wrong_password_keeps_the_username_but_never_the_password(client, olivia):
    response = client.post(reverse("login"), {"username": "olivia", "password": "s3cret-typo"})
    assert 'value="olivia"' in response.text
    assert "s3cret-typo" not in response.text


def test_sign_in_then_out(client, olivia):
    response = client.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == HTTPStatus.OK
    response = client.post(reverse("logout"))
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("dashboard")).status_code == HTTPStatus.FOUND


def test_sign_in_goes_on_to_the_page_asked_for(client, olivia):
    target = reverse("forums:forum_list")
    response = client.get(target)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('login')}?next={target}"
    response = client.post(
        f"{reverse('login')}?next={target}",
        {"username": "olivia", "password": PASSWORD, "next": target},
    )
    assert response["Location"] == target


def test_sign_in_refuses_to_send_you_off_site(client, olivia):
    response = client.post(
        reverse("login"),
        {"username": "olivia", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("dashboard")


def test_login_page_in_french(client):
    with translation.override("fr"):
        response = client.get(reverse("login"))
    assert response.status_code == HTTPStatus.OK
    assert '<html lang="fr">' in response.text
    assert "Se connecter" in response.text
    assert "Nom d’utilisateur" in response.text or "Nom d'utilisateur" in response.text


def test_inactive_account_cannot_sign_in(client):
    UserFactory(username="gone", role=OFFICERS, is_active=False)
    response = client.post(reverse("login"), {"username": "gone", "password": PASSWORD})
    assert response.status_code == HTTPStatus.OK
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("length", [151, 256, 5000])
@pytest.mark.parametrize("login_url", ["login", "admin:login"])
def test_an_overlong_user_name_is_a_wrong_sign_in(client, olivia, settings, login_url, length):
    """Issue 10, finding 8: django-axes records failed user names in a 255-character column, so a
    longer one was a 500 on PostgreSQL. Longer than any account's, it is refused at once."""
    settings.AXES_ENABLED = True
    url = reverse(login_url)
    response = client.post(url, {"username": "o" * length, "password": "nope"})
    wrong = client.post(url, {"username": "nobody", "password": "nope"})
    assert response.status_code == HTTPStatus.OK
    errors = response.context["form"].errors
    assert "correct username and password" in str(errors["__all__"])
    assert errors == wrong.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert not AccessAttempt.objects.filter(username__startswith="ooo").exists()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sign_in_is_laid_out_as_every_portal_form(client, olivia, lang):
    """The shared form renderer and error summary (issue 14 point 2): labels say "(required)",
    an empty submit names what to enter and links each message to its control, which the
    summary (not the user name) takes the focus from."""
    with translation.override(lang):
        url = reverse("login")
    page = client.get(url).text
    required = "(required)" if lang == "en" else "(obligatoire)"
    assert '<label for="id_username">' in page and required in page
    assert "autofocus" in page  # the user name, on a first visit
    response = client.post(url, {"username": "", "password": ""})
    summary = error_summary(response)
    enter = (
        ["Enter your username.", "Enter your password."]
        if lang == "en"
        else ["Entrez votre nom d’utilisateur.", "Entrez votre mot de passe."]
    )
    for anchor, message in zip(["id_username", "id_password"], enter, strict=True):
        assert f'href="#{anchor}"' in summary and message in summary
    assert "This field is required" not in response.text
    assert "Ce champ est obligatoire" not in response.text
    assert 'aria-describedby="id_username_error"' in response.text
    # what was saved? nothing: a sign-in does not say so
    assert "Nothing was saved" not in summary and "Rien n’a été enregistré" not in summary
    main = response.text[response.text.index("<main") :]
    assert main.count("autofocus") == 1 and "autofocus data-error-summary" in main


def test_a_wrong_sign_in_links_to_the_user_name(client, olivia):
    summary = error_summary(client.post(reverse("login"), {"username": "x", "password": "y"}))
    assert 'href="#id_username"' in summary
