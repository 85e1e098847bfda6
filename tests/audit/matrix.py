"""Permission matrix for the change-history page: managers and administrators read the history of
the allow-listed records; officers (no core.view_history) get a 403; a model outside the
allow-list, or a record the user may not see, is a 404."""

from engagements.models import Engagement
from tests.engagements.factories import EngagementFactory
from tests.forums.factories import ForumFactory, MeetingFactory
from tests.indicators.factories import ResultFactory, official
from tests.partners.factories import AgreementFactory, OrganizationFactory
from tests.permissions.matrix import FORBIDDEN, NOT_FOUND, OK, Case, expect

MANAGERS_AND_ADMINS = expect(officer=FORBIDDEN, manager=OK, administrator=OK)


def _history(obj):
    return {"app_label": obj._meta.app_label, "model_name": obj._meta.model_name, "pk": obj.pk}


def meeting(users):
    return _history(MeetingFactory())


def forum(users):
    return _history(ForumFactory())


def organization(users):
    return _history(OrganizationFactory())


def agreement(users):
    return _history(AgreementFactory())


def indicator(users):
    return _history(official())


def result(users):
    return _history(ResultFactory(recorded_by=users["manager"]))


def draft(users):
    return _history(
        EngagementFactory(lead_officer=users["officer"], status=Engagement.Status.DRAFT)
    )


def user_model(users):
    # a real record of a model that is not in the allow-list
    return _history(users["officer"])


def missing_meeting(users):
    return {"app_label": "forums", "model_name": "meeting", "pk": 987654}


CASES = [
    Case("record_history", MANAGERS_AND_ADMINS, setup=meeting, label="meeting"),
    Case("record_history", MANAGERS_AND_ADMINS, setup=forum, label="forum"),
    Case("record_history", MANAGERS_AND_ADMINS, setup=organization, label="organization"),
    Case("record_history", MANAGERS_AND_ADMINS, setup=agreement, label="agreement"),
    Case("record_history", MANAGERS_AND_ADMINS, setup=indicator, label="indicator"),
    Case("record_history", MANAGERS_AND_ADMINS, setup=result, label="result"),
    Case("record_history", MANAGERS_AND_ADMINS, setup=draft, label="draft-engagement"),
    Case("record_history", MANAGERS_AND_ADMINS, query="page=abc", setup=meeting, label="bad-page"),
    Case(
        "record_history",
        expect(officer=FORBIDDEN, manager=NOT_FOUND, administrator=NOT_FOUND),
        setup=user_model,
        label="not-allowed-model",
    ),
    Case(
        "record_history",
        expect(officer=FORBIDDEN, manager=NOT_FOUND, administrator=NOT_FOUND),
        setup=missing_meeting,
        label="missing",
    ),
]
