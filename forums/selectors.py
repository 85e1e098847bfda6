"""Reads that several forum pages share."""

import datetime

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.fiscal import FiscalYear
from partners.models import Organization

from .models import Forum, Meeting


def forums_with_counts():
    """Forums with their parent and meeting count, in one query (forum list)."""
    return (
        Forum.objects.select_related("parent")
        .annotate(meeting_count=Count("meetings"))
        .order_by("acronym_en")
    )


def meetings_with_forum():
    return Meeting.objects.select_related("forum")


def reference_overview(*, fiscal_year: FiscalYear) -> dict:
    """Counts for the home page, each one query aggregated by the database."""
    meetings = Meeting.objects.aggregate(
        in_year=Count("pk", filter=Q(start_date__range=(fiscal_year.start, fiscal_year.end))),
        important_in_year=Count(
            "pk",
            filter=Q(start_date__range=(fiscal_year.start, fiscal_year.end), is_important=True),
        ),
        total=Count("pk"),
    )
    return {
        "forums": Forum.objects.filter(is_active=True).count(),
        "organizations": Organization.objects.filter(is_active=True).count(),
        **{f"meetings_{key}": value for key, value in meetings.items()},
    }


# --- the year's plan -------------------------------------------------------------------------------

# A delivered position still without an outcome this long after its meeting ended is overdue.
OVERDUE_AFTER = datetime.timedelta(days=30)

IMPORTANCE_RANK = Case(
    When(importance=Meeting.Importance.IMPORTANT, then=Value(0)),
    When(importance=Meeting.Importance.PROPOSED, then=Value(1)),
    When(importance=Meeting.Importance.NONE, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def _count(queryset, key: str):
    """A correlated count of `queryset` rows whose `key` is the outer meeting (0 when none)."""
    return Coalesce(
        Subquery(
            queryset.filter(**{key: OuterRef("pk")})
            .order_by()
            .values(key)
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def plan_meetings(*, user, today: datetime.date):
    """The meetings of the plan page, each with its engagements and positions as the user may see
    them: one query, whatever the number of meetings and engagements (each count a correlated
    subquery). Filter by fiscal year with PlanFilter."""
    from engagements.models import Engagement, Position, outcomes_counted_q

    visible = Engagement.objects.visible_to(user)
    positions = Position.objects.filter(engagement__in=visible.values("pk"))
    delivered = positions.filter(engagement__status=Engagement.Status.APPROVED)
    # an outcome recorded and not yet approved still awaits (it counts as pending)
    awaiting = delivered.filter(Q(outcome=Position.Outcome.PENDING) | ~outcomes_counted_q())
    return (
        Meeting.objects.select_related("forum", "importance_decided_by")
        .annotate(
            importance_rank=IMPORTANCE_RANK,
            timing=Case(
                When(start_date__gt=today, then=Value("upcoming")),
                When(end_date__gte=today, then=Value("under_way")),
                default=Value("past"),
            ),
            n_engagements=_count(visible, "meeting"),
            n_planned=_count(
                positions.exclude(engagement__status=Engagement.Status.APPROVED),
                "engagement__meeting",
            ),
            n_delivered=_count(delivered, "engagement__meeting"),
            n_awaiting=_count(awaiting, "engagement__meeting"),
            n_overdue=Case(
                When(
                    end_date__lt=today - OVERDUE_AFTER,
                    then=_count(awaiting, "engagement__meeting"),
                ),
                default=Value(0),
            ),
        )
        .order_by("importance_rank", "start_date", "pk")
    )


def meeting_trace(meeting: Meeting, *, user) -> dict:
    """A meeting's outcome documents, each with the positions that aimed at it, and the
    engagements at the meeting: only what the user may see (three queries)."""
    from django.db.models import Prefetch

    from engagements.models import Engagement, Position

    visible = Engagement.objects.visible_to(user)
    positions = (
        Position.objects.filter(engagement__in=visible.values("pk"))
        .select_related("engagement__lead_officer")
        .order_by("engagement__start_date", "engagement_id", "sort_order", "pk")
    )
    return {
        "outcome_documents": meeting.outcome_documents.prefetch_related(
            Prefetch("positions", queryset=positions, to_attr="visible_positions")
        ),
        "engagements": visible.filter(meeting=meeting)
        .select_related("lead_officer")
        .order_by("start_date", "pk"),
    }
