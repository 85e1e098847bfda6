"""Factories for transfer payments, agreements, their amounts and reports."""

import datetime
from decimal import Decimal

import factory

from partners.models import (
    AgreementAmount,
    ContributionAgreement,
    ReportingRequirement,
    TransferPayment,
)
from tests.factories import OrganizationFactory


class TransferPaymentFactory(factory.django.DjangoModelFactory[TransferPayment]):
    class Meta:
        model = TransferPayment
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"tp-{n}")
    kind = TransferPayment.Kind.CONTRIBUTION
    name_en = factory.Sequence(lambda n: f"Contribution {n}")
    name_fr = factory.Sequence(lambda n: f"Contribution fr {n}")


class AgreementFactory(factory.django.DjangoModelFactory[ContributionAgreement]):
    class Meta:
        model = ContributionAgreement

    number = factory.Sequence(lambda n: f"T-{n:05d}")
    transfer_payment = factory.SubFactory(TransferPaymentFactory)
    recipient = factory.SubFactory(OrganizationFactory)
    purpose_en = "Research on migration policy."
    purpose_fr = "Recherche sur les politiques migratoires."
    start_date = datetime.date(2014, 4, 1)
    end_date = datetime.date(2016, 3, 31)
    total_amount = Decimal("1000000.00")
    status = ContributionAgreement.Status.ACTIVE


class AmountFactory(factory.django.DjangoModelFactory[AgreementAmount]):
    class Meta:
        model = AgreementAmount

    agreement = factory.SubFactory(AgreementFactory)
    fiscal_year = 2014
    authorized = Decimal("100000.00")
    actual = Decimal("90000.00")


class ReportFactory(factory.django.DjangoModelFactory[ReportingRequirement]):
    class Meta:
        model = ReportingRequirement

    agreement = factory.SubFactory(AgreementFactory)
    kind = ReportingRequirement.Kind.FINANCIAL
    due_date = datetime.date(2015, 5, 31)
