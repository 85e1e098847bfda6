"""Permission matrix for engagements: every URL × role, including exports, evidence downloads and
the workflow POSTs. The records belong to the matrix's "officer"; "other_officer" is another
officer, to whom drafts do not exist (404)."""

import datetime

from django.utils import timezone

from engagements.models import Engagement
from tests.engagements.factories import EngagementFactory, EvidenceFactory, PositionFactory
from tests.forums.factories import MeetingFactory
from tests.permissions.matrix import (
    EVERYONE,
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    expect,
)

Status = Engagement.Status
BAD_REQUEST = 400


def _engagement(users, status):
    return EngagementFactory(lead_officer=users["officer"], status=status)


def draft(users):
    return {"pk": _engagement(users, Status.DRAFT).pk}


def submitted(users):
    return {"pk": _engagement(users, Status.SUBMITTED).pk}


def in_the_queue(users):
    """A record waiting for review (the review queue's URLs take no arguments)."""
    _engagement(users, Status.SUBMITTED)
    return {}


def approved(users):
    return {"pk": _engagement(users, Status.APPROVED).pk}


def _mandate(users, outcome_step, outcome="pending"):
    """An approved mandate whose meeting ended last week, at this outcomes step."""
    today = timezone.localdate()
    meeting = MeetingFactory(
        start_date=today - datetime.timedelta(days=8), end_date=today - datetime.timedelta(days=6)
    )
    engagement = EngagementFactory(
        lead_officer=users["officer"],
        meeting=meeting,
        status=Status.APPROVED,
        outcome_step=outcome_step,
    )
    PositionFactory(engagement=engagement, outcome=outcome)
    return engagement


def mandate_awaiting_outcomes(users):
    return {"pk": _mandate(users, Engagement.OutcomeStep.AWAITING).pk}


def mandate_with_outcomes(users):
    return {"pk": _mandate(users, Engagement.OutcomeStep.AWAITING, outcome="reflected").pk}


def outcomes_submitted(users):
    return {"pk": _mandate(users, Engagement.OutcomeStep.SUBMITTED, outcome="reflected").pk}


def draft_evidence(users):
    evidence = EvidenceFactory(engagement=_engagement(users, Status.DRAFT))
    return {"pk": evidence.engagement_id, "evidence_pk": evidence.pk}


def approved_evidence(users):
    evidence = EvidenceFactory(engagement=_engagement(users, Status.APPROVED))
    return {"pk": evidence.engagement_id, "evidence_pk": evidence.pk}


OFFICERS_ONLY = expect(officer=OK, manager=FORBIDDEN, administrator=FORBIDDEN)
MANAGERS_ONLY = expect(officer=FORBIDDEN, manager=OK, administrator=FORBIDDEN)
# the author's own draft: other officers get a 404, managers and administrators see it
OWN_DRAFT = expect(officer=OK, other_officer=NOT_FOUND, manager=OK, administrator=OK)
REASON = {"return-reason": "Add the outcome document reference.", "reopen-reason": "Wrong meeting."}

CASES = [
    Case("engagements:list", EVERYONE),
    Case("engagements:list", EVERYONE, query="_export=csv", label="csv"),
    Case("engagements:list", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("engagements:list", EVERYONE, query="page=99999&fiscal_year=20x&forum=abc", label="bad"),
    # the positions of what the list shows: who sees which rows is tested in test_exports.py
    Case("engagements:positions_export", EVERYONE, query="_export=csv", label="csv"),
    Case("engagements:positions_export", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case(
        "engagements:positions_export",
        EVERYONE,
        query="_export=xlsx&fiscal_year=20x&forum=abc",
        label="bad filters",
    ),
    Case(
        "engagements:positions_export",
        expect(officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND),
        label="no format",
    ),
    Case("engagements:create", OFFICERS_ONLY),
    # an empty form comes back with its errors (200), never half a record
    Case("engagements:create", OFFICERS_ONLY, method="post", data={}, label="empty"),
    Case("engagements:detail", OWN_DRAFT, setup=draft, label="draft"),
    Case("engagements:detail", EVERYONE, setup=approved, label="approved"),
    Case(
        "engagements:edit",
        expect(officer=OK, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN),
        setup=draft,
        label="draft",
    ),
    Case(
        "engagements:edit",
        expect(
            officer=FORBIDDEN, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=submitted,
        label="submitted",
    ),
    Case(
        "engagements:edit",
        expect(officer=FORBIDDEN, manager=FORBIDDEN, administrator=FORBIDDEN),
        setup=approved,
        label="approved",
    ),
    Case(
        "engagements:submit",
        expect(
            officer=REDIRECT, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=draft,
        method="post",
    ),
    Case(
        "engagements:submit",
        expect(officer=NOT_ALLOWED, manager=NOT_ALLOWED, administrator=NOT_ALLOWED),
        setup=draft,
        label="get",
    ),
    Case(
        "engagements:approve",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=submitted,
        method="post",
    ),
    # the author takes a submitted record back to draft; others' submitted records do not exist
    # for an officer, managers cannot edit, administrators are not the author
    Case(
        "engagements:withdraw",
        expect(
            officer=REDIRECT, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=submitted,
        method="post",
    ),
    Case(
        "engagements:withdraw",
        expect(officer=NOT_ALLOWED, manager=NOT_ALLOWED, administrator=NOT_ALLOWED),
        setup=submitted,
        label="get",
    ),
    # deleting a never-submitted draft: its author only (GET confirms, POST deletes)
    Case(
        "engagements:delete",
        expect(officer=OK, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN),
        setup=draft,
    ),
    Case(
        "engagements:delete",
        expect(
            officer=REDIRECT, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=draft,
        method="post",
    ),
    Case(
        "engagements:delete",
        expect(
            officer=FORBIDDEN, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=submitted,
        label="submitted",
    ),
    Case(
        "engagements:return",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=submitted,
        method="post",
        data=REASON,
    ),
    Case(
        "engagements:return",
        expect(officer=FORBIDDEN, manager=BAD_REQUEST, administrator=FORBIDDEN),
        setup=submitted,
        method="post",
        data={"return-reason": "  "},
        label="no-reason",
    ),
    Case(
        "engagements:reopen",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=approved,
        method="post",
        data=REASON,
    ),
    # a mandate's outcomes, recorded after the meeting by its author and approved in their turn
    Case(
        "engagements:outcomes",
        expect(officer=OK, other_officer=FORBIDDEN, manager=FORBIDDEN, administrator=FORBIDDEN),
        setup=mandate_awaiting_outcomes,
    ),
    Case(
        "engagements:outcomes",
        expect(
            officer=FORBIDDEN, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=draft,
        label="draft",
    ),
    Case(
        "engagements:outcomes",
        expect(
            officer=BAD_REQUEST,
            other_officer=FORBIDDEN,
            manager=FORBIDDEN,
            administrator=FORBIDDEN,
        ),
        setup=mandate_awaiting_outcomes,
        method="post",
        data={},
        label="empty",
    ),
    Case(
        "engagements:outcomes_submit",
        expect(
            officer=REDIRECT, other_officer=FORBIDDEN, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=mandate_with_outcomes,
        method="post",
    ),
    Case(
        "engagements:outcomes_submit",
        expect(officer=NOT_ALLOWED, manager=NOT_ALLOWED, administrator=NOT_ALLOWED),
        setup=mandate_with_outcomes,
        label="get",
    ),
    Case(
        "engagements:approve",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=outcomes_submitted,
        method="post",
        label="outcomes",
    ),
    Case(
        "engagements:return",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=outcomes_submitted,
        method="post",
        data=REASON,
        label="outcomes",
    ),
    Case("engagements:evidence_download", OWN_DRAFT, setup=draft_evidence, label="draft"),
    Case("engagements:evidence_download", EVERYONE, setup=approved_evidence, label="approved"),
    Case("engagements:my_work", OFFICERS_ONLY),
    Case("engagements:review_queue", MANAGERS_ONLY),
    Case("engagements:review_queue", MANAGERS_ONLY, query="page=abc", label="bad-page"),
    Case(
        "engagements:review_queue",
        MANAGERS_ONLY,
        setup=in_the_queue,
        query="official=false&sort=-waiting",
        label="filtered",
    ),
    Case(
        "engagements:review_queue",
        MANAGERS_ONLY,
        setup=in_the_queue,
        query="_export=csv",
        label="csv",
    ),
    Case(
        "engagements:review_queue",
        MANAGERS_ONLY,
        setup=in_the_queue,
        query="_export=xlsx",
        label="xlsx",
    ),
]
