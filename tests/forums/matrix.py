import datetime

from django.utils import timezone

from tests.forums.factories import ForumFactory, MeetingFactory
from tests.permissions.matrix import (
    EVERYONE,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    expect,
)

# identifying a meeting is a program manager's decision; proposing one is an officer's
MANAGERS_ONLY = expect(officer=FORBIDDEN, manager=OK, administrator=FORBIDDEN)
OFFICERS_ONLY = expect(officer=OK, manager=FORBIDDEN, administrator=FORBIDDEN)


def forum(users):
    return {"pk": ForumFactory().pk}


def meeting(users):
    return {"pk": MeetingFactory().pk}


def upcoming_meeting(users):
    return {"pk": MeetingFactory(start_date=timezone.localdate() + datetime.timedelta(days=40)).pk}


def no_meeting(users):
    return {"pk": 999999}


CASES = [
    Case("forums:forum_list", EVERYONE),
    Case("forums:forum_list", EVERYONE, query="_export=csv", label="csv"),
    Case("forums:forum_detail", EVERYONE, setup=forum),
    Case("forums:meeting_list", EVERYONE),
    Case("forums:meeting_list", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("forums:meeting_detail", EVERYONE, setup=meeting),
    Case("forums:plan", EVERYONE),
    Case("forums:plan", EVERYONE, query="fiscal_year=2014-15", label="year"),
    Case("forums:plan", EVERYONE, query="fiscal_year=2014-15&_export=csv", label="csv"),
    Case("forums:plan", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("forums:meeting_importance", MANAGERS_ONLY, setup=meeting),
    Case(
        "forums:meeting_importance",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=upcoming_meeting,
        method="post",
        data={"important": "yes"},
    ),
    Case(
        "forums:meeting_importance",
        expect(officer=FORBIDDEN, manager=NOT_FOUND, administrator=FORBIDDEN),
        setup=no_meeting,
        label="missing",
    ),
    Case("forums:meeting_propose", OFFICERS_ONLY, setup=meeting),
    Case(
        "forums:meeting_propose",
        expect(officer=REDIRECT, manager=FORBIDDEN, administrator=FORBIDDEN),
        setup=meeting,
        method="post",
        data={"reason": "A pledge is expected."},
    ),
]
