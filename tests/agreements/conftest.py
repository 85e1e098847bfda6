import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """A /fr/ request leaves French active in the thread; each test starts in English."""
    with translation.override("en"):
        yield
