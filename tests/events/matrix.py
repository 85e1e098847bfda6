from tests.engagements.factories import EngagementFactory
from tests.permissions.matrix import EVERYONE, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, expect

from .factories import EventFactory

# officers and managers record and assess events; administrators correct them in Django admin
WATCHERS = expect(officer=OK, manager=OK, administrator=FORBIDDEN)


def event(users):
    return {"pk": EventFactory().pk}


def missing(users):
    return {"pk": 999999}


def own_engagement(users):
    return {"pk": EngagementFactory(lead_officer=users["officer"]).pk}


def new_event(users):
    return {
        "kind": "epidemic",
        "title_en": "Cholera outbreak",
        "title_fr": "Épidémie de choléra",
        "countries": ["HT"],
        "region": "americas",
        "start_date": "2016-10-04",
        "status": "watching",
        "source_name_en": "IOM",
        "source_name_fr": "OIM",
        "source_url": "https://www.iom.int/",
        "next_review": "2100-01-01",
        "notes_language": "en",
    }


CASES = [
    Case("events:list", EVERYONE),
    Case("events:list", EVERYONE, query="_export=csv", label="csv"),
    Case("events:list", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("events:list", EVERYONE, query="status=active&level=high&country=SY", label="filtered"),
    Case("events:list", EVERYONE, query="country=ZZ&level=extreme", label="bad"),
    Case("events:detail", EVERYONE, setup=event),
    Case(
        "events:detail",
        expect(officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND),
        setup=missing,
        label="missing",
    ),
    Case("events:create", WATCHERS),
    Case(
        "events:create",
        expect(officer=REDIRECT, manager=REDIRECT, administrator=FORBIDDEN),
        method="post",
        data=new_event,
    ),
    Case("events:edit", WATCHERS, setup=event),
    Case(
        "events:edit",
        expect(officer=NOT_FOUND, manager=NOT_FOUND, administrator=FORBIDDEN),
        setup=missing,
        label="missing",
    ),
    # another officer's draft does not exist for them; managers see every engagement
    Case(
        "events:engagement_events",
        expect(officer=OK, other_officer=NOT_FOUND, manager=OK, administrator=FORBIDDEN),
        setup=own_engagement,
    ),
    Case(
        "events:engagement_events",
        expect(
            officer=REDIRECT, other_officer=NOT_FOUND, manager=REDIRECT, administrator=FORBIDDEN
        ),
        setup=own_engagement,
        method="post",
        data={},
    ),
]
