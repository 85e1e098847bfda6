"""Writes of the watch of international events: each one atomic, validated by the models' own
rules (full_clean), and recorded in the history with who made it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Assessment, Event, EventResponse


@dataclass(frozen=True)
class AssessmentData:
    effect: str
    level: str  # "" when the effect is not assessed (an earlier assessment is then removed)
    note: str


def save_event(*, event: Event, actor, forums, assessments: list[AssessmentData], language: str):
    """Create or update an event, the forums that took it up and its assessments: all or
    nothing. An assessment whose level and note are unchanged keeps its date and author."""
    with transaction.atomic():
        is_new = event.pk is None
        if is_new:
            event.created_by = actor
        event.full_clean()
        event.save()
        event.forums.set(forums)
        current = {a.effect: a for a in event.assessments.select_for_update()} if not is_new else {}
        errors = {}
        for data in assessments:
            existing = current.get(data.effect)
            if not data.level:
                if existing is not None:
                    existing.delete()
                continue
            if existing is not None and (existing.level, existing.note) == (data.level, data.note):
                continue
            assessment = existing or Assessment(event=event, effect=data.effect)
            assessment.level, assessment.note, assessment.language = (
                data.level,
                data.note,
                language,
            )
            assessment.assessed_on = timezone.localdate()
            assessment.assessed_by = actor
            try:
                assessment.full_clean(exclude=["event"])
            except ValidationError as error:
                errors.update({f"{data.effect}_{k}": v for k, v in error.message_dict.items()})
                continue
            assessment.save()
        if errors:
            raise ValidationError(errors)
        return event


def set_engagement_events(*, engagement, events, actor):
    """The events an engagement addressed are exactly `events` (links added and removed, each a
    history row with who made it)."""
    wanted = {event.pk for event in events}
    with transaction.atomic():
        current = {r.event_id: r for r in engagement.event_responses.select_for_update()}
        for event_id, response in current.items():
            if event_id not in wanted:
                response.delete()
        for event_id in wanted - set(current):
            EventResponse.objects.create(event_id=event_id, engagement=engagement, linked_by=actor)
