"""Dates outside the portal's fiscal years (core.fiscal: 2000-04-01 to 2101-03-31) get a clear
message wherever a date is entered, and the database refuses them (issue 10, finding 5)."""

import datetime
from http import HTTPStatus

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.fiscal import FIRST_DAY, LAST_DAY
from engagements.models import Engagement
from forums.models import Meeting, OutcomeDocument
from indicators.models import Target
from partners.models import ContributionAgreement, ReportingRequirement
from tests.engagements.factories import EngagementFactory
from tests.engagements.test_views import form_data
from tests.forums.factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ["1999-06-01", "2101-06-01", "0001-01-01", "9999-12-31", "2000-03-31", "2101-04-01"]
MESSAGE = "Enter a date between 2000-04-01 and 2101-03-31."


def test_the_range_is_the_fiscal_years():
    assert datetime.date(2000, 4, 1) == FIRST_DAY
    assert datetime.date(2101, 3, 31) == LAST_DAY


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_engagement_form_refuses_out_of_range_start(officer_client, officer, day):
    data = form_data(officer, start_date=day, end_date=day)
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert MESSAGE in response.content.decode()
    assert not Engagement.objects.exists()


def test_the_edges_of_the_range_are_accepted(officer_client, officer):
    meeting = MeetingFactory(start_date=FIRST_DAY, end_date=FIRST_DAY)
    data = form_data(officer, meeting=meeting)
    assert officer_client.post(reverse("engagements:create"), data).status_code == HTTPStatus.FOUND
    assert Engagement.objects.get().fiscal_year == 2000


def test_error_in_french(client, officer):
    client.force_login(officer)
    data = form_data(officer, start_date="0001-01-01")
    response = client.post("/fr/engagements/new/", data)
    assert "Saisissez une date entre le 2000-04-01 et le 2101-03-31." in response.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_new_meeting_fieldset_refuses_out_of_range_dates(officer_client, officer, day):
    forum = ForumFactory()
    data = form_data(officer, meeting=MeetingFactory(forum=forum))
    data.update(
        meeting="",
        forum=forum.pk,
        **{
            "new_meeting-name_en": "Ancient session",
            "new_meeting-name_fr": "Séance ancienne",
            "new_meeting-start_date": day,
            "new_meeting-end_date": day,
        },
    )
    before = Meeting.objects.count()
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert MESSAGE in response.content.decode()
    assert Meeting.objects.count() == before
    assert not Engagement.objects.exists()


def test_portal_dates_are_typed_as_their_hint_says_and_checked_by_the_server(officer_client):
    """A text box with the format in its hint (GCDS date input): no browser date picker, whose
    format follows the browser's language and not the page's; the range is the server's check."""
    content = officer_client.get(reverse("engagements:create")).content.decode()
    assert '<input type="text" name="start_date"' in content
    assert 'type="date"' not in content
    assert "Year, month and day, for example 2025-03-31." in content


def _admin_post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK, "the admin form should come back with errors"
    assert MESSAGE in response.content.decode()


def test_admin_meeting_with_year_one_is_refused(admin_client):
    forum = ForumFactory()
    before = Meeting.objects.count()
    _admin_post(
        admin_client,
        reverse("admin:forums_meeting_add"),
        {
            "forum": forum.pk,
            "name_en": "Year one",
            "name_fr": "An un",
            "start_date": "0001-01-01",
            "end_date": "0001-01-02",
            "outcome_documents-TOTAL_FORMS": "0",
            "outcome_documents-INITIAL_FORMS": "0",
        },
    )
    assert Meeting.objects.count() == before


def test_admin_agreement_out_of_range_is_refused(admin_client):
    agreement = ContributionAgreement.objects.first()
    url = reverse("admin:partners_contributionagreement_change", args=[agreement.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "end_date": "9999-12-31",
            "start_date": agreement.start_date.isoformat(),
            "amounts-TOTAL_FORMS": "0",
            "amounts-INITIAL_FORMS": "0",
            "reports-TOTAL_FORMS": "0",
            "reports-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert MESSAGE in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.end_date.year < 9999


def test_admin_target_year_out_of_range_is_refused(admin_client):
    target = Target.objects.first()
    url = reverse("admin:indicators_target_change", args=[target.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["target_year"] = "1999"
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["target_year"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_agreements_date_filter_refuses_out_of_range(manager_client, day):
    response = manager_client.get(reverse("partners:agreement_list"), {"active_on": day})
    assert response.status_code == HTTPStatus.OK
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "model,factory_row,field",
    [
        (Meeting, lambda: MeetingFactory(), "start_date"),
        (Meeting, lambda: MeetingFactory(), "end_date"),
        (Engagement, lambda: EngagementFactory(), "start_date"),
        (Engagement, lambda: EngagementFactory(), "end_date"),
        (ContributionAgreement, lambda: ContributionAgreement.objects.first(), "start_date"),
        (ContributionAgreement, lambda: ContributionAgreement.objects.first(), "end_date"),
    ],
)
def test_the_database_refuses_out_of_range_dates(model, factory_row, field):
    row = factory_row()
    day = datetime.date(1, 1, 1) if field == "start_date" else datetime.date(9999, 12, 31)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: day})


def test_the_database_refuses_other_out_of_range_dates():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeDocument.objects.create(
            meeting=meeting, title_en="Old", title_fr="Vieux", adopted_on=datetime.date(1, 1, 1)
        )
    agreement = ContributionAgreement.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingRequirement.objects.create(
            agreement=agreement, kind="final", due_date=datetime.date(9999, 1, 1)
        )
    target = Target.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(target_year=1999)


def test_reference_data_lies_in_the_range():
    """The data migrations' forums, meetings, agreements and targets satisfy the constraints."""
    assert Meeting.objects.exists() and ContributionAgreement.objects.exists()
    for model, fields in [
        (Meeting, ["start_date", "end_date"]),
        (ContributionAgreement, ["start_date", "end_date"]),
    ]:
        for field in fields:
            days = model.objects.values_list(field, flat=True)
            assert all(FIRST_DAY <= day <= LAST_DAY for day in days), (model, field)
    years = Target.objects.exclude(target_year=None).values_list("target_year", flat=True)
    assert all(2000 <= year <= 2101 for year in years)
