"""Every agreement rule: refused with a message naming the field, by the model and the database."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from core.fiscal import FiscalYear
from partners import services
from partners.models import AgreementAmount, ContributionAgreement, ReportingRequirement
from tests.partners.factories import (
    AgreementFactory,
    AmountFactory,
    OrganizationFactory,
    ReportFactory,
    TransferPaymentFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def build_agreement(**overrides):
    values = {"transfer_payment": TransferPaymentFactory(), "recipient": OrganizationFactory()}
    return AgreementFactory.build(**{**values, **overrides})


def test_end_before_start_is_refused_by_model_and_database():
    agreement = build_agreement(
        start_date=datetime.date(2015, 4, 1), end_date=datetime.date(2015, 3, 31)
    )
    assert "end_date" in errors_of(agreement)
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()


def test_negative_and_over_precise_totals_are_refused():
    assert "total_amount" in errors_of(build_agreement(total_amount=Decimal("-1")))
    assert "total_amount" in errors_of(build_agreement(total_amount=Decimal("10.005")))
    with pytest.raises(IntegrityError), transaction.atomic():
        build_agreement(total_amount=Decimal("-1")).save()


def test_duplicate_agreement_number_is_refused():
    AgreementFactory(number="A-1")
    assert "number" in errors_of(build_agreement(number="A-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        build_agreement(number="A-1").save()


def test_an_agreement_needs_a_recipient_or_described_recipients():
    agreement = build_agreement(recipient=None)
    assert "recipient" in errors_of(agreement)
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()
    umbrella = build_agreement(
        recipient=None, recipient_other_en="Various", recipient_other_fr="Divers"
    )
    umbrella.full_clean()


def test_actual_above_authorized_is_refused():
    amount = AmountFactory.build(
        agreement=AgreementFactory(), authorized=Decimal("100"), actual=Decimal("100.01")
    )
    assert "actual" in errors_of(amount)
    with pytest.raises(IntegrityError), transaction.atomic():
        amount.save()


def test_negative_and_over_precise_amounts_are_refused():
    agreement = AgreementFactory()
    assert "authorized" in errors_of(AmountFactory.build(agreement=agreement, authorized=-5))
    assert "actual" in errors_of(AmountFactory.build(agreement=agreement, actual=Decimal("-1")))
    over_precise = AmountFactory.build(agreement=agreement, authorized=Decimal("1.001"))
    assert "authorized" in errors_of(over_precise)
    with pytest.raises(IntegrityError), transaction.atomic():
        AmountFactory.build(agreement=agreement, authorized=-5, actual=None).save()


def test_one_amount_per_agreement_per_fiscal_year():
    existing = AmountFactory(fiscal_year=2014)
    duplicate = AmountFactory.build(agreement=existing.agreement, fiscal_year=2014)
    assert errors_of(duplicate)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize(
    ("year", "allowed"),
    [(2013, False), (2014, True), (2015, True), (2016, False)],
)
def test_fiscal_year_must_fall_within_the_agreement(year, allowed):
    agreement = AgreementFactory(
        start_date=datetime.date(2014, 4, 1), end_date=datetime.date(2016, 3, 31)
    )
    amount = AmountFactory.build(agreement=agreement, fiscal_year=year)
    if allowed:
        amount.full_clean()
    else:
        assert "fiscal_year" in errors_of(amount)


def test_an_agreement_ending_on_1_april_touches_that_fiscal_year():
    agreement = AgreementFactory(
        start_date=datetime.date(2014, 3, 31), end_date=datetime.date(2015, 4, 1)
    )
    for year in (2013, 2014, 2015):
        AmountFactory.build(
            agreement=agreement, fiscal_year=year, authorized=1, actual=0
        ).full_clean()
    assert [y.start_year for y in agreement.fiscal_years()] == [2013, 2014, 2015]


def test_report_received_before_the_agreement_began_is_refused():
    agreement = AgreementFactory(start_date=datetime.date(2014, 4, 1))
    report = ReportFactory.build(agreement=agreement, received_date=datetime.date(2014, 3, 31))
    assert "received_date" in errors_of(report)
    ReportFactory.build(agreement=agreement, received_date=datetime.date(2014, 4, 1)).full_clean()


def test_service_refuses_authorities_above_the_total_and_saves_nothing():
    agreement = build_agreement(number="S-1", total_amount=Decimal("150000.00"))
    with pytest.raises(ValidationError) as caught:
        services.create_agreement(
            agreement=agreement,
            amounts=[
                services.AmountInput(FiscalYear(2014), Decimal("100000.00")),
                services.AmountInput(FiscalYear(2015), Decimal("50000.01")),
            ],
        )
    assert "total_amount" in caught.value.message_dict
    assert "$150,000.00" in caught.value.message_dict["total_amount"][0]
    assert not ContributionAgreement.objects.filter(number="S-1").exists()


def test_service_creates_agreement_with_amounts_and_reports_and_records_who(administrator):
    agreement = services.create_agreement(
        agreement=build_agreement(number="S-2", total_amount=Decimal("150000.00")),
        amounts=[
            services.AmountInput(FiscalYear(2014), Decimal("100000.00"), Decimal("99000.00")),
            services.AmountInput(FiscalYear(2015), Decimal("50000.00")),
        ],
        reports=[services.ReportInput("final", datetime.date(2016, 6, 30))],
        user=administrator,
    )
    assert agreement.amounts.count() == 2 and agreement.reports.count() == 1
    assert agreement.history.first().history_user == administrator


def test_set_amount_keeps_authorities_within_total():
    agreement = AgreementFactory(total_amount=Decimal("100.00"))
    services.set_amount(
        agreement=agreement, item=services.AmountInput(FiscalYear(2014), Decimal("60"))
    )
    services.set_amount(
        agreement=agreement, item=services.AmountInput(FiscalYear(2015), Decimal("40"))
    )
    with pytest.raises(ValidationError):
        services.set_amount(
            agreement=agreement, item=services.AmountInput(FiscalYear(2015), Decimal("40.01"))
        )
    # Changing an existing year replaces it rather than adding to it.
    services.set_amount(
        agreement=agreement,
        item=services.AmountInput(FiscalYear(2014), Decimal("55"), Decimal("50")),
    )
    assert agreement.amounts.get(fiscal_year=2014).actual == Decimal("50")


def test_record_report_received_checks_the_date():
    report = ReportFactory(agreement=AgreementFactory(start_date=datetime.date(2014, 4, 1)))
    with pytest.raises(ValidationError):
        services.record_report_received(report=report, received_on=datetime.date(2014, 1, 1))
    services.record_report_received(report=report, received_on=datetime.date(2015, 6, 1))
    report.refresh_from_db()
    assert report.received_date == datetime.date(2015, 6, 1)


def test_messages_are_in_french_too():
    agreement = build_agreement(
        start_date=datetime.date(2015, 4, 1), end_date=datetime.date(2015, 1, 1)
    )
    with translation.override("fr"):
        message = errors_of(agreement)["end_date"][0]
        assert "fin" in message.lower()
        amount = AmountFactory.build(agreement=AgreementFactory(), authorized=1, actual=2)
        assert "autoris" in errors_of(amount)["actual"][0]


def test_lapsed_and_percent_used_per_year():
    amount = AgreementAmount(authorized=Decimal("350000.00"), actual=Decimal("348976.00"))
    assert amount.lapsed == Decimal("1024.00")
    assert amount.percent_used == Decimal("99.7")
    assert AgreementAmount(authorized=Decimal("0"), actual=Decimal("0")).percent_used is None
    assert AgreementAmount(authorized=Decimal("10"), actual=None).lapsed is None


def test_report_overdue_logic():
    report = ReportingRequirement(due_date=datetime.date(2015, 5, 31))
    assert report.is_overdue(datetime.date(2015, 6, 1))
    assert not report.is_overdue(datetime.date(2015, 5, 31))
    report.received_date = datetime.date(2015, 6, 2)
    assert not report.is_overdue(datetime.date(2016, 1, 1))
