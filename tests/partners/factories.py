"""Factories for the partners: organizations, transfer payments, contribution agreements with
their amounts and reports, and the service lines Canada uses from IOM and UNHCR."""

import datetime
from decimal import Decimal

import factory

from partners.models import (
    AgreementAmount,
    ContributionAgreement,
    Organization,
    ReportingRequirement,
    ServiceLine,
    ServiceVolume,
    TransferPayment,
)


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    kind = Organization.Kind.INTERNATIONAL
    acronym_en = factory.Sequence(lambda n: f"ORG{n}")
    acronym_fr = factory.Sequence(lambda n: f"ORGF{n}")
    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n}")


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


class ServiceLineFactory(factory.django.DjangoModelFactory[ServiceLine]):
    class Meta:
        model = ServiceLine

    kind = ServiceLine.Kind.ORIENTATION
    name_en = factory.Sequence(lambda n: f"Orientation sessions {n}")
    name_fr = factory.Sequence(lambda n: f"Séances d’orientation {n}")
    partner = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.INTERNATIONAL)
    department = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.FEDERAL_PARTNER)
    program_en = "Resettlement Assistance Program"
    program_fr = "Programme d’aide à la réinstallation"
    start_date = datetime.date(2013, 4, 1)
    end_date = datetime.date(2016, 3, 31)
    source_name_en = "IOM"
    source_name_fr = "OIM"
    source_url = "https://www.iom.int/"


class ServiceVolumeFactory(factory.django.DjangoModelFactory[ServiceVolume]):
    class Meta:
        model = ServiceVolume

    service_line = factory.SubFactory(ServiceLineFactory)
    fiscal_year = 2014
    people_served = 1200
    sessions = 48
