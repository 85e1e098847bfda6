"""One user per role, as the permission matrix and most tests need them."""

import pytest
from django.utils import translation

from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from tests.factories import UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="alice", role=OFFICERS)


@pytest.fixture
def other_officer(db):
    return UserFactory(username="bob", role=OFFICERS)


@pytest.fixture
def manager(db):
    return UserFactory(username="carol", role=MANAGERS)


@pytest.fixture
def administrator(db):
    return UserFactory(username="dave", role=ADMINISTRATORS, is_staff=True)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A /fr/ request leaves French active in the test thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache_between_tests():
    """The cache outlives each test's rolled-back database: cached figures must not leak into
    the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
