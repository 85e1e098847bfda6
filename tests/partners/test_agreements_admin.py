"""Administrators maintain agreements in Django admin: every bad input is a message, never a 500."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import ContributionAgreement
from tests.partners.factories import (
    AgreementFactory,
    AmountFactory,
    OrganizationFactory,
    TransferPaymentFactory,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:partners_contributionagreement_add")


def form_data(*, amounts=(), reports=(), **overrides):
    data = {
        "number": "ADM-1",
        "transfer_payment": TransferPaymentFactory().pk,
        "status": "active",
        "responsible_officer": "",
        "recipient": OrganizationFactory().pk,
        "recipient_other_en": "",
        "recipient_other_fr": "",
        "purpose_en": "Policy research.",
        "purpose_fr": "Recherche sur les politiques.",
        "start_date": "2014-04-01",
        "end_date": "2016-03-31",
        "total_amount": "200000.00",
        "amounts-TOTAL_FORMS": str(len(amounts)),
        "amounts-INITIAL_FORMS": "0",
        "amounts-MIN_NUM_FORMS": "0",
        "amounts-MAX_NUM_FORMS": "1000",
        "reports-TOTAL_FORMS": str(len(reports)),
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
    }
    for i, (year, authorized, actual) in enumerate(amounts):
        data |= {
            f"amounts-{i}-fiscal_year": str(year),
            f"amounts-{i}-authorized": authorized,
            f"amounts-{i}-actual": actual,
        }
    for i, (kind, due, received) in enumerate(reports):
        data |= {
            f"reports-{i}-kind": kind,
            f"reports-{i}-description": "",
            f"reports-{i}-due_date": due,
            f"reports-{i}-received_date": received,
        }
    data |= overrides
    return data


def test_administrator_creates_an_agreement_with_amounts_and_reports(admin_client_):
    response = admin_client_.post(
        ADD_URL,
        form_data(
            amounts=[(2014, "100000.00", "99500.00"), (2015, "100000.00", "")],
            reports=[("financial", "2015-05-31", "2015-05-20")],
        ),
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    agreement = ContributionAgreement.objects.get(number="ADM-1")
    assert agreement.amounts.count() == 2 and agreement.reports.count() == 1
    assert agreement.history.count() == 1
    assert agreement.amounts.get(fiscal_year=2015).actual is None


@pytest.mark.parametrize(
    ("case", "data", "message"),
    [
        (
            "end before start",
            {"end_date": "2014-03-31"},
            "The end date cannot be before the start date.",
        ),
        ("negative total", {"total_amount": "-1"}, "greater than or equal to 0"),
        ("over-precise total", {"total_amount": "10.123"}, "no more than 2 decimal places"),
        ("no recipient", {"recipient": ""}, "Choose the recipient organization"),
        (
            "year outside dates",
            {"amounts": [(2016, "1000.00", "")]},
            "Fiscal year 2016-17 is outside the agreement",
        ),
        (
            "actual above authorized",
            {"amounts": [(2014, "1000.00", "1000.01")]},
            "The actual amount cannot exceed the authorized amount.",
        ),
        (
            "authorities above total",
            {"amounts": [(2014, "150000.00", ""), (2015, "50000.01", "")]},
            "add up to $200,000.01, more than the agreement&#x27;s total amount of $200,000.00",
        ),
        (
            "two rows for one year",
            {"amounts": [(2014, "1.00", ""), (2014, "2.00", "")]},
            "Please correct the duplicate data for fiscal_year",
        ),
        ("negative amount", {"amounts": [(2014, "-1.00", "")]}, "greater than or equal to 0"),
        (
            "over-precise amount",
            {"amounts": [(2014, "1.001", "")]},
            "no more than 2 decimal places",
        ),
        (
            "report before start",
            {"reports": [("final", "2015-01-01", "2014-01-01")]},
            "A report cannot be received before the agreement starts",
        ),
    ],
)
def test_bad_input_is_a_message_naming_the_field(admin_client_, case, data, message):
    amounts = data.pop("amounts", ())
    reports = data.pop("reports", ())
    response = admin_client_.post(ADD_URL, form_data(amounts=amounts, reports=reports, **data))
    assert response.status_code == HTTPStatus.OK, case
    assert message in response.content.decode(), case
    assert not ContributionAgreement.objects.filter(number="ADM-1").exists()


def test_duplicate_number_is_a_message(admin_client_):
    AgreementFactory(number="ADM-1")
    response = admin_client_.post(ADD_URL, form_data())
    assert response.status_code == HTTPStatus.OK
    assert "already exists" in response.content.decode()


def test_lowering_the_total_below_existing_authorities_is_refused(admin_client_):
    agreement = AgreementFactory(number="ADM-2", total_amount="300000.00")
    amount = AmountFactory(agreement=agreement, fiscal_year=2014, authorized="250000.00")
    data = form_data(number="ADM-2", total_amount="200000.00") | {
        "transfer_payment": agreement.transfer_payment_id,
        "recipient": agreement.recipient_id,
        "amounts-TOTAL_FORMS": "1",
        "amounts-INITIAL_FORMS": "1",
        "amounts-0-id": str(amount.pk),
        "amounts-0-agreement": str(agreement.pk),
        "amounts-0-fiscal_year": "2014",
        "amounts-0-authorized": "250000.00",
        "amounts-0-actual": "90000.00",
    }
    url = reverse("admin:partners_contributionagreement_change", args=[agreement.pk])
    response = admin_client_.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "more than the agreement" in response.content.decode()
    agreement.refresh_from_db()
    assert str(agreement.total_amount) == "300000.00"


def test_admin_messages_in_french(admin_client_):
    with translation.override("fr"):  # French admin is under /fr/admin/
        response = admin_client_.post(
            reverse("admin:partners_contributionagreement_add"),
            form_data(end_date="2014-03-31", amounts=[(2014, "1000.00", "1000.01")]),
        )
    body = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "La date de fin ne peut pas précéder la date de début." in body


def test_admin_pages_and_history_render(admin_client_):
    agreement = AgreementFactory()
    AmountFactory(agreement=agreement)
    for url in (
        reverse("admin:partners_contributionagreement_changelist"),
        reverse("admin:partners_contributionagreement_change", args=[agreement.pk]),
        reverse("admin:partners_contributionagreement_history", args=[agreement.pk]),
        reverse("admin:partners_transferpayment_changelist"),
        reverse("admin:partners_contributionagreement_changelist") + "?q=IOM",
    ):
        assert admin_client_.get(url).status_code == HTTPStatus.OK, url


def test_officers_and_managers_cannot_use_the_admin(officer_client):
    response = officer_client.get(ADD_URL)
    assert response.status_code == HTTPStatus.FOUND  # not staff: sent to the admin login
