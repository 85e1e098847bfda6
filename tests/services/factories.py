"""Factories for the services Canada uses from IOM and UNHCR."""

import datetime

import factory

from partners.models import Organization, ServiceLine, ServiceVolume
from tests.factories import OrganizationFactory


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
