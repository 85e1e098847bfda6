"""Small errors found on the engagement list (issue 14, points 3 and 7), one test each."""

import re

import pytest
from django.urls import reverse

from engagements.models import Engagement
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def listed(client, **query):
    response = client.get(reverse("engagements:list"), query)
    return {row.record.pk for row in response.context["table"].paginated_rows}


@pytest.mark.parametrize("search", ["Olivia", "tremblay", "Olivia Tremblay"])
def test_searching_an_officers_name_finds_what_they_lead_or_joined(manager_client, search):
    olivia = UserFactory(first_name="Olivia", last_name="Tremblay")
    led = EngagementFactory(lead_officer=olivia, status=Engagement.Status.APPROVED)
    joined = EngagementFactory(status=Engagement.Status.APPROVED)
    joined.delegation.add(olivia)
    other = EngagementFactory(status=Engagement.Status.APPROVED)
    found = listed(manager_client, q=search)
    assert {led.pk, joined.pk} <= found
    assert other.pk not in found


def test_the_list_says_what_a_manager_sees(manager_client):
    manager_html = manager_client.get(reverse("engagements:list")).content.decode()
    assert "The engagements of every officer, whatever their status" in manager_html
    assert "your own drafts" not in manager_html


def test_the_list_says_what_an_officer_sees(officer_client):
    officer_html = officer_client.get(reverse("engagements:list")).content.decode()
    assert "Approved engagements of every officer, and the drafts" in officer_html


@pytest.mark.parametrize("url_name", ["engagements:list", "forums:meeting_list"])
def test_choice_filters_offer_no_none(manager_client, url_name):
    html = manager_client.get(reverse(url_name)).content.decode()
    select = re.search(r'<select name="fiscal_year".*?</select>', html, re.S).group(0)
    options = re.findall(r">([^<]+)</option>", select)
    assert options[0] == "All" and "None" not in options
    assert 'value="null"' not in html


def test_the_rows_main_link_is_the_engagements_name(manager_client):
    engagement = EngagementFactory(status=Engagement.Status.APPROVED)
    html = manager_client.get(reverse("engagements:list")).content.decode()
    link = re.search(rf'<a href="{engagement.get_absolute_url()}">([^<]+)</a>', html).group(1)
    assert link == str(engagement.meeting.name)
    assert "status" in re.search(r'<span class="status[^"]*"', html).group(0)
