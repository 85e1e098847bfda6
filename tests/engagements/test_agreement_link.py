"""Engagements linked to the contribution agreement they served: the form's rule (only an agreement
in force on the engagement's dates), the list filter, the detail pages on both sides, who sees
which linked engagement, PROTECT, and query counts that do not grow with the links."""

import datetime
from http import HTTPStatus
from io import StringIO

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from demo.agreement_links import link_agreements
from engagements.models import Engagement
from partners.models import ContributionAgreement
from tests.engagements.factories import EngagementFactory
from tests.engagements.test_views import form_data
from tests.forums.factories import MeetingFactory
from tests.partners.factories import AgreementFactory

Status = Engagement.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(
        start_date=datetime.date(2014, 6, 10), end_date=datetime.date(2014, 6, 12)
    )


@pytest.fixture
def agreement():
    return AgreementFactory(
        number="IOM-AC",
        start_date=datetime.date(2014, 4, 1),
        end_date=datetime.date(2015, 3, 31),
    )


# --- the form ---------------------------------------------------------------------------------


def test_form_offers_agreements_grouped_by_transfer_payment(officer_client, agreement):
    AgreementFactory(number="DRAFT-1", status=ContributionAgreement.Status.DRAFT)
    content = officer_client.get(reverse("engagements:create")).content.decode()
    assert f'<optgroup label="{agreement.transfer_payment.name_en}">' in content
    assert "IOM-AC — " in content
    assert "1 April 2014 – 31 March 2015" in content
    assert "DRAFT-1" not in content  # a draft is not in force: not offered


def test_link_an_agreement_in_force(officer_client, officer, meeting, agreement):
    response = officer_client.post(
        reverse("engagements:create"), form_data(officer, meeting=meeting, agreement=agreement.pk)
    )
    assert response.status_code == HTTPStatus.FOUND
    engagement = Engagement.objects.get()
    assert engagement.agreement == agreement
    latest = engagement.history.latest()
    assert latest.agreement_id == agreement.pk


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2015, 3, 31), datetime.date(2015, 4, 2)),  # ends after the agreement
        (datetime.date(2014, 3, 30), datetime.date(2014, 4, 1)),  # starts before it
        (datetime.date(2016, 6, 1), datetime.date(2016, 6, 1)),  # entirely outside
    ],
)
def test_agreement_not_in_force_on_the_dates_is_refused_beside_the_field(
    officer_client, officer, agreement, start, end
):
    meeting = MeetingFactory(start_date=start, end_date=end)
    response = officer_client.post(
        reverse("engagements:create"), form_data(officer, meeting=meeting, agreement=agreement.pk)
    )
    assert response.status_code == HTTPStatus.OK
    assert not Engagement.objects.exists()
    form = response.context["form"]
    assert form.errors["agreement"] == [
        "Agreement IOM-AC was not in force on the engagement's dates: it ran from 1 April 2014 "
        "to 31 March 2015. Choose an agreement in force on those dates, or none."
    ]
    summary = response.context["error_summary"]
    assert any(item["anchor"] == "id_agreement" for item in summary)


def test_agreement_rule_in_french(client, officer, meeting):
    agreement = AgreementFactory(
        number="GFMD-1", start_date=datetime.date(2013, 7, 1), end_date=datetime.date(2014, 3, 1)
    )
    client.force_login(officer)
    with translation.override("fr"):
        url = reverse("engagements:create")
    response = client.post(url, form_data(officer, meeting=meeting, agreement=agreement.pk))
    message = response.context["form"].errors["agreement"][0]
    assert message == (
        "L’accord GFMD-1 n’était pas en vigueur aux dates de l’activité\u00a0: il allait du "
        "1er juillet 2013 au 1er mars 2014. Choisissez un accord en vigueur à ces dates, ou aucun."
    )


def test_draft_agreement_is_refused(officer, meeting):
    """The model refuses a draft too (the form does not offer one; an admin edit or a crafted
    POST could still try)."""
    draft = AgreementFactory(
        number="D-1",
        status=ContributionAgreement.Status.DRAFT,
        start_date=datetime.date(2014, 4, 1),
        end_date=datetime.date(2015, 3, 31),
    )
    engagement = EngagementFactory(meeting=meeting, lead_officer=officer, agreement=draft)
    assert "still a draft" in engagement.agreement_error()


def test_agreement_cannot_be_deleted_while_engagements_name_it(officer, meeting, agreement):
    EngagementFactory(meeting=meeting, lead_officer=officer, agreement=agreement)
    with pytest.raises(ProtectedError):
        agreement.delete()


# --- the engagement side --------------------------------------------------------------------------


def test_engagement_detail_shows_the_agreement(officer_client, officer, meeting, agreement):
    engagement = EngagementFactory(meeting=meeting, lead_officer=officer, agreement=agreement)
    response = officer_client.get(engagement.get_absolute_url())
    assert f'href="{agreement.get_absolute_url()}"' in response.content.decode()


def test_engagements_list_filters_by_agreement(officer_client, officer, meeting, agreement):
    linked = EngagementFactory(
        meeting=meeting, lead_officer=officer, agreement=agreement, summary="Linked one"
    )
    EngagementFactory(meeting=meeting, lead_officer=officer, summary="Not linked")
    response = officer_client.get(reverse("engagements:list"), {"agreement": agreement.pk})
    rows = list(response.context["table"].data)
    assert rows == [linked]


# --- the agreement side -------------------------------------------------------------------------


def test_agreement_page_lists_only_what_the_officer_may_see(
    officer_client, officer, other_officer, meeting, agreement
):
    mine = EngagementFactory(meeting=meeting, lead_officer=officer, agreement=agreement)
    approved = EngagementFactory(
        meeting=meeting, lead_officer=other_officer, agreement=agreement, status=Status.APPROVED
    )
    others_draft = EngagementFactory(
        meeting=meeting, lead_officer=other_officer, agreement=agreement, status=Status.DRAFT
    )
    response = officer_client.get(agreement.get_absolute_url())
    content = response.content.decode()
    linked = response.context["linked"]
    assert linked["count"] == 2
    assert set(linked["rows"]) == {mine, approved}
    assert others_draft.get_absolute_url() not in content
    assert "2 engagements that you can see are linked to this agreement." in content
    assert f"{reverse('engagements:list')}?agreement={agreement.pk}" in content


def test_agreement_page_for_a_manager_counts_every_linked_engagement(
    manager_client, officer, other_officer, meeting, agreement
):
    EngagementFactory(meeting=meeting, lead_officer=officer, agreement=agreement)
    EngagementFactory(meeting=meeting, lead_officer=other_officer, agreement=agreement)
    response = manager_client.get(agreement.get_absolute_url())
    assert response.context["linked"]["count"] == 2


def test_agreement_page_without_linked_engagements_says_so_in_french(client, manager, agreement):
    client.force_login(manager)
    with translation.override("fr"):
        url = agreement.get_absolute_url()
    content = client.get(url).content.decode()
    assert "Aucune activité que vous pouvez voir n’est encore liée à cet accord." in content


def test_agreement_page_shows_the_latest_and_counts_them_all(
    manager_client, officer, meeting, agreement, django_assert_max_num_queries
):
    for _ in range(3):
        EngagementFactory(meeting=meeting, lead_officer=officer, agreement=agreement)
    url = agreement.get_absolute_url()
    from tests.partners.test_agreements_queries import DETAIL_QUERIES

    with django_assert_max_num_queries(DETAIL_QUERIES):
        manager_client.get(url)
    for _ in range(25):
        EngagementFactory(meeting=meeting, lead_officer=officer, agreement=agreement)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = manager_client.get(url)
    linked = response.context["linked"]
    assert linked["count"] == 28
    assert len(linked["rows"]) == linked["limit"] == 10
    assert "See all 28 engagements in the engagements list" in response.content.decode()


# --- demo data ----------------------------------------------------------------------------------


def test_demo_links_only_valid_pairs_and_twice_changes_nothing(officer):
    """The real IOM assessed contribution (data migration) and the real IOM Council (reference
    data): a share of the Council's engagements within the agreement's years gets linked."""
    from forums.models import Forum

    council = Forum.objects.get(acronym_en="IOM Council")
    dues = ContributionAgreement.objects.get(number="CIC-IOM-AC-2012")
    inside = [
        EngagementFactory(
            meeting=MeetingFactory(
                forum=council,
                start_date=datetime.date(2013, 11, day),
                end_date=datetime.date(2013, 11, day),
            ),
            lead_officer=officer,
        )
        for day in range(1, 21)
    ]
    outside = EngagementFactory(
        meeting=MeetingFactory(
            forum=council, start_date=datetime.date(2018, 5, 1), end_date=datetime.date(2018, 5, 1)
        ),
        lead_officer=officer,
    )
    elsewhere = EngagementFactory(lead_officer=officer)  # another forum
    first = link_agreements(stdout=StringIO())
    assert 0 < first < len(inside)  # a share, not all
    assert Engagement.objects.filter(agreement=dues).count() == first
    outside.refresh_from_db()
    elsewhere.refresh_from_db()
    assert outside.agreement is None and elsewhere.agreement is None
    assert all(
        e.agreement_error() is None
        for e in Engagement.objects.filter(agreement__isnull=False).select_related("agreement")
    )
    assert link_agreements(stdout=StringIO()) == 0
