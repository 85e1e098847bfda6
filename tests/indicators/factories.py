"""Factories for the indicators: targets and results of the official indicator (the data
migration's); the records they count are in tests/indicators/records.py."""

from decimal import Decimal

import factory

from indicators.models import Indicator, Result, Target
from tests.accounts.factories import UserFactory
from tests.indicators.records import YEAR


def official():
    return Indicator.objects.get(code="NI050-0377-2017")


class TargetFactory(factory.django.DjangoModelFactory[Target]):
    class Meta:
        model = Target

    indicator = factory.LazyFunction(official)
    fiscal_year = YEAR
    target_type = "percent"
    target_min = Decimal("90")
    target_max = Decimal("90")


class ResultFactory(factory.django.DjangoModelFactory[Result]):
    class Meta:
        model = Result

    indicator = factory.LazyFunction(official)
    fiscal_year = YEAR
    is_percentage = True
    value = Decimal("80.0")
    status = "not_met"
    explanation_en = "Explanation"
    explanation_fr = "Explication"
    recorded_by = factory.SubFactory(UserFactory)
