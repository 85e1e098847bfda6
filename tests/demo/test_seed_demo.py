"""`manage.py seed_demo`: demo accounts and demo data, safe to run twice."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from forums.models import Meeting, OutcomeDocument
from partners.models import Organization

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", "--engagements", "20", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        User.objects.count(),
        Organization.objects.count(),
        Meeting.objects.count(),
        OutcomeDocument.objects.count(),
    )


def test_seed_demo_twice_creates_nothing_more(settings):
    settings.DEMO_PASSWORD = "demo-Password-2014"
    output = seed()
    assert "Demo accounts created: officer, manager, admin" in output
    assert "demo-Password-2014" not in output  # from the environment: never printed
    first = snapshot()
    assert first[2] > 100  # demo meetings
    seed()
    assert snapshot() == first
    for username, role in [("officer", OFFICERS), ("manager", MANAGERS), ("admin", ADMINISTRATORS)]:
        user = User.objects.get(username=username)
        assert user.has_role(role)
        assert user.check_password("demo-Password-2014")
    assert User.objects.get(username="admin").is_staff


def test_generated_password_is_printed_once(settings):
    settings.DEMO_PASSWORD = ""
    output = seed("--if-empty")
    assert "Password (shown once):" in output
    password = output.split("Password (shown once):")[1].split()[0]
    assert User.objects.get(username="officer").check_password(password)
    again = seed("--if-empty")
    assert "Password" not in again
    assert "left as it is" in again
