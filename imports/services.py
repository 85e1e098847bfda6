"""Writes of the imports: storing an upload with its dry run, and committing it (all rows or
none, in one transaction). The commit reads the stored file again: what is written is what the
dry run showed, and no second upload is needed."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagements.uploads import generated_name, sanitise_name

from . import reader
from .engagements import EngagementImport, RowRefused
from .meetings import MeetingImport
from .models import ImportLog

PERMISSIONS: dict[str, str] = {
    ImportLog.Kind.ENGAGEMENTS: "imports.import_engagements",
    ImportLog.Kind.MEETINGS: "imports.import_meetings",
}


IMPORTERS: dict[str, type] = {
    ImportLog.Kind.ENGAGEMENTS: EngagementImport,
    ImportLog.Kind.MEETINGS: MeetingImport,
}


def importer_for(log: ImportLog):
    return IMPORTERS[log.kind](user=log.uploaded_by, as_approved=log.as_approved)


def _dry_run(log: ImportLog):
    with log.file.open("rb") as handle:
        sheet = reader.open_sheet(handle, log.file_format)
        report, planned = importer_for(log).validate(sheet)
    return report, planned


def _keep_report(log: ImportLog, report) -> None:
    log.report = report.as_dict()
    log.rows = report.rows
    log.error_count = len(report.errors)
    log.created = report.count("create")
    log.updated = report.count("update")
    log.unchanged = report.count("unchanged")
    log.refused = report.count("conflict")


def upload(*, actor, kind: str, file, as_approved: bool = False) -> ImportLog:
    """Check the file, store it, run the dry run and keep what it found (nothing else is
    written). reader.FileRefused: the file cannot be read at all (nothing is kept)."""
    if not actor.has_perm(PERMISSIONS[kind]):
        raise PermissionDenied
    if as_approved and not actor.has_perm("imports.import_approved_engagements"):
        raise PermissionDenied
    file_format = reader.check_file(file)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    name = default_storage.save(
        f"imports/{timezone.now():%Y/%m}/{generated_name(file_format)}", file
    )
    log = ImportLog(
        kind=kind,
        file=name,
        original_name=sanitise_name(file.name),
        file_format=file_format,
        size=file.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        as_approved=as_approved,
    )
    try:
        report, _planned = _dry_run(log)
    except reader.FileRefused:
        default_storage.delete(name)
        raise
    _keep_report(log, report)
    log.save()
    return log


def needs_reason(log: ImportLog) -> bool:
    report = log.report or {}
    return (
        log.as_approved or bool(report.get("late_positions")) or bool(report.get("late_decisions"))
    )


def commit(*, actor, log: ImportLog, reason: str = "") -> ImportLog:
    """Write every record of the stored file, or none: the file is read and checked again (the
    reference data may have moved since the dry run); any error leaves nothing written and the
    new errors on the log. ValidationError: the commit cannot start (committed already, errors,
    a reason missing)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = ImportLog.objects.select_for_update().get(pk=log.pk)
        if locked.uploaded_by_id != actor.pk or not actor.has_perm(PERMISSIONS[locked.kind]):
            raise PermissionDenied
        if locked.status == ImportLog.Status.COMMITTED:
            raise ValidationError(_("This import was committed already."), code="committed")
        if locked.error_count:
            raise ValidationError(_("Correct the errors first: upload the corrected file."))
        if needs_reason(locked) and not reason:
            raise ValidationError(
                {"reason": _("Say why these records are imported this way.")}, code="reason"
            )
        report, planned = _dry_run(locked)
        _keep_report(locked, report)
        if report.errors:
            locked.save()
            return locked
        if needs_reason(locked) and not reason:
            raise ValidationError(
                {"reason": _("Say why these records are imported this way.")}, code="reason"
            )
        try:
            with transaction.atomic():
                written = importer_for(locked).commit(planned, locked, reason=reason)
                key = "engagement" if locked.kind == ImportLog.Kind.ENGAGEMENTS else "meeting"
                for record in report.records:
                    record[key] = written.get(record["reference"], record[key])
                _keep_report(locked, report)
                locked.status = ImportLog.Status.COMMITTED
                locked.committed_at = timezone.now()
                locked.reason = reason
                locked.save()
        except RowRefused as refused:
            for messages in _messages(refused.error):
                report.error(refused.row, "", "", messages)
            _keep_report(locked, report)
            locked.save()
    return locked


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{field}: {m}" for field, ms in error.message_dict.items() for m in ms]
    return list(error.messages)
