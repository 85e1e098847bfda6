"""The service lines' rules, in the database and in the messages a person reads (both languages)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from partners import services
from partners.models import ServiceLine, ServiceVolume
from tests.accounts.factories import UserFactory
from tests.partners.factories import ServiceLineFactory, ServiceVolumeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [
        {"end_date": datetime.date(2013, 3, 31)},  # before its start (1 April 2013)
        {"name_fr": ""},
        {"program_en": ""},
        {"source_url": ""},
        {"source_name_fr": ""},
        {"kind": "catering"},
        {"budget": Decimal("-1")},
        {"start_date": datetime.date(1999, 1, 1)},
    ],
    ids=lambda c: ",".join(c),
)
def test_the_database_refuses_a_bad_service_line(changes):
    line = ServiceLineFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceLine.objects.filter(pk=line.pk).update(**changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"people_served": -1},
        {"sessions": -5},
        {"referrals": -2},
        {"amount": Decimal("-0.01")},
        {"fiscal_year": 1999},
        {"people_served": None, "sessions": None},  # no figure at all
    ],
    ids=lambda c: ",".join(c),
)
def test_the_database_refuses_a_bad_volume(changes):
    volume = ServiceVolumeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceVolume.objects.filter(pk=volume.pk).update(**changes)


def test_one_volume_per_line_and_year_in_the_database():
    volume = ServiceVolumeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceVolume.objects.create(
            service_line=volume.service_line, fiscal_year=volume.fiscal_year, sessions=1
        )


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "The number of people served cannot be below zero."),
        ("fr", "Le nombre de personnes servies ne peut pas être inférieur à zéro."),
    ],
)
def test_a_volume_below_zero_is_refused_with_a_message_in_each_language(lang, message):
    line = ServiceLineFactory()
    actor = UserFactory()
    with translation.override(lang), pytest.raises(ValidationError) as error:
        services.record_volumes(
            line=line, data=services.VolumeInput(fiscal_year=2014, people_served=-3), actor=actor
        )
    assert message in str(error.value)
    assert not ServiceVolume.objects.exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Fiscal year 2017-18 is outside the service line's dates"),
        ("fr", "L’exercice 2017-2018 est en dehors des dates de la ligne de service"),
    ],
)
def test_a_year_outside_the_lines_dates_is_refused(lang, message):
    line = ServiceLineFactory()  # 1 April 2013 to 31 March 2016
    with translation.override(lang), pytest.raises(ValidationError) as error:
        services.record_volumes(
            line=line, data=services.VolumeInput(fiscal_year=2017, sessions=3), actor=UserFactory()
        )
    assert message in str(error.value)
    assert not ServiceVolume.objects.exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "The end date cannot be before the start date."),
        ("fr", "La date de fin ne peut pas précéder la date de début."),
    ],
)
def test_an_end_before_the_start_is_refused(lang, message):
    line = ServiceLineFactory.build(
        partner=ServiceLineFactory().partner,
        department=ServiceLineFactory().department,
        end_date=datetime.date(2012, 1, 1),
    )
    with translation.override(lang):
        with pytest.raises(ValidationError) as error:
            services.save_service_line(line=line, actor=UserFactory())
        assert message in str(error.value)


def test_dates_cannot_shrink_past_recorded_volumes():
    volume = ServiceVolumeFactory(fiscal_year=2015)
    line = volume.service_line
    line.end_date = datetime.date(2015, 3, 31)
    with pytest.raises(ValidationError) as error:
        services.save_service_line(line=line, actor=UserFactory())
    assert "2015-16" in str(error.value)
    line.refresh_from_db()
    assert line.end_date == datetime.date(2016, 3, 31)


def test_recording_a_year_again_corrects_it_with_history():
    line = ServiceLineFactory()
    manager = UserFactory()
    services.record_volumes(
        line=line, data=services.VolumeInput(fiscal_year=2014, people_served=10), actor=manager
    )
    volume = services.record_volumes(
        line=line,
        data=services.VolumeInput(fiscal_year=2014, people_served=12, amount=Decimal("500")),
        actor=manager,
    )
    assert ServiceVolume.objects.get() == volume
    assert (volume.people_served, volume.amount, volume.recorded_by) == (12, 500, manager)
    assert [h.history_user for h in volume.history.all()] == [manager, manager]
