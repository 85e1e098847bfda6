"""The meetings import (managers): one row per outcome document, the rows sharing a `reference`
forming one meeting. Like the engagements import: reference data loaded once, the model's own
rules (clean) on unsaved instances, a plan per meeting, and a commit through forums.services."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums import services
from forums.models import Forum, Meeting, OutcomeDocument

from . import values
from .engagements import EMPTY_CELL, RowRefused
from .models import ImportedMeeting, ImportLog
from .rows import Actions, Column, Report, cells_by_key, is_blank, map_header, record_links
from .values import CellError, Lookup, text

COLUMNS = [
    Column(
        "reference",
        gettext_lazy("Reference"),
        gettext_lazy(
            "Your own identifier of the meeting, e.g. EXCOM-64. Rows with the same reference "
            "are one meeting, one row per outcome document."
        ),
        required=True,
        example="EXCOM-64",
    ),
    Column(
        "forum",
        gettext_lazy("Forum"),
        gettext_lazy("Its acronym or name, in English or French."),
        required=True,
        example="ExCom",
    ),
    Column("name_en", gettext_lazy("Name (English)"), gettext_lazy("Required."), required=True),
    Column("name_fr", gettext_lazy("Name (French)"), gettext_lazy("Required."), required=True),
    Column(
        "start_date",
        gettext_lazy("Start date"),
        gettext_lazy("YYYY-MM-DD or a spreadsheet date."),
        required=True,
        example="2013-09-30",
    ),
    Column(
        "end_date",
        gettext_lazy("End date"),
        gettext_lazy("YYYY-MM-DD or a spreadsheet date, on or after the start date."),
        required=True,
        example="2013-10-04",
    ),
    Column("city", gettext_lazy("City"), gettext_lazy("Optional."), example="Geneva"),
    Column(
        "country",
        gettext_lazy("Country"),
        gettext_lazy("ISO code (CH) or name in English or French (optional)."),
        example="CH",
    ),
    Column(
        "important",
        gettext_lazy("Identified as important"),
        gettext_lazy("yes or no (oui, non, true, false, 1, 0). Only important meetings count."),
        example="yes",
    ),
    Column(
        "outcome_document",
        gettext_lazy("Outcome document"),
        gettext_lazy("Its title (optional: a meeting without outcome document yet)."),
    ),
    Column(
        "outcome_document_kind",
        gettext_lazy("Kind of outcome document"),
        gettext_lazy("From the “Document kinds” sheet, by code or name."),
        example="conclusion",
    ),
    Column(
        "outcome_document_reference",
        gettext_lazy("Reference or link of the document"),
        gettext_lazy("Document symbol or web address (optional)."),
    ),
]
MEETING_KEYS = [
    "forum",
    "name_en",
    "name_fr",
    "start_date",
    "end_date",
    "city",
    "country",
    "important",
]


@dataclass
class PlannedMeeting:
    reference: str
    row: int
    fields: dict
    important: bool
    documents: list[dict] = field(default_factory=list)
    action: str = Actions.CREATE
    existing: Meeting | None = None
    link: ImportedMeeting | None = None


class MeetingImport:
    kind = ImportLog.Kind.MEETINGS
    columns = COLUMNS

    def __init__(self, *, user, as_approved: bool = False):
        self.user = user

    def validate(self, sheet) -> tuple[Report, list[PlannedMeeting]]:
        report = Report()
        columns = map_header(sheet.header, self.columns, report)
        if report.errors:
            return report, []
        rows = [(number, cells_by_key(cells, columns)) for number, cells in sheet.rows]
        report.rows = len(rows)
        self.forums = Lookup(gettext_lazy("forum"))
        for forum in Forum.objects.all():
            self.forums.add(forum, forum.acronym_en, forum.acronym_fr, forum.name_en, forum.name_fr)
        self.document_kinds = values.choices_lookup(
            gettext_lazy("kind of outcome document"), OutcomeDocument.Kind
        )
        planned: dict[str, PlannedMeeting] = {}
        for number, row in rows:
            self._row(number, row, planned, report)
        self._match_existing(planned, report)
        return report, list(planned.values())

    def _cell(self, report, number, key, row, parse):
        value = row.get(key)
        if is_blank(value):
            return None
        try:
            return parse(value)
        except CellError as error:
            report.error(number, key, value, error)
            return None

    def _row(self, number, row, planned, report):
        errors_before = len(report.errors)
        reference = text(row.get("reference"))
        first = planned.get(reference)
        continued = first is not None and all(is_blank(row.get(k)) for k in MEETING_KEYS)
        for column in self.columns:
            if column.required and is_blank(row.get(column.key)):
                if continued and column.key != "reference":
                    continue
                report.error(number, column.key, "", EMPTY_CELL)
        if not reference:
            return
        if continued:
            fields, important = first.fields, first.important
        else:
            country = self._cell(report, number, "country", row, values.country) or ""
            fields = {
                "forum": self._cell(report, number, "forum", row, self.forums.find),
                "name_en": text(row.get("name_en")),
                "name_fr": text(row.get("name_fr")),
                "start_date": self._cell(report, number, "start_date", row, values.date),
                "end_date": self._cell(report, number, "end_date", row, values.date),
                "city": text(row.get("city")),
                "country": country,
            }
            important = False
            if not is_blank(row.get("important")):
                important = bool(self._cell(report, number, "important", row, values.yes_no))
        if first is None:
            first = planned[reference] = PlannedMeeting(reference, number, fields, important)
        elif fields is not first.fields:
            for key in MEETING_KEYS:
                mine = important if key == "important" else fields.get(key)
                theirs = first.important if key == "important" else first.fields.get(key)
                if mine != theirs and len(report.errors) == errors_before:
                    report.error(
                        number,
                        key,
                        row.get(key),
                        _("Row %(row)s has the same reference with another value here.")
                        % {"row": first.row},
                    )
        title = text(row.get("outcome_document"))
        if title:
            kind = None
            if is_blank(row.get("outcome_document_kind")):
                report.error(
                    number, "outcome_document_kind", "", _("Choose the kind of outcome document.")
                )
            else:
                kind = self._cell(
                    report, number, "outcome_document_kind", row, self.document_kinds.find
                )
            document = {
                "title_en": title,
                "kind": kind,
                "reference": text(row.get("outcome_document_reference")),
            }
            if any(d["title_en"] == title for d in first.documents):
                report.error(number, "outcome_document", title, _("This document appears twice."))
            first.documents.append(document)
        if len(report.errors) == errors_before:
            self._check_models(number, first, report)

    def _check_models(self, number, planned: PlannedMeeting, report):
        meeting = Meeting(**planned.fields)
        try:
            meeting.clean_fields(
                exclude=[
                    "forum",
                    "importance",
                    "importance_decided_by",
                    "importance_proposed_by",
                ]
            )
            meeting.clean()
            if planned.documents:
                document = OutcomeDocument(**planned.documents[-1])
                document.clean_fields(exclude=["meeting"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = {"title_en": "outcome_document", "kind": "outcome_document_kind"}.get(
                    name, name
                )
                report.error(number, column, "", messages[0])

    def _match_existing(self, planned: dict[str, PlannedMeeting], report):
        links = {
            link.reference: link
            for link in ImportedMeeting.objects.filter(
                importer=self.user, reference__in=list(planned)
            ).select_related("meeting")
        }
        forum_ids = {p.fields["forum"].pk for p in planned.values() if p.fields.get("forum")}
        by_key = {
            (m.forum_id, m.name_en, m.start_date): m
            for m in Meeting.objects.filter(forum__in=forum_ids).prefetch_related(
                "outcome_documents"
            )
        }
        for item in planned.values():
            link = links.get(item.reference)
            forum = item.fields.get("forum")
            existing = link.meeting if link else None
            if link is not None:
                existing = by_key.get(
                    (existing.forum_id, existing.name_en, existing.start_date), existing
                )
            elif forum is not None:
                existing = by_key.get((forum.pk, item.fields["name_en"], item.fields["start_date"]))
            item.link, item.existing = link, existing
            start = item.fields.get("start_date")
            newly_important = item.important and not getattr(existing, "is_important", False)
            if newly_important and start and start <= timezone.localdate():
                report.late_decisions += 1
            if existing is None:
                item.action = Actions.CREATE
            elif _signature_of(existing) == _signature(item, existing):
                item.action = Actions.UNCHANGED
            elif link is not None:
                item.action = Actions.UPDATE
            else:
                # a meeting already in the portal that your imports did not create
                item.action = Actions.CONFLICT
            report.records.append(
                {
                    "row": item.row,
                    "reference": item.reference,
                    "action": item.action,
                    "positions": len(item.documents),
                    "meeting": existing.pk if existing else None,
                }
            )

    def commit(self, planned: list[PlannedMeeting], log: ImportLog, *, reason: str) -> dict:
        saved_items = []
        for item in planned:
            if item.action not in (Actions.CREATE, Actions.UPDATE):
                continue
            try:
                saved = services.import_meeting(
                    actor=self.user,
                    fields=item.fields,
                    documents=item.documents,
                    important=item.important,
                    reason=reason,
                    meeting=item.existing,
                )
            except ValidationError as error:
                raise RowRefused(item.row, error) from error
            saved_items.append((item, saved))
        return record_links(ImportedMeeting, "meeting", saved_items, self.user, log)


def _signature(item: PlannedMeeting, existing: Meeting):
    fields = item.fields
    documents = {(d["title_en"], d["kind"], d["reference"]) for d in item.documents}
    # documents the file does not name are kept: only the file's need to be there already
    kept = {
        (d.title_en, d.kind, d.reference)
        for d in existing.outcome_documents.all()
        if (d.title_en, d.kind, d.reference) not in documents
    }
    return (
        fields["forum"].pk,
        fields["name_en"],
        fields["name_fr"],
        fields["start_date"],
        fields["end_date"],
        fields["city"],
        str(fields["country"] or ""),
        item.important,
        frozenset(documents | kept),
    )


def _signature_of(meeting: Meeting):
    return (
        meeting.forum_id,
        meeting.name_en,
        meeting.name_fr,
        meeting.start_date,
        meeting.end_date,
        meeting.city,
        str(meeting.country or ""),
        meeting.is_important,
        frozenset((d.title_en, d.kind, d.reference) for d in meeting.outcome_documents.all()),
    )
