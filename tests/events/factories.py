"""Factories for the watch of international events."""

import datetime

import factory
from django.utils import timezone

from events.models import Assessment, Event, Level


class EventFactory(factory.django.DjangoModelFactory[Event]):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.ARMED_CONFLICT
    title_en = factory.Sequence(lambda n: f"Armed conflict {n}")
    title_fr = factory.Sequence(lambda n: f"Conflit armé {n}")
    countries = ["SD"]
    region = Event.Region.AFRICA
    start_date = datetime.date(2016, 4, 1)
    status = Event.Status.ACTIVE
    source_name_en = "UNHCR Operational Data Portal"
    source_name_fr = "Portail de données opérationnelles du HCR"
    source_url = "https://data.unhcr.org/en/situations"
    next_review = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class AssessmentFactory(factory.django.DjangoModelFactory[Assessment]):
    class Meta:
        model = Assessment

    event = factory.SubFactory(EventFactory)
    effect = Assessment.Effect.RESETTLEMENT
    level = Level.HIGH
    note = "Referrals from UNHCR are expected to rise."
