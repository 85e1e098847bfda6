"""The events the data migration loads: real, each with its source, in both languages."""

import datetime

import pytest

from events.models import Assessment, Event

pytestmark = pytest.mark.django_db

LOADED = {
    "Conflict in Syria": ("Conflit en Syrie", "https://data.unhcr.org/en/situations/syria"),
    "Typhoon Haiyan (Yolanda) in the Philippines": (
        "Typhon Haiyan (Yolanda) aux Philippines",
        "http://www.cic.gc.ca/english/department/media/backgrounders/2013/2013-11-22.asp",
    ),
    "Ebola virus disease epidemic in West Africa": (
        "Épidémie de maladie à virus Ebola en Afrique de l’Ouest",
        "http://www.cic.gc.ca/english/department/media/notices/2015-05-29.asp",
    ),
    "Refugee and migrant crossings of the Mediterranean, 2015": (
        "Traversées de la Méditerranée par des réfugiés et des migrants, 2015",
        "https://data.unhcr.org/en/situations/mediterranean",
    ),
    "Rohingya refugee exodus from Myanmar to Bangladesh": (
        "Exode des réfugiés rohingyas du Myanmar vers le Bangladesh",
        "https://data.unhcr.org/en/situations/myanmar_refugees",
    ),
}


def test_the_migration_loads_the_sourced_events_in_both_languages():
    events = {event.title_en: event for event in Event.objects.all()}
    assert set(events) == set(LOADED)
    for title_en, (title_fr, url) in LOADED.items():
        event = events[title_en]
        assert event.title_fr == title_fr
        assert event.source_url == url
        assert event.source_name_en and event.source_name_fr
        assert event.summary_en and event.summary_fr
        assert "'" not in event.title_fr + event.summary_fr + event.source_name_fr
        assert event.countries
        # from the government's and UNHCR's own pages only
        assert url.startswith(("https://data.unhcr.org/", "http://www.cic.gc.ca/"))


def test_the_migration_invents_no_figure_and_no_assessment():
    assert not Event.objects.filter(displaced__isnull=False).exists()
    assert not Assessment.objects.exists()
    assert not Event.objects.filter(followed_by__isnull=False).exists()


def test_dates_and_places_are_those_the_sources_give():
    haiyan = Event.objects.get(title_en__startswith="Typhoon Haiyan")
    assert haiyan.start_date == datetime.date(2013, 11, 8)
    assert [c.code for c in haiyan.countries] == ["PH"]
    ebola = Event.objects.get(title_en__startswith="Ebola")
    assert {c.code for c in ebola.countries} == {"GN", "LR", "SL"}
    assert "31 October 2014" in ebola.summary_en and "31 octobre 2014" in ebola.summary_fr
    rohingya = Event.objects.get(title_en__startswith="Rohingya")
    assert rohingya.start_date == datetime.date(2017, 8, 25)
    assert rohingya.status == Event.Status.ACTIVE
