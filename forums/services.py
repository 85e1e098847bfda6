"""Writes on meetings: a manager's decision that a meeting is important (or not), and an
officer's proposal. Each is keyword-only, atomic, locks the meeting row and leaves one history
row naming who did it and why."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formatting import long_date

from .models import Meeting, OutcomeDocument

Importance = Meeting.Importance

DECIDE = "forums.decide_importance"
PROPOSE = "forums.propose_importance"


def proposal_fields(*, actor, reason: str = "", today: datetime.date | None = None) -> dict:
    """The fields an officer's proposal sets (also used for a meeting created from the
    engagement form's "Meeting not listed?" fieldset)."""
    if not actor.has_perm(PROPOSE):
        raise PermissionDenied
    return {
        "importance": Importance.PROPOSED,
        "importance_proposed_by": actor,
        "importance_proposed_on": today or timezone.localdate(),
        "importance_proposal_reason": (reason or "").strip(),
    }


def _save(meeting: Meeting, actor, reason: str):
    meeting.full_clean()
    meeting._history_user = actor
    meeting._change_reason = reason[:100] if reason else ""
    meeting.save()


@transaction.atomic
def propose_importance(*, meeting: Meeting, actor, reason: str = "") -> Meeting:
    """An officer proposes that a meeting be identified as important; a manager decides."""
    fields = proposal_fields(actor=actor, reason=reason)
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.importance == Importance.PROPOSED:
        raise ValidationError(
            _("This meeting has already been proposed: a manager will decide."),
            code="already_proposed",
        )
    if current.importance == Importance.IMPORTANT:
        raise ValidationError(
            _("This meeting is already identified as important."), code="already_important"
        )
    for name, value in fields.items():
        setattr(current, name, value)
    _save(current, actor, fields["importance_proposal_reason"])
    return current


@transaction.atomic
def decide_importance(
    *,
    meeting: Meeting,
    actor,
    important: bool,
    reason: str = "",
    today: datetime.date | None = None,
) -> Meeting:
    """A program manager identifies a meeting as important, or decides it is not, today.

    A decision taken on or after the day the meeting began needs a reason (the meeting is then
    flagged "identified after the meeting began"), and so does undoing an identification."""
    if not actor.has_perm(DECIDE):
        raise PermissionDenied
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    wanted = Importance.IMPORTANT if important else Importance.DECLINED
    if current.importance == wanted:
        raise ValidationError(
            _("This meeting is already identified as important.")
            if important
            else _("This meeting has already been decided as not important."),
            code="unchanged",
        )
    if not reason:
        if important and today >= current.start_date:
            raise ValidationError(
                {
                    "reason": _(
                        "This meeting began on %(start)s: say why it is identified as important "
                        "only now (it will be flagged as identified after the meeting began)."
                    )
                    % {"start": long_date(current.start_date)}
                }
            )
        if current.importance == Importance.IMPORTANT:
            raise ValidationError(
                {"reason": _("Say why this meeting is no longer identified as important.")}
            )
    current.importance = wanted
    current.is_important = important
    current.importance_decided_on = today
    current.importance_decided_by = actor
    current.importance_reason = reason
    _save(current, actor, reason)
    return current


@transaction.atomic
def import_meeting(
    *,
    actor,
    fields: dict,
    documents: list[dict],
    important: bool,
    reason: str = "",
    meeting: Meeting | None = None,
) -> Meeting:
    """One meeting of a spreadsheet import (imports/, inside its one transaction): created, or
    updated when the same importer created it, with its outcome documents (added, or matched by
    English title and updated). `important` is a manager's decision, taken through
    decide_importance (dated today, so past meetings need `reason` and are flagged identified
    after they began); no decision is taken when nothing changes."""
    if not actor.has_perm("imports.import_meetings") or not actor.has_perm(DECIDE):
        raise PermissionDenied
    current = Meeting.objects.select_for_update().get(pk=meeting.pk) if meeting else Meeting()
    for name, value in fields.items():
        setattr(current, name, value)
    _save(current, actor, reason)
    existing = {d.title_en: d for d in current.outcome_documents.all()} if meeting else {}
    for values in documents:
        document = existing.get(values["title_en"]) or OutcomeDocument(meeting=current)
        for name, value in values.items():
            setattr(document, name, value)
        document.full_clean()
        document._history_user = actor
        document.save()
    if important != current.is_important and (important or meeting is not None):
        current = decide_importance(
            meeting=current, actor=actor, important=important, reason=reason
        )
    return current
