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
            # Each test says which cache and how many workers.
            "CACHE_URL",
            "WEB_CONCURRENCY",
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


PRODUCTION = {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "portal.example"}


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("SECURE_SSL_REDIRECT", "config.settings.production"),
        ("DEBUG", "config.settings.local"),
        ("DEBUG", "config.settings.production"),
    ],
)
@pytest.mark.parametrize("value", ["ture", "yes", "1", "on", "", "false please"])
def test_a_boolean_is_true_or_false_and_nothing_else(name, module, value):
    result = run(["manage.py", "check"], settings_module=module, **PRODUCTION, **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name} must be true or false, not {value!r}" in result.stderr


def test_true_and_false_in_any_case_are_understood():
    assert read_settings(["SECURE_SSL_REDIRECT"], **PRODUCTION, SECURE_SSL_REDIRECT="False") == {
        "SECURE_SSL_REDIRECT": False
    }
    assert read_settings(["SECURE_SSL_REDIRECT"], **PRODUCTION, SECURE_SSL_REDIRECT=" TRUE ") == {
        "SECURE_SSL_REDIRECT": True
    }


def test_several_workers_with_a_per_process_cache_are_refused():
    result = run(["manage.py", "check"], **PRODUCTION, WEB_CONCURRENCY="3")
    assert result.returncode != 0
    assert "3 workers with the per-process (local-memory) cache" in result.stderr
    assert "CACHE_URL" in result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {},  # gunicorn's default: one worker
        {"WEB_CONCURRENCY": "1"},
        {"WEB_CONCURRENCY": "3", "CACHE_URL": "redis://127.0.0.1:6379/0"},
    ],
)
def test_one_worker_or_a_shared_cache_starts(env):
    assert read_settings(["DEBUG"], **PRODUCTION, **env) == {"DEBUG": False}


def test_gunicorn_with_several_workers_and_a_per_process_cache_stops_at_start_up():
    """However the workers are given (here --workers, which the settings cannot see),
    gunicorn.conf.py hands the count to the settings before any worker starts."""
    result = run(
        ["-m", "gunicorn", "config.wsgi", "--bind", "127.0.0.1:0", "--workers", "2"],
        **PRODUCTION,
    )
    assert result.returncode != 0
    assert "The portal cannot start: 2 workers with the per-process" in result.stderr


NO_FOLDER = """
import importlib, os, sys
made = []
def refuse(path, *args, **kwargs):
    made.append(str(path))
    raise AssertionError(f"a folder was created at import: {path}")
os.mkdir = refuse
os.makedirs = refuse
importlib.import_module(sys.argv[1])
print("no folder made")
"""


@pytest.mark.parametrize(
    "module",
    [
        "config.settings.base",
        "config.settings.local",
        "config.settings.test",
        "config.settings.production",
    ],
)
def test_importing_the_settings_creates_no_folder(module):
    result = run(["-c", NO_FOLDER, module], settings_module=module, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no folder made" in result.stdout


def sqlite_at(path):
    from django.db import connections

    default = connections["default"]
    return type(default)({**default.settings_dict, "NAME": str(path)}, "default")


@pytest.mark.django_db
def test_the_var_folder_is_made_when_the_database_is_first_opened(tmp_path, settings):
    settings.VAR_DIR = tmp_path / "var"
    probe = sqlite_at(settings.VAR_DIR / "portal.sqlite3")
    if probe.vendor != "sqlite":
        pytest.skip("the SQLite backend only")
    probe.ensure_connection()
    probe.close()
    assert (settings.VAR_DIR / "portal.sqlite3").exists()


@pytest.mark.django_db
def test_no_other_folder_is_made_for_the_database(tmp_path, settings):
    from django.db import OperationalError

    settings.VAR_DIR = tmp_path / "var"
    probe = sqlite_at(tmp_path / "mistyped" / "portal.sqlite3")
    if probe.vendor != "sqlite":
        pytest.skip("the SQLite backend only")
    with pytest.raises(OperationalError):
        probe.ensure_connection()
    assert not (tmp_path / "mistyped").exists()
