"""Production settings: refuse to start without their secrets, DEBUG off, `check --deploy` clean,
and the security headers on every response. Settings modules run in a subprocess, so each is read
exactly as gunicorn would read it."""

import json
import os
import subprocess
import sys
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = settings.BASE_DIR
SECRET = "x" * 10 + "production-test-secret-key-with-enough-different-characters-0123456789"
PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name) for name in %r}, default=str))
"""


def run(args, *, settings_module="config.settings.production", **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "SESSION_IDLE_SECONDS",
            # Set by the browser-test harness; a deployment must not have it.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(names, **env):
    result = run(["-c", PRINT_SETTINGS % (names,)], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "portal.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": SECRET}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": SECRET, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set" in result.stderr


def test_production_is_hardened_even_if_debug_is_asked_for():
    values = read_settings(
        [
            "DEBUG",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SESSION_COOKIE_HTTPONLY",
            "SECURE_CONTENT_TYPE_NOSNIFF",
            "X_FRAME_OPTIONS",
        ],
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="portal.example",
        DEBUG="true",
    )
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
    }


def test_debug_is_off_by_default_outside_local_development():
    assert read_settings(["DEBUG"], settings_module="config.settings.base")["DEBUG"] is False
    assert read_settings(["DEBUG"], settings_module="config.settings.local")["DEBUG"] is True


def test_the_idle_timeout_comes_from_the_environment():
    values = read_settings(
        ["SESSION_COOKIE_AGE", "SESSION_SAVE_EVERY_REQUEST"],
        settings_module="config.settings.local",
        SESSION_IDLE_SECONDS="600",
    )
    assert values == {"SESSION_COOKIE_AGE": 600, "SESSION_SAVE_EVERY_REQUEST": True}


def test_check_deploy_is_clean_with_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="portal.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    """Through the production settings module, over HTTPS as the proxy in front reports it."""
    code = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=True)
page = client.get("/en/accounts/login/", secure=True)
plain = client.get("/en/accounts/login/")
print(json.dumps({
    "status": page.status_code,
    "hsts": page.headers.get("Strict-Transport-Security"),
    "csrf_secure": bool(page.cookies["csrftoken"]["secure"]),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
}))
"""
    result = run(
        ["-c", code],
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == HTTPStatus.OK
    assert answer["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert answer["csrf_secure"] is True
    # Plain HTTP is sent to HTTPS.
    assert answer["plain_status"] == HTTPStatus.MOVED_PERMANENTLY
    assert answer["plain_location"] == "https://testserver/en/accounts/login/"


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_every_response_carries_the_security_headers(client, officer, signed_in):
    if signed_in:
        client.force_login(officer)
        url = reverse("dashboard")
    else:
        url = reverse("login")
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    )
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert csp["form-action"] == "'self'"
