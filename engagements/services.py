"""Writes on engagements: each a keyword-only function, atomic, locking the engagement row, and
recording who did it (history user and, for the workflow, a Transition)."""

import uuid
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from core.cache import invalidate
from core.formatting import long_date
from core.signals import records_written
from forums.models import Meeting, OutcomeDocument
from forums.services import proposal_fields
from notifications import services as notifications

from .models import Engagement, Evidence, Position, Theme, Transition, engagement_history
from .uploads import CheckedFile, generated_name

Status = Engagement.Status
OutcomeStep = Engagement.OutcomeStep
Step = Transition.Step


class WorkflowError(ValidationError):
    """A workflow step that is not allowed from the record's current status."""


class AlreadyCreated(Exception):
    """The form that would create this record already created one (sent twice)."""

    def __init__(self, existing: Engagement):
        super().__init__("already created")
        self.existing = existing


class StaleEdit(Exception):
    """The record changed since the user started editing it (optimistic locking)."""

    def __init__(self, current: Engagement, started_version: int):
        super().__init__("stale edit")
        self.current = current
        self.started_version = started_version


@dataclass
class PositionData:
    text: str
    theme: Theme
    outcome: str = Position.Outcome.PENDING
    outcome_document: OutcomeDocument | None = None
    outcome_note: str = ""
    outcome_reference: str = ""
    instance: Position | None = None  # an existing position to update
    delete: bool = False


@dataclass
class EngagementData:
    """What the engagement form gives the service: the engagement's own fields and its relations."""

    fields: dict
    partners: list = field(default_factory=list)
    delegation: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    positions: list[PositionData] = field(default_factory=list)
    new_files: list[CheckedFile] = field(default_factory=list)
    remove_evidence: list[Evidence] = field(default_factory=list)
    new_meeting: dict | None = None  # fields of a meeting to create under the chosen forum
    creation_token: uuid.UUID | None = None  # the create form's one-time token
    # why positions are added or changed after the meeting ended (or their outcome document
    # was adopted): asked once for the record, kept on each position it flags
    late_reason: str = ""


@dataclass
class OutcomeData:
    """One position's outcome, recorded after the meeting (the outcomes step)."""

    position: Position
    outcome: str
    outcome_note: str = ""
    outcome_reference: str = ""


def flag_position_set_late(position: Position, *, reason: str) -> Position:
    """THE way a position gets the "set after the meeting" flag (forms, imports, migrations): it
    was added or changed when its outcome could be known. Sets the two fields on the instance,
    saved or not (the caller saves it, one by one or in bulk); a reason is required. A position
    already flagged keeps its flag and takes the new reason (its history keeps the old one)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"late_reason": _("Say why the position is set after the meeting.")},
            code="late_reason_required",
        )
    position.set_late = True
    position.set_late_reason = reason
    return position


def _record_history(engagement: Engagement, actor, reason: str = "", *, created=False):
    """One history row per user action, including the many-to-many state (partners, delegation,
    themes), rather than one per related-table change."""
    engagement._history_user = actor
    if reason:
        engagement._change_reason = reason
    engagement_history.create_historical_record(engagement, "+" if created else "~")


def save_engagement(
    *, actor, data: EngagementData, engagement: Engagement | None = None, version: int | None = None
) -> Engagement:
    """Create (engagement=None) or update an engagement with its positions and evidence, all or
    nothing. On update, `version` (required) is the one the user started from: StaleEdit if it
    moved on."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _save_engagement(
                actor=actor, data=data, engagement=engagement, version=version, stored=stored
            )
    except IntegrityError:
        for name in stored:
            default_storage.delete(name)
        # the same create form sent twice at once: the other request's record won the token
        _raise_if_already_created(actor, None if engagement else data.creation_token)
        raise
    except BaseException:
        # the rows were rolled back: remove the files written for them too
        for name in stored:
            default_storage.delete(name)
        raise


def _raise_if_already_created(actor, token):
    if token is None:
        return
    existing = Engagement.objects.filter(creation_token=token).first()
    if existing is None:
        return
    if existing.created_by_id != actor.pk:
        raise ValidationError(
            _("This form was already used by someone else. Open a new form to log an engagement.")
        )
    raise AlreadyCreated(existing)


def save_and_submit_engagement(
    *, actor, data: EngagementData, engagement: Engagement | None = None, version: int | None = None
) -> tuple[Engagement, ValidationError | None]:
    """ "Save and submit": the save and the submission in one transaction, so nobody's change can
    land between the two (what is submitted is what the author saved). Two actions, so two
    history rows and the version moves by two. When the record cannot be submitted yet (no
    theme, ...), the save stands as a draft and the reason is returned with it."""
    with transaction.atomic():
        saved = save_engagement(actor=actor, data=data, engagement=engagement, version=version)
        try:
            with transaction.atomic():
                return submit_engagement(engagement=saved, actor=actor), None
        except ValidationError as error:
            return saved, error


def _save_engagement(
    *, actor, data, engagement, version, stored, imported: bool = False
) -> Engagement:
    """`imported`: the write of a spreadsheet import (imports.services), whose caller checked the
    import permission: the importer creates records and updates the drafts it created earlier
    (a manager imports without holding the officers' add and change permissions)."""
    creating = engagement is None
    if creating:
        if not imported and not actor.has_perm("engagements.add_engagement"):
            raise PermissionDenied
        _raise_if_already_created(actor, data.creation_token)
        engagement = Engagement(
            created_by=actor, status=Status.DRAFT, creation_token=data.creation_token
        )
    else:
        if version is None:
            # without it, the save would silently overwrite whatever was saved since the page
            # was opened: optimistic locking only works if every edit says where it started
            raise ValidationError(
                _(
                    "This page did not say which version of the record it was opened on, so "
                    "your changes could overwrite someone else's. Open the record again, then "
                    "make your changes."
                ),
                code="version_required",
            )
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if engagement.version != version:
            raise StaleEdit(engagement, version)
        if imported:
            if engagement.created_by_id != actor.pk or engagement.status not in (
                Status.DRAFT,
                Status.RETURNED,
            ):
                raise PermissionDenied
        elif not engagement.can_edit(actor):
            raise PermissionDenied
        engagement.version += 1

    for name, value in data.fields.items():
        setattr(engagement, name, value)
    if engagement.meeting_id and not engagement.forum_id:
        engagement.forum = engagement.meeting.forum
    if data.new_meeting:
        engagement.meeting = _create_meeting(actor, engagement.forum, data.new_meeting)
    if engagement.kind != Engagement.Kind.LEADERSHIP:
        engagement.leadership_role = Engagement.LeadershipRole.NONE
    if engagement.status in (Status.DRAFT, Status.RETURNED):
        # logged (or corrected) before the meeting ended: a mandate, whose outcomes are approved
        # in their own step; after: one step, the outcomes approved with the record
        engagement.outcome_step = (
            OutcomeStep.WITH_RECORD if engagement.meeting_has_ended() else OutcomeStep.AWAITING
        )
    engagement.fiscal_year = engagement.counted_fiscal_year().start_year
    # the token's uniqueness is the database's to decide: a twin request that commits between the
    # check above and this one must end in IntegrityError (sent to its record), not a form error
    engagement.full_clean(exclude=["creation_token"])

    engagement.skip_history_when_saving = True
    try:
        engagement.save()
        engagement.partners.set(data.partners)
        engagement.delegation.set(
            [u for u in data.delegation if u.pk != engagement.lead_officer_id]
        )
        engagement.themes.set(data.themes)
    finally:
        del engagement.skip_history_when_saving
    _record_history(engagement, actor, created=creating)

    _save_positions(engagement, data.positions, actor, late_reason=data.late_reason)
    _save_evidence(engagement, data.new_files, data.remove_evidence, actor, stored)
    return engagement


def _create_meeting(actor, forum, new_meeting: dict) -> Meeting:
    """The meeting an officer adds from the engagement form, when it is not listed yet."""
    if not actor.has_perm("forums.add_meeting"):
        raise PermissionDenied
    fields = dict(new_meeting)
    propose = fields.pop("propose_important", False)
    proposal_reason = fields.pop("proposal_reason", "")
    meeting = Meeting(forum=forum, **fields)
    if propose:
        # an officer only proposes: a manager identifies it (forums.services)
        for name, value in proposal_fields(actor=actor, reason=proposal_reason).items():
            setattr(meeting, name, value)
    meeting.full_clean()
    meeting._history_user = actor
    meeting.save()
    return meeting


def _mandate_changed(position: Position, item: PositionData) -> bool:
    """A new position, or a change to what Canada delivered (text, theme, outcome document)."""
    if position.pk is None:
        return True
    return (
        position.text != item.text
        or position.theme_id != getattr(item.theme, "pk", None)
        or position.outcome_document_id != getattr(item.outcome_document, "pk", None)
    )


def _save_positions(
    engagement: Engagement, positions: list[PositionData], actor, *, late_reason: str = ""
):
    order = 0
    today = timezone.localdate()
    for item in positions:
        if item.instance is not None and item.instance.engagement_id != engagement.pk:
            raise PermissionDenied
        if item.delete:
            if item.instance is not None:
                item.instance._history_user = actor
                item.instance.delete()
            continue
        position = item.instance or Position(engagement=engagement)
        changed = _mandate_changed(position, item)
        position.text = item.text
        position.theme = item.theme
        position.outcome = item.outcome
        position.outcome_document = item.outcome_document
        position.outcome_note = item.outcome_note
        position.outcome_reference = item.outcome_reference
        position.sort_order = order
        order += 1
        position.engagement = engagement
        if changed and position.is_set_late_on(today):
            if not (late_reason or "").strip():
                raise ValidationError(
                    {
                        "late_reason": _(
                            "The meeting has ended (or the outcome document was adopted): say "
                            "why these positions are added or changed now. They will be flagged "
                            "as set after the meeting."
                        )
                    },
                    code="late_reason",
                )
            flag_position_set_late(position, reason=late_reason)
        position.full_clean(exclude=["engagement"])
        position._history_user = actor
        position.save()


def _save_evidence(engagement, files: list[CheckedFile], remove: list[Evidence], actor, stored):
    for checked in files:
        name = default_storage.save(
            f"evidence/{timezone.now():%Y/%m}/{generated_name(checked.extension)}", checked.upload
        )
        stored.append(name)
        evidence = Evidence(
            engagement=engagement,
            file=name,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        evidence._history_user = actor
        evidence.save()
    for evidence in remove:
        if evidence.engagement_id != engagement.pk:
            raise PermissionDenied
        name = evidence.file.name
        evidence._history_user = actor
        evidence.delete()
        # Demo data (and a restored backup's duplicates) can share one stored file between rows:
        # the file goes only with the last row that names it.
        if not Evidence.objects.filter(file=name).exists():
            transaction.on_commit(partial(default_storage.delete, name))


# --- workflow ------------------------------------------------------------------------------------


def _transition(
    *,
    engagement: Engagement,
    actor,
    to_status: str,
    reason: str = "",
    step: str = Step.RECORD,
    outcome_step: str | None = None,
    notify: bool = True,
) -> Engagement:
    """One workflow step: of the record (its status), or of its outcomes (`step` = outcomes: its
    outcome_step). `outcome_step` also sets the outcomes' step along a record step."""
    locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
    field = "outcome_step" if step == Step.OUTCOMES else "status"
    from_status = getattr(locked, field)
    setattr(locked, field, to_status)
    if outcome_step is not None:
        locked.outcome_step = outcome_step
    locked.version += 1
    locked.skip_history_when_saving = True
    try:
        locked.save(update_fields=["status", "outcome_step", "version", "updated_at"])
    finally:
        del locked.skip_history_when_saving
    _record_history(locked, actor, reason)
    row = Transition.objects.create(
        engagement=locked,
        step=step,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
    )
    # who hears of it, in this transaction; their e-mails go once it commits (the task worker)
    if notify:
        notifications.engagement_transition(transition=row)
    return locked


def _locked(engagement: Engagement) -> Engagement:
    return Engagement.objects.select_for_update().get(pk=engagement.pk)


def _locked_for_review(engagement: Engagement, actor) -> Engagement:
    """The record locked for a manager's decision at either step; never one they wrote."""
    current = _locked(engagement)
    if not current.is_reviewer(actor):
        raise PermissionDenied
    return current


@transaction.atomic
def submit_engagement(*, engagement: Engagement, actor, reason: str = "") -> Engagement:
    """The author sends a draft or returned record for approval; on a returned one, `reason` is
    their answer to the return (kept on the trail, sent to the manager who returned it)."""
    current = _locked(engagement)
    if not current.is_author(actor) or not actor.has_perm("engagements.change_engagement"):
        raise PermissionDenied
    if current.status not in (Status.DRAFT, Status.RETURNED):
        raise WorkflowError(_("Only a draft or a returned record can be submitted."))
    if not current.themes.exists():
        raise WorkflowError(_("Choose at least one theme before submitting."))
    answer = (reason or "").strip() if current.status == Status.RETURNED else ""
    return _transition(engagement=current, actor=actor, to_status=Status.SUBMITTED, reason=answer)


def import_engagement(
    *,
    actor,
    data: EngagementData,
    engagement: Engagement | None = None,
    approve_reason: str = "",
) -> Engagement:
    """One engagement of a spreadsheet import (imports.services, inside its one transaction):
    created, or a draft the same importer created earlier updated, through the same path and
    rules as the engagement form. With `approve_reason` (a manager importing past years), the
    record is approved at once and the trail says so: "Imported as approved by …: …"."""
    if not actor.has_perm("imports.import_engagements"):
        raise PermissionDenied
    approve_reason = (approve_reason or "").strip()
    if approve_reason and not actor.has_perm("imports.import_approved_engagements"):
        raise PermissionDenied
    with transaction.atomic():
        saved = _save_engagement(
            actor=actor,
            data=data,
            engagement=engagement,
            version=engagement.version if engagement else None,
            stored=[],
            imported=True,
        )
        if approve_reason:
            saved = _transition(
                engagement=saved,
                actor=actor,
                to_status=Status.APPROVED,
                reason=_("Imported as approved by %(actor)s: %(reason)s")
                % {"actor": actor, "reason": approve_reason},
                # past years: nobody is waiting to hear that these records were approved
                notify=False,
            )
        return saved


def create_imported_engagements(
    *, actor, items: list[EngagementData], approve_reason: str = ""
) -> list[Engagement]:
    """The new engagements of a spreadsheet import (imports.services, inside its one
    transaction), written in bulk: a fixed number of queries per 500 records, whatever the rows.
    The import's dry run, run again in the same transaction, has checked every row against the
    model rules (clean) and loaded every related object; this writes what it planned, as
    import_engagement would one by one: drafts (or approved with `approve_reason`, the trail
    saying "Imported as approved by …: …"), one history row per action with the themes it had,
    positions set late flagged with the import's reason. Bulk writes send no model signals: the
    figures' cache is invalidated here, once."""
    if not actor.has_perm("imports.import_engagements"):
        raise PermissionDenied
    approve_reason = (approve_reason or "").strip()
    if approve_reason and not actor.has_perm("imports.import_approved_engagements"):
        raise PermissionDenied
    if not items:
        return []
    today = timezone.localdate()
    engagements = []
    for data in items:
        engagement = Engagement(created_by=actor, status=Status.DRAFT, **data.fields)
        meeting = data.fields.get("meeting")
        if meeting is not None and not engagement.forum_id:
            engagement.forum = meeting.forum
        if engagement.kind != Engagement.Kind.LEADERSHIP:
            engagement.leadership_role = Engagement.LeadershipRole.NONE
        engagement.outcome_step = (
            OutcomeStep.WITH_RECORD if engagement.meeting_has_ended(today) else OutcomeStep.AWAITING
        )
        engagement.fiscal_year = engagement.counted_fiscal_year().start_year
        engagements.append(engagement)
    with transaction.atomic():
        Engagement.objects.bulk_create(engagements, batch_size=BULK_BATCH)
        through = Engagement.themes.through
        links = [
            through(engagement=engagement, theme=theme)
            for engagement, data in zip(engagements, items, strict=True)
            for theme in data.themes
        ]
        through.objects.bulk_create(links, batch_size=BULK_BATCH)
        themes_of: dict[int, list] = {}
        for link in links:
            themes_of.setdefault(link.engagement_id, []).append(link)
        _bulk_history(engagements, themes_of, actor)
        positions = []
        for engagement, data in zip(engagements, items, strict=True):
            for order, item in enumerate(data.positions):
                position = Position(
                    engagement=engagement,
                    text=item.text,
                    theme=item.theme,
                    outcome=item.outcome,
                    outcome_document=item.outcome_document,
                    outcome_note=item.outcome_note,
                    outcome_reference=item.outcome_reference,
                    sort_order=order,
                )
                if position.is_set_late_on(today):
                    flag_position_set_late(position, reason=data.late_reason)
                positions.append(position)
        bulk_create_with_history(positions, Position, batch_size=BULK_BATCH, default_user=actor)
        if approve_reason:
            reason = _("Imported as approved by %(actor)s: %(reason)s") % {
                "actor": actor,
                "reason": approve_reason,
            }
            now = timezone.now()
            for engagement in engagements:
                engagement.status = Status.APPROVED
                engagement.version += 1
                engagement.updated_at = now
            Engagement.objects.bulk_update(
                engagements, ["status", "version", "updated_at"], batch_size=BULK_BATCH
            )
            _bulk_history(engagements, themes_of, actor, reason=reason, update=True)
            Transition.objects.bulk_create(
                [
                    Transition(
                        engagement=engagement,
                        step=Step.RECORD,
                        from_status=Status.DRAFT,
                        to_status=Status.APPROVED,
                        actor=actor,
                        reason=reason,
                    )
                    for engagement in engagements
                ],
                batch_size=BULK_BATCH,
            )
        records_written.send(sender=Engagement, pks=[engagement.pk for engagement in engagements])
        invalidate()
    return engagements


BULK_BATCH = 500


def _bulk_history(engagements, themes_of: dict[int, list], actor, *, reason="", update=False):
    """What _record_history writes for each engagement (its history row, with the themes it
    has), for many at once, through simple-history's bulk API."""
    history = get_history_manager_for_model(Engagement)
    rows = history.bulk_history_create(
        engagements,
        batch_size=BULK_BATCH,
        update=update,
        default_user=actor,
        default_change_reason=reason,
    )
    themes_history = rows[0].themes.model if rows else None
    if themes_history is None:
        return
    themes_history.objects.bulk_create(
        [
            themes_history(
                id=link.pk, history=row, engagement_id=link.engagement_id, theme_id=link.theme_id
            )
            for row in rows
            for link in themes_of.get(row.id, [])
        ],
        batch_size=BULK_BATCH,
    )


@transaction.atomic
def withdraw_engagement(*, engagement: Engagement, actor) -> Engagement:
    """The author takes a submitted record back to draft, before a manager has decided."""
    current = _locked(engagement)
    if not current.is_author(actor) or not actor.has_perm("engagements.change_engagement"):
        raise PermissionDenied
    if current.status != Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted record can be withdrawn."))
    return _transition(engagement=current, actor=actor, to_status=Status.DRAFT)


@transaction.atomic
def approve_engagement(*, engagement: Engagement, actor, reason: str = "") -> Engagement:
    """A manager approves a submitted record (not one they wrote themselves)."""
    current = _locked_for_review(engagement, actor)
    if current.status != Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted record can be approved."))
    return _transition(
        engagement=current, actor=actor, to_status=Status.APPROVED, reason=reason.strip()
    )


@transaction.atomic
def return_engagement(*, engagement: Engagement, actor, reason: str) -> Engagement:
    """A manager sends a submitted record back to its author, saying why."""
    current = _locked_for_review(engagement, actor)
    if current.status != Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted record can be returned."))
    if not (reason or "").strip():
        raise WorkflowError(_("Say why the record is returned."), code="reason_required")
    return _transition(
        engagement=current, actor=actor, to_status=Status.RETURNED, reason=reason.strip()
    )


@transaction.atomic
def reopen_engagement(*, engagement: Engagement, actor, reason: str) -> Engagement:
    """A manager reopens an approved record: it goes back to its author as returned, with why.
    When its outcomes were approved in their own step, they are what is reopened (returned to
    the author); the mandate stays approved."""
    current = _locked(engagement)
    if not actor.has_perm("engagements.reopen_engagement"):
        raise PermissionDenied
    if current.status != Status.APPROVED:
        raise WorkflowError(_("Only an approved record can be reopened."))
    if current.outcome_step == OutcomeStep.SUBMITTED:
        raise WorkflowError(
            _("Its outcomes are awaiting approval: approve or return them instead.")
        )
    if not (reason or "").strip():
        raise WorkflowError(_("Say why the record is reopened."), code="reason_required")
    if current.outcome_step == OutcomeStep.APPROVED:
        return _transition(
            engagement=current,
            actor=actor,
            to_status=OutcomeStep.RETURNED,
            reason=reason.strip(),
            step=Step.OUTCOMES,
        )
    return _transition(
        engagement=current,
        actor=actor,
        to_status=Status.RETURNED,
        reason=reason.strip(),
        # outcomes returned with the mandate are recorded again from the record's edit form
        outcome_step=OutcomeStep.AWAITING if current.outcome_step == OutcomeStep.RETURNED else None,
    )


# --- the outcomes' own step (a mandate logged before its meeting) ---------------------------


def _outcomes_editable(current: Engagement, actor):
    if not current.is_author(actor) or not actor.has_perm("engagements.change_engagement"):
        raise PermissionDenied
    if not current.can_record_outcomes(actor):
        raise WorkflowError(
            _("Outcomes are recorded once the mandate is approved, until they are submitted.")
        )
    meeting = current.meeting
    if meeting is not None and not current.meeting_has_ended():
        raise WorkflowError(
            _(
                "The outcomes cannot be recorded before the meeting has ended: %(meeting)s ends "
                "on %(end)s."
            )
            % {"meeting": meeting.name, "end": long_date(meeting.end_date)},
            code="meeting_not_ended",
        )


@transaction.atomic
def record_outcomes(
    *, engagement: Engagement, actor, outcomes: list[OutcomeData], version: int
) -> Engagement:
    """The author records what the outcome documents made of each position of an approved
    mandate, after the meeting (the text, theme and document stay as approved). One history row
    for the record and one per position changed; StaleEdit if the record moved on."""
    current = _locked(engagement)
    if current.version != version:
        raise StaleEdit(current, version)
    _outcomes_editable(current, actor)
    for item in outcomes:
        position = item.position
        if position.engagement_id != current.pk:
            raise PermissionDenied
        position.engagement = current
        position.outcome = item.outcome
        position.outcome_note = item.outcome_note
        position.outcome_reference = item.outcome_reference
        position.full_clean(exclude=["engagement"])
        position._history_user = actor
        position.save()
    current.version += 1
    current.skip_history_when_saving = True
    try:
        current.save(update_fields=["version", "updated_at"])
    finally:
        del current.skip_history_when_saving
    _record_history(current, actor)
    return current


@transaction.atomic
def submit_outcomes(*, engagement: Engagement, actor, reason: str = "") -> Engagement:
    """The author sends the recorded outcomes for approval (a returned step: with their answer)."""
    current = _locked(engagement)
    _outcomes_editable(current, actor)
    if not current.positions.exclude(outcome=Position.Outcome.PENDING).exists():
        raise WorkflowError(
            _("Record at least one position's outcome before submitting the outcomes."),
            code="no_outcome",
        )
    answer = (reason or "").strip() if current.outcome_step == OutcomeStep.RETURNED else ""
    return _transition(
        engagement=current,
        actor=actor,
        to_status=OutcomeStep.SUBMITTED,
        reason=answer,
        step=Step.OUTCOMES,
    )


@transaction.atomic
def approve_outcomes(*, engagement: Engagement, actor, reason: str = "") -> Engagement:
    """A manager approves the outcomes submitted (not ones they recorded): they count from now."""
    current = _locked_for_review(engagement, actor)
    if current.review_step != Step.OUTCOMES:
        raise WorkflowError(_("Only submitted outcomes can be approved."))
    return _transition(
        engagement=current,
        actor=actor,
        to_status=OutcomeStep.APPROVED,
        reason=(reason or "").strip(),
        step=Step.OUTCOMES,
    )


@transaction.atomic
def return_outcomes(*, engagement: Engagement, actor, reason: str) -> Engagement:
    """A manager sends the submitted outcomes back to their author, saying why."""
    current = _locked_for_review(engagement, actor)
    if current.review_step != Step.OUTCOMES:
        raise WorkflowError(_("Only submitted outcomes can be returned."))
    if not (reason or "").strip():
        raise WorkflowError(_("Say why the outcomes are returned."), code="reason_required")
    return _transition(
        engagement=current,
        actor=actor,
        to_status=OutcomeStep.RETURNED,
        reason=reason.strip(),
        step=Step.OUTCOMES,
    )


def approve_submitted(*, engagement: Engagement, actor, reason: str = "") -> Engagement:
    """Approve whichever step is submitted: the record (or its mandate), or its outcomes."""
    if engagement.review_step == Step.OUTCOMES:
        return approve_outcomes(engagement=engagement, actor=actor, reason=reason)
    return approve_engagement(engagement=engagement, actor=actor, reason=reason)


def return_submitted(*, engagement: Engagement, actor, reason: str) -> Engagement:
    """Return whichever step is submitted, with the reason."""
    if engagement.review_step == Step.OUTCOMES:
        return return_outcomes(engagement=engagement, actor=actor, reason=reason)
    return return_engagement(engagement=engagement, actor=actor, reason=reason)


@transaction.atomic
def delete_draft(*, engagement: Engagement, actor) -> None:
    """The author deletes a draft that was never submitted, with its positions and evidence
    files; the history keeps the fact (a deletion row per record, naming who)."""
    current = _locked(engagement)
    if not current.is_author(actor) or not actor.has_perm("engagements.change_engagement"):
        raise PermissionDenied
    if current.status != Status.DRAFT or current.transitions.exists():
        raise WorkflowError(_("Only a draft that was never submitted can be deleted."))
    names = []
    for evidence in current.evidence.all():
        names.append(evidence.file.name)
        evidence._history_user = actor
        evidence.delete()
    for position in current.positions.all():
        position._history_user = actor
        position.delete()
    current._history_user = actor
    current.delete()
    for name in names:
        # a file shared with another row (demo data, a restored backup) stays for that row
        if not Evidence.objects.filter(file=name).exists():
            transaction.on_commit(partial(default_storage.delete, name))
