"""Writes on engagements: each a keyword-only function, atomic, locking the engagement row, and
recording who did it (history user and, for the workflow, a Transition)."""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import Meeting
from forums.services import proposal_fields
from notifications import services as notifications

from .models import Engagement, Evidence, Position, Transition, engagement_history
from .uploads import CheckedFile, generated_name

Status = Engagement.Status


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
    theme: object
    outcome: str = Position.Outcome.PENDING
    outcome_document: object = None
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


def _check_meeting(engagement: Engagement):
    if engagement.meeting_id and engagement.meeting.forum_id != engagement.forum_id:
        raise ValidationError({"meeting": _("This meeting belongs to another forum.")})


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


def _save_engagement(*, actor, data, engagement, version, stored) -> Engagement:
    creating = engagement is None
    if creating:
        if not actor.has_perm("engagements.add_engagement"):
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
        if not engagement.can_edit(actor):
            raise PermissionDenied
        engagement.version += 1

    for name, value in data.fields.items():
        setattr(engagement, name, value)
    if engagement.meeting_id and not engagement.forum_id:
        engagement.forum = engagement.meeting.forum
    if data.new_meeting:
        if not actor.has_perm("forums.add_meeting"):
            raise PermissionDenied
        fields = dict(data.new_meeting)
        propose = fields.pop("propose_important", False)
        proposal_reason = fields.pop("proposal_reason", "")
        meeting = Meeting(forum=engagement.forum, **fields)
        if propose:
            # an officer only proposes: a manager identifies it (forums.services)
            for name, value in proposal_fields(actor=actor, reason=proposal_reason).items():
                setattr(meeting, name, value)
        meeting.full_clean()
        meeting._history_user = actor
        meeting.save()
        engagement.meeting = meeting
    if engagement.kind != Engagement.Kind.LEADERSHIP:
        engagement.leadership_role = Engagement.LeadershipRole.NONE
    _check_meeting(engagement)
    engagement.fiscal_year = engagement.counted_fiscal_year().start_year
    engagement.full_clean()

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

    _save_positions(engagement, data.positions, actor)
    _save_evidence(engagement, data.new_files, data.remove_evidence, actor, stored)
    return engagement


def _save_positions(engagement: Engagement, positions: list[PositionData], actor):
    order = 0
    for item in positions:
        if item.instance is not None and item.instance.engagement_id != engagement.pk:
            raise PermissionDenied
        if item.delete:
            if item.instance is not None:
                item.instance._history_user = actor
                item.instance.delete()
            continue
        position = item.instance or Position(engagement=engagement)
        position.text = item.text
        position.theme = item.theme
        position.outcome = item.outcome
        position.outcome_document = item.outcome_document
        position.outcome_note = item.outcome_note
        position.outcome_reference = item.outcome_reference
        position.sort_order = order
        order += 1
        position.engagement = engagement
        if position.outcome_document is not None and (
            position.outcome_document.meeting_id != engagement.meeting_id
        ):
            raise ValidationError(
                {"outcome_document": _("Choose an outcome document of the engagement's meeting.")}
            )
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
            transaction.on_commit(lambda name=name: default_storage.delete(name))


# --- workflow ------------------------------------------------------------------------------------


def _transition(*, engagement: Engagement, actor, to_status: str, reason: str = "") -> Engagement:
    locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
    from_status = locked.status
    locked.status = to_status
    locked.version += 1
    locked.skip_history_when_saving = True
    try:
        locked.save(update_fields=["status", "version", "updated_at"])
    finally:
        del locked.skip_history_when_saving
    _record_history(locked, actor, reason)
    step = Transition.objects.create(
        engagement=locked, from_status=from_status, to_status=to_status, actor=actor, reason=reason
    )
    # who hears of it, in this transaction; their e-mails go once it commits (the task worker)
    notifications.engagement_transition(transition=step)
    return locked


def _locked(engagement: Engagement) -> Engagement:
    return Engagement.objects.select_for_update().get(pk=engagement.pk)


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
    current = _locked(engagement)
    if not actor.has_perm("engagements.approve_engagement") or current.is_author(actor):
        raise PermissionDenied
    if current.status != Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted record can be approved."))
    return _transition(
        engagement=current, actor=actor, to_status=Status.APPROVED, reason=reason.strip()
    )


@transaction.atomic
def return_engagement(*, engagement: Engagement, actor, reason: str) -> Engagement:
    """A manager sends a submitted record back to its author, saying why."""
    current = _locked(engagement)
    if not actor.has_perm("engagements.approve_engagement") or current.is_author(actor):
        raise PermissionDenied
    if current.status != Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted record can be returned."))
    if not (reason or "").strip():
        raise WorkflowError(_("Say why the record is returned."), code="reason_required")
    return _transition(
        engagement=current, actor=actor, to_status=Status.RETURNED, reason=reason.strip()
    )


@transaction.atomic
def reopen_engagement(*, engagement: Engagement, actor, reason: str) -> Engagement:
    """A manager reopens an approved record: it goes back to its author as returned, with why."""
    current = _locked(engagement)
    if not actor.has_perm("engagements.reopen_engagement"):
        raise PermissionDenied
    if current.status != Status.APPROVED:
        raise WorkflowError(_("Only an approved record can be reopened."))
    if not (reason or "").strip():
        raise WorkflowError(_("Say why the record is reopened."), code="reason_required")
    return _transition(
        engagement=current, actor=actor, to_status=Status.RETURNED, reason=reason.strip()
    )


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
            transaction.on_commit(lambda name=name: default_storage.delete(name))
