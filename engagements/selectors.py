"""Reads that engagement pages share. Every lookup starts from what the user may see."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core import history
from forums.models import OutcomeDocument

from .models import Engagement, Position, Theme, Transition

Status = Engagement.Status


def _position_count():
    """Positions per engagement as a correlated subquery rather than a JOIN + GROUP BY: the list
    then counts and pages its rows from the (start_date, id) index, and only the rows shown are
    counted (100 000 engagements: a page in tens of milliseconds instead of seconds)."""
    return Coalesce(
        Subquery(
            Position.objects.filter(engagement=OuterRef("pk"))
            .order_by()
            .values("engagement")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        ),
        0,
    )


def engagements_for_list(user):
    """Engagements list and its exports: one query for the rows, one for their themes."""
    return (
        Engagement.objects.visible_to(user)
        .select_related("forum", "meeting", "lead_officer")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name_en")))
        .annotate(position_count=_position_count())
        .order_by("-start_date", "-pk")
    )


def positions_for_export(engagements):
    """The positions of these engagements (a queryset the user may see), for the positions export:
    newest engagement first, each engagement's positions in their own order."""
    return Position.objects.filter(engagement__in=engagements.values("pk")).order_by(
        "-engagement__start_date", "-engagement_id", "sort_order", "pk"
    )


def visible_engagement(user, pk) -> Engagement:
    """One engagement the user may see, else 404 (someone else's draft does not exist for them)."""
    return get_object_or_404(Engagement.objects.visible_to(user), pk=pk)


def engagement_for_detail(user, pk) -> Engagement:
    return get_object_or_404(
        Engagement.objects.visible_to(user)
        .select_related(
            "forum",
            "meeting",
            "meeting__forum",
            "lead_officer",
            "created_by",
            "agreement__recipient",
            "agreement__transfer_payment",
        )
        .prefetch_related(
            "partners",
            "delegation",
            "themes",
            Prefetch(
                "positions",
                queryset=Position.objects.select_related(
                    "theme", "outcome_document", "outcome_document__meeting"
                ),
            ),
            Prefetch("evidence", queryset=_evidence_queryset()),
            Prefetch("transitions", queryset=Transition.objects.select_related("actor")),
        ),
        pk=pk,
    )


def _evidence_queryset():
    from .models import Evidence

    return Evidence.objects.select_related("uploaded_by")


def _latest_reason():
    return Subquery(
        Transition.objects.filter(engagement=OuterRef("pk"))
        .order_by("-at", "-pk")
        .values("reason")[:1]
    )


MY_WORK_LIMIT = 50


def my_work(request) -> dict:
    """ "My work" (and the top of an officer's home page): what waits on the officer — records
    returned to them (at either step, with the latest reason), approved mandates whose meeting is
    over and whose outcomes are still to record, drafts — then what waits on a manager, among the
    records they lead or wrote. The counts are the navigation's (work_counts); one query per
    list, whatever the numbers."""
    user = request.user
    mine = _mine(user).select_related("forum", "meeting").order_by("-updated_at", "-pk")
    return {
        "counts": work_counts(request),
        "limit": MY_WORK_LIMIT,
        "returned": list(
            mine.filter(returned_q()).annotate(reason=_latest_reason())[:MY_WORK_LIMIT]
        ),
        "outcomes": list(
            mine.filter(_outcomes_due_q(timezone.localdate())).order_by("meeting__end_date", "pk")[
                :MY_WORK_LIMIT
            ]
        ),
        "drafts": list(mine.filter(status=Status.DRAFT)[:MY_WORK_LIMIT]),
        "submitted": list(mine.filter(awaiting_review_q())[:MY_WORK_LIMIT]),
    }


def awaiting_review_q() -> Q:
    """What waits for a manager: records (or mandates) submitted, and the outcomes of approved
    mandates submitted in their own step."""
    return Q(status=Status.SUBMITTED) | Q(
        status=Status.APPROVED, outcome_step=Engagement.OutcomeStep.SUBMITTED
    )


# The queue's order, oldest waiting first: the review queue's default sort and "approve / return
# and open the next" read it from here, so the next record is the one the queue shows next.
# `updated_at` is when the record (or its outcomes) was submitted: nothing changes a record while
# it waits, and the (status, updated_at) index serves it.
QUEUE_ORDER = ("updated_at", "pk")


def _official_position_count():
    """Positions aimed at an outcome document of a meeting identified as important: the ones the
    official indicator counts (indicators.calculations, OFFICIAL). A correlated subquery, as
    `_position_count`: only the rows shown are counted."""
    return Coalesce(
        Subquery(
            Position.objects.filter(
                engagement=OuterRef("pk"), outcome_document__meeting__is_important=True
            )
            .order_by()
            .values("engagement")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        ),
        0,
    )


def review_queue():
    """Submitted records and submitted outcomes, oldest first, with who submitted them, how many
    positions each carries and how many of them the official indicator counts (manager review
    queue and its exports); each says which step it is at (`review_step` on the model). One query
    for the rows, whatever their number."""
    return (
        Engagement.objects.filter(awaiting_review_q())
        .select_related("forum", "meeting", "lead_officer")
        .annotate(
            position_count=_position_count(), official_position_count=_official_position_count()
        )
        .order_by(*QUEUE_ORDER)
    )


def next_in_queue(user, after: Engagement) -> Engagement | None:
    """ "Approve / return and open the next": the record the queue shows first once this one has
    left it (its order, QUEUE_ORDER), among those the manager may review (not one they wrote)."""
    return (
        Engagement.objects.filter(awaiting_review_q())
        .exclude(pk=after.pk)
        .exclude(Q(lead_officer=user) | Q(created_by=user))
        .order_by(*QUEUE_ORDER)
        .first()
    )


def review_count(request) -> int:
    """The review queue's navigation badge: one COUNT on the (status, updated_at) index, once per
    request (work_counts)."""
    return work_counts(request)["queue"]


def _outcomes_due_q(today) -> Q:
    """An approved mandate whose meeting is over, its outcomes still to record."""
    return Q(status=Status.APPROVED, outcome_step=Engagement.OutcomeStep.AWAITING) & (
        Q(meeting__isnull=True) | Q(meeting__end_date__lt=today)
    )


def returned_q() -> Q:
    """Sent back to the author: the record (or mandate), or the outcomes recorded after it."""
    return Q(status=Status.RETURNED) | Q(
        status=Status.APPROVED, outcome_step=Engagement.OutcomeStep.RETURNED
    )


def _mine(user):
    return Engagement.objects.filter(Q(lead_officer=user) | Q(created_by=user))


def work_counts(request) -> dict:
    """What waits on the signed-in user, for the navigation: an officer's returned records,
    outcomes to record after the meeting and drafts ("My work"); a manager's review queue. At most
    one query each, computed once per request (every page shows the navigation, and tables and
    includes run the context processors again)."""
    cached = getattr(request, "_portal_work_counts", None)
    if cached is not None:
        return cached
    user = request.user
    counts = {"returned": 0, "outcomes": 0, "drafts": 0, "submitted": 0, "mine": 0, "queue": 0}
    if user.is_authenticated and user.has_perm("engagements.add_engagement"):
        counts.update(
            _mine(user)
            .order_by()
            .aggregate(
                returned=Count("pk", filter=returned_q()),
                outcomes=Count("pk", filter=_outcomes_due_q(timezone.localdate())),
                drafts=Count("pk", filter=Q(status=Status.DRAFT)),
                # waiting on a manager, not on them: shown on "My work", not in the badge
                submitted=Count("pk", filter=awaiting_review_q()),
            )
        )
        counts["mine"] = counts["returned"] + counts["outcomes"] + counts["drafts"]
    if user.is_authenticated and user.has_perm("engagements.approve_engagement"):
        counts["queue"] = Engagement.objects.filter(awaiting_review_q()).count()
    request._portal_work_counts = counts
    return counts


def my_work_count(request) -> int:
    """The "My work" navigation badge."""
    return work_counts(request)["mine"]


# --- change history ------------------------------------------------------------------------------
# The history itself is core/history.py's (the audit page's builder, also shown inline on the
# detail page): the record's own fields, its positions and its evidence, labelled in bulk.


def changes_since(engagement: Engagement, version: int) -> list:
    """What changed after `version` (the one a stale edit form started from), newest first."""
    entries = history.history_entries(history.SOURCES["engagements.engagement"], engagement)
    newer = [e.date for e in entries if not e.subject and e.record.version > version]
    if not newer:
        return []
    since = min(newer)
    return history.saves(
        history.label(
            [e for e in entries if e.date >= since and (e.subject or e.record.version > version)]
        )
    )


def outcome_documents_of(meeting):
    return (
        OutcomeDocument.objects.filter(meeting=meeting)
        if meeting
        else OutcomeDocument.objects.none()
    )


AGREEMENT_ENGAGEMENTS_LIMIT = 10


def engagements_for_agreement(user, agreement, *, limit=AGREEMENT_ENGAGEMENTS_LIMIT) -> dict:
    """The engagements linked to an agreement that the user may see (agreement detail page): how
    many, and the most recent ones. Two queries, however many are linked."""
    linked = Engagement.objects.visible_to(user).filter(agreement=agreement)
    return {
        "count": linked.count(),
        "rows": list(
            linked.select_related("forum", "meeting", "lead_officer").order_by(
                "-start_date", "-pk"
            )[:limit]
        ),
        "limit": limit,
    }


HOME_WORK_LIMIT = 5


def home_work(request) -> dict | None:
    """The top of the home page, before the program figures: an officer's own work (returned to
    them, outcomes to record after the meeting, drafts; the few most recent of each) and a
    manager's review queue (its size and the oldest waiting). The counts are the navigation's;
    one query per list shown. None for a user with neither role."""
    user = request.user
    officer = user.has_perm("engagements.add_engagement")
    manager = user.has_perm("engagements.approve_engagement")
    if not (officer or manager):
        return None
    counts = work_counts(request)
    work = {"counts": counts, "limit": HOME_WORK_LIMIT, "officer": officer, "manager": manager}
    if officer:
        mine = _mine(user).select_related("forum", "meeting").order_by("-updated_at", "-pk")
        today = timezone.localdate()
        lists = {
            "returned": lambda: mine.filter(returned_q()).annotate(reason=_latest_reason()),
            "outcomes": lambda: mine.filter(_outcomes_due_q(today)).order_by(
                "meeting__end_date", "pk"
            ),
            "drafts": lambda: mine.filter(status=Status.DRAFT),
        }
        for name, rows in lists.items():
            # nothing to read when the count (already known) says there is none
            work[name] = list(rows()[:HOME_WORK_LIMIT]) if counts[name] else []
    if manager:
        work["queue"] = list(review_queue()[:HOME_WORK_LIMIT]) if counts["queue"] else []
    return work
