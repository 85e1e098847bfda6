"""The watch list, the event page and form, the link from an engagement, the dashboard and the
reminder of an event past its review date."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagements.models import Engagement
from events.models import Assessment, Event, EventResponse
from notifications import reminders
from notifications.models import Kind, Notification
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, PositionFactory
from tests.events.factories import AssessmentFactory, EventFactory

pytestmark = pytest.mark.django_db

IN_A_MONTH = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def form_data(**changes):
    data = {
        "kind": "natural_disaster",
        "title_en": "Earthquake in Nepal",
        "title_fr": "Séisme au Népal",
        "countries": ["NP"],
        "region": "asia_pacific",
        "start_date": "2015-04-25",
        "status": "active",
        "source_name_en": "IOM Nepal",
        "source_name_fr": "OIM Népal",
        "source_url": "https://www.iom.int/countries/nepal",
        "next_review": IN_A_MONTH,
        "notes_language": "en",
        "resettlement_level": "",
        "resettlement_note": "",
        "asylum_level": "",
        "asylum_note": "",
        "temporary_level": "high",
        "temporary_note": "Visitors from the affected districts may ask to extend their stay.",
        "family_level": "medium",
        "family_note": "Sponsors in Canada ask for priority processing.",
    }
    data.update(changes)
    return data


def test_an_officer_records_an_event_and_its_assessment(officer_client, officer):
    form = officer_client.get(reverse("events:create")).context["form"]
    assert form["followed_by"].value() == officer.pk  # whoever records it follows it
    response = officer_client.post(reverse("events:create"), form_data(followed_by=officer.pk))
    event = Event.objects.get(title_en="Earthquake in Nepal")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == event.get_absolute_url()
    assert event.created_by == officer
    assert event.followed_by == officer
    levels = dict(event.assessments.values_list("effect", "level"))
    assert levels == {"temporary": "high", "family": "medium"}
    assert event.assessments.get(effect="temporary").assessed_by == officer
    page = officer_client.get(event.get_absolute_url())
    assert page.status_code == HTTPStatus.OK
    assert "Visitors from the affected districts" in page.content.decode()
    assert event.history.count() >= 1
    assert Assessment.history.filter(event_id=event.pk).count() == 2


def test_bad_input_saves_nothing_and_says_why_in_french(officer_client):
    before = Event.objects.count()
    response = officer_client.post(
        "/fr/events/new/",
        form_data(
            countries=["NP", "ZZ"],
            start_date="2015-04-25",
            end_date="2015-04-01",
            displaced="8000",
            next_review="2015-01-01",
            family_note="",
        ),
    )
    assert response.status_code == HTTPStatus.OK
    assert Event.objects.count() == before
    assert not Assessment.objects.exists()
    text = response.content.decode()
    assert "ZZ n’en fait pas partie" in text
    assert "La date de fin ne peut pas précéder la date de début." in text
    assert "Entrez la date du chiffre." in text
    assert "Le prochain examen d’un nouvel événement ne peut pas être dans le passé." in text
    assert "Expliquez pourquoi vous évaluez ce niveau." in text


def test_editing_changes_and_clears_assessments(manager_client, manager):
    event = EventFactory()
    AssessmentFactory(event=event, effect="resettlement", level="low", note="Few referrals.")
    AssessmentFactory(event=event, effect="asylum", level="medium", note="Claims may rise.")
    data = form_data(
        title_en=event.title_en,
        title_fr=event.title_fr,
        resettlement_level="high",
        resettlement_note="UNHCR plans large referrals.",
        asylum_level="",
        asylum_note="",
        temporary_level="",
        temporary_note="",
        family_level="",
        family_note="",
        next_review="2016-05-01",  # an existing event may keep a past review date
    )
    response = manager_client.post(reverse("events:edit", args=[event.pk]), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    assert dict(event.assessments.values_list("effect", "level")) == {"resettlement": "high"}
    assert event.assessments.get().assessed_by == manager


def test_an_engagement_says_which_events_it_addressed(officer_client, officer):
    engagement = EngagementFactory(lead_officer=officer)
    PositionFactory(engagement=engagement, text="Canada will resettle more refugees.")
    syria = Event.objects.get(title_en="Conflict in Syria")
    url = reverse("events:engagement_events", args=[engagement.pk])
    page = officer_client.get(url)
    assert "Conflict in Syria" in page.content.decode()
    assert "Typhoon Haiyan" not in page.content.decode()  # closed, not linked
    response = officer_client.post(url, {"events": [syria.pk]})
    assert response.status_code == HTTPStatus.FOUND
    assert list(engagement.events.all()) == [syria]
    assert EventResponse.objects.get().linked_by == officer
    detail = officer_client.get(engagement.get_absolute_url()).content.decode()
    assert syria.get_absolute_url() in detail
    event_page = officer_client.get(syria.get_absolute_url()).content.decode()
    assert engagement.get_absolute_url() in event_page
    assert "Canada will resettle more refugees." in event_page
    officer_client.post(url, {})
    assert not engagement.events.exists()


def test_the_event_page_shows_only_the_engagements_the_user_may_see(officer_client):
    draft = EngagementFactory(status=Engagement.Status.DRAFT)  # someone else's draft
    event = EventFactory()
    EventResponse.objects.create(event=event, engagement=draft)
    page = officer_client.get(event.get_absolute_url()).content.decode()
    assert draft.get_absolute_url() not in page


def test_the_dashboard_shows_active_events_assessed_high(manager_client):
    high = AssessmentFactory(event=EventFactory(title_en="Drought in the Horn"), level="high")
    AssessmentFactory(event=EventFactory(title_en="Floods, low"), level="low")
    AssessmentFactory(
        event=EventFactory(title_en="Closed crisis", status=Event.Status.CLOSED), level="high"
    )
    page = manager_client.get(reverse("dashboard")).content.decode()
    assert high.event.get_absolute_url() in page
    assert "Floods, low" not in page and "Closed crisis" not in page
    french = manager_client.get("/fr/").content.decode()
    assert "Événements internationaux actifs évalués à un niveau élevé" in french


def test_the_list_filters_by_country_level_and_text(officer_client):
    AssessmentFactory(event=EventFactory(title_en="Famine in Somalia", countries=["SO"]))
    response = officer_client.get(reverse("events:list"), {"country": "SY"})
    titles = [row.record.title_en for row in response.context["table"].page.object_list]
    assert sorted(titles) == [
        "Conflict in Syria",
        "Refugee and migrant crossings of the Mediterranean, 2015",
    ]
    response = officer_client.get(reverse("events:list"), {"level": "high"})
    titles = [row.record.title_en for row in response.context["table"].page.object_list]
    assert titles == ["Famine in Somalia"]
    response = officer_client.get(reverse("events:list"), {"q": "Rohingya"})
    assert response.context["table"].paginator.count == 1
    csv = officer_client.get(reverse("events:list"), {"q": "Somalia", "_export": "csv"})
    body = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode()
    assert "Famine in Somalia" in body and "High" in body and "Somalia" in body


def test_the_list_costs_the_same_queries_with_many_events(officer_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = officer_client.get(reverse("events:list"))
        assert response.status_code == HTTPStatus.OK
        return len(captured)

    officer_client.get(reverse("events:list"))
    few = queries()
    for n in range(40):
        event = EventFactory(followed_by=UserFactory(username=f"watcher{n}"))
        AssessmentFactory(event=event, effect="asylum", level="medium")
        AssessmentFactory(event=event, effect="family", level="high")
    assert queries() == few


def test_an_event_past_its_review_date_is_reminded_once(officer):
    event = EventFactory(followed_by=officer)
    Event.objects.filter(pk=event.pk).update(
        next_review=timezone.localdate() - datetime.timedelta(days=2)
    )
    EventFactory(
        status=Event.Status.CLOSED, followed_by=officer, next_review=datetime.date(2016, 1, 1)
    )
    reminders.send_reminders()
    reminders.send_reminders()
    sent = Notification.objects.filter(kind=Kind.EVENT_REVIEW_DUE)
    assert [(n.recipient, n.record) for n in sent] == [(officer, f"event:{event.pk}")]
    assert sent.get().get_absolute_url() == event.get_absolute_url()


def test_an_unfollowed_event_past_review_goes_to_the_managers(manager, officer):
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(
        next_review=timezone.localdate() - datetime.timedelta(days=1)
    )
    reminders.events_to_review(timezone.localdate())
    assert list(
        Notification.objects.filter(kind=Kind.EVENT_REVIEW_DUE).values_list("recipient", flat=True)
    ) == [manager.pk]
