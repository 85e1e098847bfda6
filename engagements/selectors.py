"""Reads that engagement pages share. Every lookup starts from what the user may see."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

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


def my_work(user) -> dict:
    """ "My work": the officer's drafts, returned records (with the latest reason) and records
    awaiting approval — records they lead or wrote. Three queries, whatever the numbers."""

    mine = (
        Engagement.objects.filter(Q(lead_officer=user) | Q(created_by=user))
        .select_related("forum", "meeting")
        .order_by("-updated_at", "-pk")
    )
    counts = mine.order_by().aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        returned=Count("pk", filter=Q(status=Status.RETURNED)),
        submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
    )
    return {
        "counts": counts,
        "limit": MY_WORK_LIMIT,
        "drafts": list(mine.filter(status=Status.DRAFT)[:MY_WORK_LIMIT]),
        "returned": list(
            mine.filter(status=Status.RETURNED).annotate(reason=_latest_reason())[:MY_WORK_LIMIT]
        ),
        "submitted": list(mine.filter(status=Status.SUBMITTED)[:MY_WORK_LIMIT]),
    }


def review_queue():
    """Submitted records, oldest first, with who submitted them (manager review queue)."""
    return (
        Engagement.objects.filter(status=Status.SUBMITTED)
        .select_related("forum", "meeting", "lead_officer")
        .annotate(position_count=_position_count())
        .order_by("updated_at", "pk")
    )


def next_in_queue(user, after: Engagement) -> Engagement | None:
    """ "Approve / return and open the next": the oldest submitted record after this one that the
    manager may review (not one they wrote)."""
    return (
        Engagement.objects.filter(status=Status.SUBMITTED)
        .exclude(pk=after.pk)
        .exclude(Q(lead_officer=user) | Q(created_by=user))
        .order_by("updated_at", "pk")
        .first()
    )


def review_count(request) -> int:
    """The navigation badge: one COUNT on the (status, updated_at) index."""
    if not request.user.has_perm("engagements.approve_engagement"):
        return 0
    return Engagement.objects.filter(status=Status.SUBMITTED).count()


# --- change history ------------------------------------------------------------------------------
# The history itself is core/history.py's (the audit page's builder, also shown inline on the
# detail page): the record's own fields, its positions and its evidence, labelled in bulk.


def changes_since(engagement: Engagement, version: int) -> list:
    """What changed after `version` (the one a stale edit form started from), newest first."""
    entries = history.history_entries(history.source_of(engagement), engagement)
    newer = [e.date for e in entries if not e.subject and e.record.version > version]
    if not newer:
        return []
    since = min(newer)
    return history.label(
        [e for e in entries if e.date >= since and (e.subject or e.record.version > version)]
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
