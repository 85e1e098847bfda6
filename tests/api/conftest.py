import io

import pytest
from django.core.management import call_command

from accounts.models import User
from api.services import create_token

ROLE_USERS = {"officer": "officer", "manager": "manager", "administrator": "admin"}


@pytest.fixture
def demo(db):
    """The demo data (demo accounts included) at a small size."""
    call_command("seed_demo", "--engagements", "60", "--seed", "3", stdout=io.StringIO())
    return {role: User.objects.get(username=name) for role, name in ROLE_USERS.items()}


@pytest.fixture
def tokens(demo):
    """A token per demo role, in clear."""
    return {role: create_token(user=user, name=role, days=30)[1] for role, user in demo.items()}


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
