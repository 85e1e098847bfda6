"""A user reads as their full name, else their username: `str(user)` everywhere (pages,
tables, filters, history), one definition in accounts.models.User.__str__."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_str_is_the_full_name_else_the_username():
    assert str(UserFactory(username="odile", first_name="Odile", last_name="Roy")) == "Odile Roy"
    assert str(UserFactory(username="nameless", first_name="", last_name="")) == "nameless"


def test_pages_name_users_by_str(manager_client):
    lead = UserFactory(username="nameless", first_name="", last_name="")
    delegate = UserFactory(username="odile", first_name="Odile", last_name="Roy")
    engagement = EngagementFactory(lead_officer=lead)
    engagement.delegation.add(delegate)
    html = manager_client.get(reverse("engagements:detail", args=[engagement.pk])).content.decode()
    assert "<dd>nameless</dd>" in html
    assert "Odile Roy" in html
