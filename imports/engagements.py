"""The engagements import: one row per position, the rows sharing a `reference` forming one
engagement. validate() reads every row against the reference data loaded once (its queries do
not grow with the rows) and the model rules (clean), and plans each engagement: created,
updated (a draft the same importer created), unchanged, or a conflict (a submitted or approved
record would change). commit() writes the plan through engagements.services."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import current_language
from engagements import services
from engagements.forms import officers
from engagements.models import Engagement, Position, Theme
from forums.models import Forum, Meeting, OutcomeDocument

from . import values
from .models import ImportedEngagement, ImportLog
from .rows import Actions, Column, Report, cells_by_key, is_blank, map_header, record_links
from .values import CellError, Lookup, text

User = get_user_model()

COLUMNS = [
    Column(
        "reference",
        gettext_lazy("Reference"),
        gettext_lazy(
            "Your own identifier of the engagement, e.g. ATCR-2013-1. Rows with the same "
            "reference are one engagement, one row per position."
        ),
        required=True,
        example="ATCR-2013-1",
    ),
    Column(
        "kind",
        gettext_lazy("Kind of engagement"),
        gettext_lazy("A kind from the “Kinds” sheet, by code or name."),
        required=True,
        example="meeting",
    ),
    Column(
        "forum",
        gettext_lazy("Forum"),
        gettext_lazy("Its acronym or name, in English or French (empty only for bilateral work)."),
        example="ATCR",
    ),
    Column(
        "meeting",
        gettext_lazy("Meeting"),
        gettext_lazy("Its name in English or French, a meeting of the forum (optional)."),
    ),
    Column(
        "start_date",
        gettext_lazy("Start date"),
        gettext_lazy("YYYY-MM-DD or a spreadsheet date."),
        required=True,
        example="2013-06-25",
    ),
    Column(
        "end_date",
        gettext_lazy("End date"),
        gettext_lazy("YYYY-MM-DD or a spreadsheet date, on or after the start date."),
        required=True,
        example="2013-06-27",
    ),
    Column("city", gettext_lazy("City"), gettext_lazy("Optional."), example="Geneva"),
    Column(
        "country",
        gettext_lazy("Country"),
        gettext_lazy("ISO code (CH) or name in English or French (optional)."),
        example="CH",
    ),
    Column(
        "lead_officer",
        gettext_lazy("Lead officer"),
        gettext_lazy("User name or e-mail of a policy officer. Empty: yourself (officers only)."),
    ),
    Column(
        "themes",
        gettext_lazy("Themes"),
        gettext_lazy("Themes from the “Themes” sheet, by code or name, separated by ;"),
        example="resettlement; integration",
    ),
    Column(
        "summary",
        gettext_lazy("Summary"),
        gettext_lazy("What happened and what Canada did."),
        required=True,
    ),
    Column(
        "position",
        gettext_lazy("Position delivered"),
        gettext_lazy("One Canadian position per row (empty: an engagement without positions)."),
    ),
    Column(
        "position_theme",
        gettext_lazy("Theme of the position"),
        gettext_lazy("One theme, by code or name (required with a position)."),
    ),
    Column(
        "outcome_document",
        gettext_lazy("Outcome document"),
        gettext_lazy("Its title in English or French, a document of the meeting (optional)."),
    ),
    Column(
        "outcome",
        gettext_lazy("Outcome"),
        gettext_lazy("From the “Outcomes” sheet, by code or name. Empty: pending."),
    ),
    Column("outcome_note", gettext_lazy("Note on the outcome"), gettext_lazy("Optional.")),
    Column(
        "leadership_role",
        gettext_lazy("Leadership role"),
        gettext_lazy("Only for a chairing or leadership role: chair, co_chair, … (optional)."),
    ),
]

# the engagement's own columns: every row of one reference must agree on them
ENGAGEMENT_KEYS = [
    "kind",
    "leadership_role",
    "forum",
    "meeting",
    "start_date",
    "end_date",
    "city",
    "country",
    "lead_officer",
    "themes",
    "summary",
]
# model field -> column, to place the model's own errors
FIELD_COLUMNS = {
    "text": "position",
    "theme": "position_theme",
    "__all__": "reference",
}


@dataclass
class Planned:
    """One engagement of the file as the dry run understood it."""

    reference: str
    row: int
    fields: dict
    themes: list
    positions: list[dict] = field(default_factory=list)  # Position fields
    rows: list[int] = field(default_factory=list)
    action: str = Actions.CREATE
    existing: Engagement | None = None
    link: ImportedEngagement | None = None
    late: int = 0
    instance: Engagement | None = None  # the unsaved engagement its rows are checked against


class ReferenceData:
    """Everything a file's values can name, loaded in a fixed number of queries."""

    def __init__(self, rows: list[dict]):
        self.kinds = values.choices_lookup(gettext_lazy("kind"), Engagement.Kind)
        self.roles = values.choices_lookup(
            gettext_lazy("leadership role"), Engagement.LeadershipRole
        )
        self.outcomes = values.choices_lookup(gettext_lazy("outcome"), Position.Outcome)
        self.themes = Lookup(gettext_lazy("theme"))
        for theme in Theme.objects.filter(is_active=True):
            self.themes.add(theme, theme.code, theme.name_en, theme.name_fr)
        self.forums = Lookup(gettext_lazy("forum"))
        for forum in Forum.objects.all():
            self.forums.add(forum, forum.acronym_en, forum.acronym_fr, forum.name_en, forum.name_fr)
        forum_ids = set()
        for row in rows:
            try:
                if not is_blank(row.get("forum")):
                    forum_ids.add(self.forums.find(row["forum"]).pk)
            except CellError:
                pass
        self.meetings: dict[int, Lookup] = {}
        self.meetings_by_name: dict[tuple[int, str], list[Meeting]] = {}
        meetings = Meeting.objects.filter(forum__in=forum_ids).select_related("forum")
        by_pk = {}
        for meeting in meetings:
            by_pk[meeting.pk] = meeting
            for name in {values.normal(meeting.name_en), values.normal(meeting.name_fr)}:
                self.meetings_by_name.setdefault((meeting.forum_id, name), []).append(meeting)
            lookup = self.meetings.setdefault(meeting.forum_id, Lookup(gettext_lazy("meeting")))
            lookup.add(meeting, meeting.name_en, meeting.name_fr)
        self.documents: dict[int, Lookup] = {}
        for document in OutcomeDocument.objects.filter(meeting__in=list(by_pk)):
            document.meeting = by_pk[document.meeting_id]
            lookup = self.documents.setdefault(
                document.meeting_id, Lookup(gettext_lazy("outcome document"))
            )
            lookup.add(document, document.title_en, document.title_fr, document.reference)
        names = {text(row.get("lead_officer")) for row in rows} - {""}
        names |= {name.lower() for name in names}
        self.officers = Lookup(gettext_lazy("policy officer"))
        for user in officers().filter(Q(username__in=names) | Q(email__in=names)):
            self.officers.add(user, user.username, user.email)

    def meeting(self, value, forum, start, end) -> Meeting:
        """A meeting of the forum by name; the same name in several years: the one whose dates
        the engagement's overlap."""
        if forum is None:
            raise CellError(_("A meeting needs its forum."))
        found = self.meetings_by_name.get((forum.pk, values.normal(text(value))), [])
        if len(found) > 1 and start and end:
            found = [m for m in found if m.start_date <= end and m.end_date >= start] or found
        if len(found) == 1:
            return found[0]
        if found:
            raise CellError(
                _("Several meetings of %(forum)s have this name: the dates must pick one.")
                % {"forum": forum.acronym}
            )
        lookup = self.meetings.get(forum.pk)
        if lookup is None:
            raise CellError(
                _("%(forum)s has no meeting in the portal: a manager imports its meetings first.")
                % {"forum": forum.acronym}
            )
        return lookup.find(value)


class EngagementImport:
    kind = ImportLog.Kind.ENGAGEMENTS
    columns = COLUMNS

    def __init__(self, *, user, as_approved: bool = False):
        self.user = user
        self.as_approved = as_approved
        self.is_officer = user.has_perm("engagements.add_engagement")

    # reading

    def validate(self, sheet) -> tuple[Report, list[Planned]]:
        report = Report()
        columns = map_header(sheet.header, self.columns, report)
        if report.errors:
            return report, []
        rows = [(number, cells_by_key(cells, columns)) for number, cells in sheet.rows]
        report.rows = len(rows)
        data = ReferenceData([row for _number, row in rows])
        planned: dict[str, Planned] = {}
        for number, row in rows:
            self._row(number, row, data, planned, report)
        self._match_existing(planned, report)
        return report, list(planned.values())

    def _cell(self, report, number, key, row, parse, *args):
        value = row.get(key)
        if is_blank(value):
            return None  # a required cell left empty is reported once, by _row
        try:
            return parse(value, *args)
        except CellError as error:
            report.error(number, key, value, error)
            return None

    def _row(self, number, row, data: ReferenceData, planned, report):
        errors_before = len(report.errors)
        reference = text(row.get("reference"))
        first = planned.get(reference)
        # the other rows of one engagement may leave its own columns empty
        continued = first is not None and all(is_blank(row.get(k)) for k in ENGAGEMENT_KEYS)
        for column in self.columns:
            if column.required and is_blank(row.get(column.key)):
                if continued and column.key != "reference":
                    continue
                report.error(number, column.key, "", EMPTY_CELL)
        if not reference:
            return
        if continued:
            fields, themes = first.fields, first.themes
        else:
            fields, themes = self._engagement_fields(number, row, data, report)
        if first is None:
            first = planned[reference] = Planned(reference, number, fields, themes)
        elif fields is not first.fields:
            for key in ENGAGEMENT_KEYS:
                mine = themes if key == "themes" else fields.get(key)
                theirs = first.themes if key == "themes" else first.fields.get(key)
                if key == "themes":
                    mine, theirs = {t.pk for t in mine}, {t.pk for t in theirs}
                if mine != theirs and len(report.errors) == errors_before:
                    report.error(
                        number,
                        key,
                        row.get(key),
                        _("Row %(row)s has the same reference with another value here.")
                        % {"row": first.row},
                    )
        first.rows.append(number)
        position = self._position(number, row, data, first, report)
        if position is not None:
            first.positions.append(position)
        if len(report.errors) == errors_before:
            self._check_models(number, first, position, report)

    def _engagement_fields(self, number, row, data, report):
        cell = self._cell
        kind = cell(report, number, "kind", row, data.kinds.find)
        role = Engagement.LeadershipRole.NONE
        if not is_blank(row.get("leadership_role")):
            role = cell(report, number, "leadership_role", row, data.roles.find) or role
        start = cell(report, number, "start_date", row, values.date)
        end = cell(report, number, "end_date", row, values.date)
        forum = None
        if not is_blank(row.get("forum")):
            forum = cell(report, number, "forum", row, data.forums.find)
        meeting = None
        if not is_blank(row.get("meeting")):
            meeting = cell(report, number, "meeting", row, data.meeting, forum, start, end)
        country = ""
        if not is_blank(row.get("country")):
            country = cell(report, number, "country", row, values.country) or ""
        if is_blank(row.get("lead_officer")):
            lead = self.user if self.is_officer else None
            if lead is None:
                report.error(number, "lead_officer", "", _("Name the officer who led it."))
        else:
            lead = cell(report, number, "lead_officer", row, data.officers.find)
        themes = []
        for name in text(row.get("themes")).split(";"):
            if name.strip():
                try:
                    themes.append(data.themes.find(name))
                except CellError as error:
                    report.error(number, "themes", name, error)
        fields = {
            "kind": kind,
            "leadership_role": role,
            "forum": forum,
            "meeting": meeting,
            "start_date": start,
            "end_date": end,
            "city": text(row.get("city")),
            "country": country,
            "lead_officer": lead,
            "summary": text(row.get("summary")),
        }
        return fields, themes

    def _position(self, number, row, data, planned: Planned, report):
        position_text = text(row.get("position"))
        if not position_text:
            for key in ("position_theme", "outcome_document", "outcome", "outcome_note"):
                if not is_blank(row.get(key)):
                    report.error(number, "position", "", _("This row has no position."))
                    break
            return None
        theme = None
        if is_blank(row.get("position_theme")):
            report.error(number, "position_theme", "", _("Choose the position’s theme."))
        else:
            theme = self._cell(report, number, "position_theme", row, data.themes.find)
        document = None
        meeting = planned.fields.get("meeting")
        if not is_blank(row.get("outcome_document")):
            if meeting is None:
                report.error(
                    number,
                    "outcome_document",
                    row.get("outcome_document"),
                    _("An outcome document needs the engagement’s meeting."),
                )
            else:
                lookup = data.documents.get(meeting.pk) or Lookup(gettext_lazy("outcome document"))
                document = self._cell(report, number, "outcome_document", row, lookup.find)
        outcome = Position.Outcome.PENDING
        if not is_blank(row.get("outcome")):
            outcome = self._cell(report, number, "outcome", row, data.outcomes.find) or outcome
        return {
            "row": number,
            "text": position_text,
            "theme": theme,
            "outcome_document": document,
            "outcome": outcome,
            "outcome_note": text(row.get("outcome_note")),
        }

    def _check_models(self, number, planned: Planned, position, report):
        """The model's own rules (what the form checks), without a query: clean() on unsaved
        instances whose related objects are already loaded."""
        # a pk no row has, so that the position's rules that read its engagement run (the
        # outcome document's meeting, no outcome before the meeting ended); nothing is saved
        engagement = planned.instance
        if engagement is None:  # one per engagement, not per row: its fields are the same
            engagement = Engagement(pk=-1, created_by=self.user, **planned.fields)
            if engagement.kind != Engagement.Kind.LEADERSHIP:
                engagement.leadership_role = Engagement.LeadershipRole.NONE
            planned.instance = engagement
        if position is None:
            if planned.row != number:
                return
            instances = [(engagement, ENGAGEMENT_EXCLUDE)]
        else:
            item = Position(
                engagement=engagement,
                **{k: v for k, v in position.items() if k != "row"},
            )
            instances = [(item, ["engagement", "theme", "outcome_document"])]
            if planned.row == number:
                instances.insert(0, (engagement, ENGAGEMENT_EXCLUDE))
        for instance, exclude in instances:
            try:
                instance.clean_fields(exclude=exclude)
                instance.clean()
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    column = FIELD_COLUMNS.get(name, name)
                    report.error(number, column, _raw(planned, position, column), messages[0])
                return
        if position is not None and item.is_set_late_on(timezone.localdate()):
            position["late"] = True

    # what each engagement becomes

    def _match_existing(self, planned: dict[str, Planned], report):
        links = {
            link.reference: link
            for link in ImportedEngagement.objects.filter(
                importer=self.user, reference__in=list(planned)
            )
            .select_related("engagement")
            .prefetch_related(
                "engagement__themes",
                Prefetch(
                    "engagement__positions", queryset=Position.objects.order_by("sort_order", "pk")
                ),
            )
        }
        for item in planned.values():
            link = links.get(item.reference)
            if link is None:
                item.action = Actions.CREATE
                item.late = sum(1 for p in item.positions if p.get("late"))
            else:
                item.link, item.existing = link, link.engagement
                if _signature_of(link.engagement) == _signature(item):
                    item.action = Actions.UNCHANGED
                elif link.engagement.status in (
                    Engagement.Status.DRAFT,
                    Engagement.Status.RETURNED,
                ):
                    item.action = Actions.UPDATE
                    item.late = _late_changes(link.engagement, item)
                else:
                    item.action = Actions.CONFLICT
            report.late_positions += item.late
            report.records.append(
                {
                    "row": item.row,
                    "reference": item.reference,
                    "action": item.action,
                    "positions": len(item.positions),
                    "engagement": item.existing.pk if item.existing else None,
                    "status": item.existing.status if item.existing else None,
                }
            )

    # writing

    def commit(self, planned: list[Planned], log: ImportLog, *, reason: str) -> dict[str, int]:
        """Inside the caller's transaction, after the dry run ran again in it: the new records
        in bulk, the drafts to update through the services one by one (a refusal raises, and
        the whole import rolls back)."""
        approve_reason = reason if self.as_approved else ""
        language = current_language()
        creates, saved_items = [], []
        for item in planned:
            if item.action not in (Actions.CREATE, Actions.UPDATE):
                continue
            data = services.EngagementData(
                fields={**item.fields, "language": language},
                themes=item.themes,
                positions=_positions_data(item),
                late_reason=reason,
            )
            if item.action == Actions.CREATE:
                creates.append((item, data))
                continue
            try:
                saved = services.import_engagement(
                    actor=self.user,
                    data=data,
                    engagement=item.existing,
                    approve_reason=approve_reason,
                )
            except ValidationError as error:
                raise RowRefused(item.row, error) from error
            saved_items.append((item, saved))
        try:
            created = services.create_imported_engagements(
                actor=self.user,
                items=[data for _item, data in creates],
                approve_reason=approve_reason,
            )
        except ValidationError as error:
            raise RowRefused(creates[0][0].row, error) from error
        saved_items += [
            (item, saved) for (item, _data), saved in zip(creates, created, strict=True)
        ]
        return record_links(ImportedEngagement, "engagement", saved_items, self.user, log)


# the foreign keys (already found in the loaded reference data: validating them would query),
# and the fiscal year (the services compute it)
ENGAGEMENT_EXCLUDE = [
    "forum",
    "meeting",
    "lead_officer",
    "created_by",
    "agreement",
    "fiscal_year",
    "country",  # values.country found it among the same list of codes
]
EMPTY_CELL = gettext_lazy(
    "This cell is empty. (Merged cells are read in their first row only: repeat the value on "
    "every row.)"
)


class RowRefused(Exception):
    """The services refused one engagement at commit: the import rolls back."""

    def __init__(self, row: int, error: ValidationError):
        super().__init__(row)
        self.row = row
        self.error = error


def _raw(planned, position, column):
    if position is not None and column in ("position", "position_theme", "outcome"):
        value = position.get({"position": "text", "position_theme": "theme"}.get(column, column))
        return str(value or "")
    value = planned.fields.get(column)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _signature(item: Planned):
    fields = item.fields
    return (
        fields["kind"],
        fields["leadership_role"] if fields["kind"] == Engagement.Kind.LEADERSHIP else "none",
        getattr(fields["forum"], "pk", None),
        getattr(fields["meeting"], "pk", None),
        fields["start_date"],
        fields["end_date"],
        fields["city"],
        str(fields["country"] or ""),
        getattr(fields["lead_officer"], "pk", None),
        fields["summary"],
        frozenset(t.pk for t in item.themes),
        tuple(_position_signature(p) for p in item.positions),
    )


def _position_signature(p: dict):
    return (
        p["text"],
        getattr(p["theme"], "pk", None),
        getattr(p["outcome_document"], "pk", None),
        p["outcome"],
        p["outcome_note"],
    )


def _signature_of(engagement: Engagement):
    return (
        engagement.kind,
        engagement.leadership_role,
        engagement.forum_id,
        engagement.meeting_id,
        engagement.start_date,
        engagement.end_date,
        engagement.city,
        str(engagement.country or ""),
        engagement.lead_officer_id,
        engagement.summary,
        frozenset(t.pk for t in engagement.themes.all()),
        tuple(
            (p.text, p.theme_id, p.outcome_document_id, p.outcome, p.outcome_note)
            for p in engagement.positions.all()
        ),
    )


def _late_changes(engagement: Engagement, item: Planned) -> int:
    existing = list(engagement.positions.all())
    late = 0
    for index, position in enumerate(item.positions):
        before = existing[index] if index < len(existing) else None
        changed = (
            before is None
            or (
                before.text,
                before.theme_id,
                before.outcome_document_id,
            )
            != _position_signature(position)[:3]
        )
        if changed and position.get("late"):
            late += 1
    return late


def _positions_data(item: Planned) -> list:
    existing = list(item.existing.positions.all()) if item.existing else []
    data = []
    for index, position in enumerate(item.positions):
        data.append(
            services.PositionData(
                text=position["text"],
                theme=position["theme"],
                outcome=position["outcome"],
                outcome_document=position["outcome_document"],
                outcome_note=position["outcome_note"],
                instance=existing[index] if index < len(existing) else None,
            )
        )
    for extra in existing[len(item.positions) :]:
        data.append(
            services.PositionData(text=extra.text, theme=extra.theme, instance=extra, delete=True)
        )
    return data
