import pytest

from accounts.roles import MANAGERS, OFFICERS
from tests.accounts.factories import UserFactory


@pytest.fixture
def second_manager(db):
    return UserFactory(username="erin", role=MANAGERS)


@pytest.fixture
def french_officer(db):
    return UserFactory(username="francine", role=OFFICERS, preferred_language="fr")
