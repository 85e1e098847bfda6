"""The event's rules, in the database and in the messages a person reads (both languages)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events.models import Assessment, Event
from tests.events.factories import AssessmentFactory, EventFactory

pytestmark = pytest.mark.django_db


def refused(**changes):
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(**changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"end_date": datetime.date(2016, 3, 31)},  # before its start (1 April 2016)
        {"displaced": 12000},  # a figure without its date and source
        {"displaced": 12000, "displaced_on": datetime.date(2016, 5, 1)},  # without its source
        {"displaced_source_name": "UNHCR"},  # a source without a figure
        {"source_url": ""},
        {"source_name_fr": ""},
        {"title_fr": ""},
        {"countries": ""},
        {"kind": "meteor"},
        {"region": "antarctica"},
        {"status": "forgotten"},
        {"next_review": datetime.date(1999, 1, 1)},
    ],
    ids=lambda c: ",".join(c),
)
def test_the_database_refuses_what_the_rules_forbid(changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        refused(**changes)


def test_a_sourced_figure_is_accepted():
    refused(
        displaced=12000,
        displaced_on=datetime.date(2016, 5, 1),
        displaced_source_name="UNHCR",
        displaced_source_url="https://data.unhcr.org/",
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"level": "extreme"},
        {"effect": "tourism"},
        {"note": ""},
        {"language": "de"},
    ],
    ids=lambda c: ",".join(c),
)
def test_the_database_refuses_a_bad_assessment(changes):
    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(**changes)


def test_one_assessment_per_program():
    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(event=assessment.event, effect=assessment.effect)


@pytest.mark.parametrize(
    "language, messages",
    [
        (
            "en",
            {
                "end_date": "The end date cannot be before the start date.",
                "displaced_on": "Enter the date of the figure.",
                "displaced_source_name": "Name the source of the figure.",
                "next_review": "The next review of a new event cannot be in the past.",
            },
        ),
        (
            "fr",
            {
                "end_date": "La date de fin ne peut pas précéder la date de début.",
                "displaced_on": "Entrez la date du chiffre.",
                "displaced_source_name": "Nommez la source du chiffre.",
                "next_review": "Le prochain examen d’un nouvel événement ne peut pas être dans "
                "le passé.",
            },
        ),
    ],
)
def test_bad_input_is_explained_in_both_languages(language, messages):
    event = EventFactory.build(
        end_date=datetime.date(2016, 3, 1),
        displaced=5000,
        next_review=timezone.localdate() - datetime.timedelta(days=1),
        countries=["SD", "ZZ"],
    )
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            event.full_clean()
        errors = raised.value.message_dict
    assert "countries" in errors  # ZZ is no country
    for field, message in messages.items():
        assert message in errors[field], (field, errors.get(field))


def test_an_existing_event_may_keep_a_past_review_date():
    event = EventFactory()
    event.next_review = timezone.localdate() - datetime.timedelta(days=3)
    event.full_clean()
    assert event.review_overdue()
