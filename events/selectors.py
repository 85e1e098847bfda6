"""Reads of the watch of international events that several pages share."""

from django.db import models
from django.db.models import Case, IntegerField, Max, Prefetch, Value, When

from engagements.models import Engagement, Position

from .models import LEVEL_RANK, Assessment, Event, Level

LEVEL_ORDER = Case(
    *(When(assessments__level=level, then=Value(rank)) for level, rank in LEVEL_RANK.items()),
    default=Value(0),
    output_field=IntegerField(),
)


def events_for_list():
    """The watch list: each event with its highest level assessed and who follows it."""
    return (
        Event.objects.select_related("followed_by")
        .annotate(level_rank=Max(LEVEL_ORDER))
        .order_by("-start_date", "pk")
    )


def active_high_events():
    """The program dashboard: active events assessed high for at least one program, with those
    assessments (two queries, whatever the number of events)."""
    return (
        Event.objects.filter(status=Event.Status.ACTIVE)
        .assessed(Level.HIGH)
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.filter(level=Level.HIGH).order_by("effect"),
                to_attr="high_assessments",
            )
        )
        .order_by("-start_date", "pk")
    )


def event_work(event, user):
    """What responded to an event, among the records the user may see: the engagements that
    addressed it (with their forum and meeting) and the positions delivered there."""
    engagements = list(
        Engagement.objects.visible_to(user)
        .filter(event_responses__event=event)
        .select_related("forum", "meeting__forum", "lead_officer")
        .order_by("-start_date", "-pk")
    )
    positions = list(
        Position.objects.filter(engagement__in=[e.pk for e in engagements])
        .select_related("engagement", "outcome_document")
        .order_by("-engagement__start_date", "engagement_id", "sort_order", "pk")
    )
    return {"engagements": engagements, "positions": positions}


def events_for_engagement(engagement):
    return list(engagement.events.order_by("-start_date", "pk"))


def events_to_link(engagement):
    """What an engagement can say it addressed: every event not closed, and those it already
    addressed (closed ones included)."""
    return (
        Event.objects.filter(
            ~models.Q(status=Event.Status.CLOSED) | models.Q(responses__engagement=engagement)
        )
        .distinct()
        .order_by("-start_date", "pk")
    )
