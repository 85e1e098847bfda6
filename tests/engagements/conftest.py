import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """A French request activates French for the thread; start every test in English."""
    translation.activate("en")
    yield
    translation.activate("en")
