"""An engagement at a meeting overlaps the meeting's dates and counts in its fiscal year."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from engagements.models import Engagement
from tests.engagements.factories import EngagementFactory
from tests.forums.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_dates_outside_the_meeting_are_refused():
    meeting = MeetingFactory(
        start_date=datetime.date(2014, 10, 6), end_date=datetime.date(2014, 10, 10)
    )
    engagement = EngagementFactory.build(
        meeting=meeting,
        forum=meeting.forum,
        lead_officer=EngagementFactory().lead_officer,
        start_date=datetime.date(2016, 5, 1),
        end_date=datetime.date(2016, 5, 1),
    )
    engagement.created_by = engagement.lead_officer
    with pytest.raises(ValidationError) as error:
        engagement.full_clean()
    assert "must overlap the meeting's" in error.value.message_dict["start_date"][0]
    engagement.start_date = datetime.date(2014, 10, 3)  # arrived early, stayed for the first day
    engagement.end_date = datetime.date(2014, 10, 6)
    engagement.full_clean()


def test_the_fiscal_year_is_the_meeting_s():
    # a meeting that spans 31 March: an engagement on its last day counts in the meeting's year
    meeting = MeetingFactory(
        start_date=datetime.date(2015, 3, 30), end_date=datetime.date(2015, 4, 2)
    )
    engagement = EngagementFactory(
        meeting=meeting, start_date=datetime.date(2015, 4, 1), end_date=datetime.date(2015, 4, 2)
    )
    assert engagement.fiscal_year == 2014
    meeting.start_date = datetime.date(2015, 4, 1)  # corrected: the engagements follow
    meeting.save()
    engagement.refresh_from_db()
    assert engagement.fiscal_year == 2015


def test_the_form_says_so_and_saves_nothing(officer_client, officer):
    from tests.engagements.test_views import form_data

    meeting = MeetingFactory(
        start_date=datetime.date(2014, 10, 6), end_date=datetime.date(2014, 10, 10)
    )
    data = form_data(officer, meeting=meeting)
    data["start_date"] = data["end_date"] = "2016-05-01"
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert "must overlap the meeting" in response.content.decode()
    assert not Engagement.objects.exists()
