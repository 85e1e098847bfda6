"""The change history of a record as managers read it in the portal: who, when, and for each field
what it was before and after, in the page's language.

django-simple-history keeps a historical row per save (HistoryRequestMiddleware and the services
record who). This module turns the rows of one record — and of the rows that belong to it, such as
an agreement's fiscal-year amounts or an indicator's targets — into entries. Only the models of
SOURCES have a history page: an explicit allow-list, each with who may see which rows, that each
app fills for its own models from its AppConfig.ready().

Cost: one query per history table (plus one per many-to-many field kept in the history) for the
whole record, and one query per related model for the labels of the entries on the page shown,
whatever the length of the history.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import CountryField

from core.fiscal import FiscalYear
from core.formatting import long_date, long_datetime
from core.languages import written_in
from core.models import current_language

PAGE_SIZE = 25
EMPTY = "—"


def _everything(model, user):
    return model._default_manager.all()


@dataclass(frozen=True)
class Part:
    """Rows of another model that belong to the record (an agreement's amounts): their history is
    shown with the record's, each entry naming which row it is about."""

    model_label: str  # "partners.agreementamount"
    parent_field: str  # the foreign key to the record: "agreement"
    describe: Callable[[Any], str]  # a short label from a historical row (no query)
    hidden: frozenset[str] = frozenset()  # technical fields nobody needs to read

    @property
    def model(self):
        return apps.get_model(self.model_label)


@dataclass(frozen=True)
class Source:
    model_label: str
    parts: tuple[Part, ...] = ()
    hidden: frozenset[str] = frozenset()  # technical fields nobody needs to read
    visible: Callable = _everything  # (model, user) -> the rows this user may see

    @property
    def model(self):
        return apps.get_model(self.model_label)


# Labels of a part's rows, read from a historical row without a query (for the apps' Parts).


def fiscal_year_label(record) -> str:
    return FiscalYear(record.fiscal_year).label if record.fiscal_year else EMPTY


def in_language(record, base: str) -> str:
    return getattr(record, f"{base}_{current_language()}", "") or getattr(record, f"{base}_en", "")


def truncated(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def choice_label(choices, value) -> str:
    return str(dict(choices).get(value, value))


# The models with a history page, registered by their apps' AppConfig.ready() (`register`), so
# that core names no app.
SOURCES: dict[str, Source] = {}


def register(*sources: Source) -> None:
    for source in sources:
        SOURCES[source.model_label] = source


# Fields never shown, whatever the model: they change on every save or mean nothing to readers.
ALWAYS_HIDDEN = {"id", "updated_at", "file", "sha256"}


def source_for(app_label: str, model_name: str) -> Source | None:
    return SOURCES.get(f"{app_label}.{model_name}".lower())


def source_of(obj) -> Source | None:
    return SOURCES.get(obj._meta.label_lower)


# --- reading the rows ---------------------------------------------------------------------------


@dataclass
class Change:
    field: Any  # the model field
    old: Any
    new: Any
    shown_old: str = ""
    shown_new: str = ""

    @property
    def label(self) -> str:
        return str(self.field.verbose_name)

    @property
    def is_text(self) -> bool:
        """Text someone wrote (a summary, a note): marked with the language it is written in."""
        return isinstance(self.field, models.TextField)


@dataclass
class Entry:
    record: Any  # the historical row (a model simple-history makes at run time)
    kind: str  # "created", "changed", "deleted"
    subject: str = ""  # model name of a part ("fiscal-year amount"), empty for the record itself
    subject_label: str = ""  # which row of that part ("2014-15")
    part: str = ""  # the part's model label ("engagements.position"), empty for the record itself
    changes: list[Change] = field(default_factory=list)
    order: int = 0

    @property
    def date(self):
        return self.record.history_date

    @property
    def user(self):
        return self.record.history_user

    @property
    def reason(self) -> str:
        return self.record.history_change_reason or ""

    @property
    def subject_lang(self) -> str:
        """The language of a position's words (core.languages), for its `lang` attribute."""
        return written_in(self.subject_label) if self.part == "engagements.position" else ""


def _tracked_fields(model, hidden) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in hidden and f.name not in ALWAYS_HIDDEN and f.editable
    ]


def _m2m_fields(history_model, hidden) -> list:
    return [f for f in getattr(history_model, "_history_m2m_fields", []) if f.name not in hidden]


def _m2m_state(history_model, m2m_fields, history_ids) -> dict[str, dict[int, frozenset]]:
    """For each many-to-many field kept in the history: the related ids at each historical row,
    one query per field."""
    from simple_history.utils import get_m2m_reverse_field_name

    states = {}
    for m2m in m2m_fields:
        # simple-history keeps each field's history table on a descriptor named after the field
        through = history_model.__dict__[m2m.name].model
        column = get_m2m_reverse_field_name(m2m)
        state: dict[int, set] = defaultdict(set)
        for history_id, value in through.objects.filter(history_id__in=history_ids).values_list(
            "history_id", f"{column}_id"
        ):
            state[history_id].add(value)
        states[m2m.name] = {history_id: frozenset(state[history_id]) for history_id in history_ids}
    return states


def _entries_of(model, rows, *, hidden, subject="", part="", describe=None, order=0) -> list[Entry]:
    """Entries from the historical rows of one model (several objects possibly), oldest first."""
    fields = _tracked_fields(model, hidden)
    names = [f.name for f in fields]
    history_model = model.history.model
    m2m_fields = _m2m_fields(history_model, hidden)
    m2m = _m2m_state(history_model, m2m_fields, [r.history_id for r in rows]) if m2m_fields else {}
    entries = []
    previous = None
    for row in rows:
        if previous is not None and previous.id != row.id:
            previous = None
        changes = []
        if row.history_type == "~" and previous is not None:
            delta = row.diff_against(previous, included_fields=names)
            by_name = {f.name: f for f in fields}
            changes = [Change(by_name[c.field], c.old, c.new) for c in delta.changes]
            # diff_against sorts by attribute name; show fields in the model's own order
            changes.sort(key=lambda c: names.index(c.field.name))
        elif row.history_type in ("+", "-"):
            added = row.history_type == "+"
            for f in fields:
                value = getattr(row, f.attname)
                if value is None or str(value) == "":
                    continue
                changes.append(Change(f, None if added else value, value if added else None))
        for m2m_field in m2m_fields:
            new = m2m[m2m_field.name][row.history_id]
            old: frozenset = (
                m2m[m2m_field.name][previous.history_id] if previous is not None else frozenset()
            )
            if row.history_type == "-":
                old, new = new, frozenset()
            if old != new:
                changes.append(Change(m2m_field, old, new))
        kind = {"+": "created", "~": "changed", "-": "deleted"}[row.history_type]
        if changes or kind != "changed" or row.history_change_reason:
            entries.append(
                Entry(
                    record=row,
                    kind=kind,
                    subject=subject,
                    subject_label=describe(row) if describe else "",
                    part=part,
                    changes=changes,
                    order=order,
                )
            )
        previous = row
    return entries


def _rows(history_model, **lookup):
    return list(
        history_model.objects.filter(**lookup)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )


def history_entries(source: Source, obj) -> list[Entry]:
    """Every entry of a record and its parts, newest first (values not yet labelled)."""
    model = source.model
    entries = _entries_of(
        model, _rows(model.history.model, id=obj.pk), hidden=set(source.hidden), order=0
    )
    for index, part in enumerate(source.parts, start=1):
        part_model = part.model
        entries += _entries_of(
            part_model,
            _rows(part_model.history.model, **{f"{part.parent_field}_id": obj.pk}),
            hidden={part.parent_field, *part.hidden},
            subject=str(part_model._meta.verbose_name),
            part=part.model_label,
            describe=part.describe,
            order=index,
        )
    entries.sort(key=lambda e: (e.date, -e.order, e.record.history_id), reverse=True)
    return entries


# --- labels -------------------------------------------------------------------------------------


def _value_of_date(value) -> str:
    return long_date(value) if value else EMPTY


def _label_of(obj) -> str:
    if isinstance(obj, get_user_model()):
        return str(obj)
    for attribute in ("name", "title"):
        value = getattr(obj, attribute, None)
        if isinstance(value, str) and value:
            return value
    return str(obj)


# What a label reads beyond its own row (Meeting.__str__ names its forum, an agreement its
# recipient): joined, so that labelling stays one query per related model.
_LABEL_NEEDS = {"forums.meeting": ("forum",), "partners.contributionagreement": ("recipient",)}


def _related_labels(entries) -> dict[type, dict]:
    """Labels of every row a foreign key or many-to-many value of these entries points to: one
    query per related model."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        for change in entry.changes:
            related = change.field.related_model if change.field.is_relation else None
            if related is None:
                continue
            for value in (change.old, change.new):
                if isinstance(value, frozenset):
                    wanted[related].update(value)
                elif value not in (None, ""):
                    wanted[related].add(value)
    labels = {}
    for model, pks in wanted.items():
        queryset = model._default_manager.filter(pk__in=pks)
        if model._meta.label_lower in _LABEL_NEEDS:
            queryset = queryset.select_related(*_LABEL_NEEDS[model._meta.label_lower])
        labels[model] = {obj.pk: _label_of(obj) for obj in queryset}
    return labels


def _shown(model_field, value, labels) -> str:
    if isinstance(value, frozenset):
        names = labels.get(model_field.related_model, {})
        return (
            ", ".join(
                sorted(names.get(pk, _("deleted record %(id)s") % {"id": pk}) for pk in value)
            )
            or EMPTY
        )
    if value is None or str(value) == "":
        return EMPTY
    if model_field.is_relation:
        name = labels.get(model_field.related_model, {}).get(value)
        return name if name is not None else _("deleted record %(id)s") % {"id": value}
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value else _("No")
    if model_field.name == "fiscal_year" and isinstance(value, int):
        return FiscalYear(value).label
    if isinstance(model_field, CountryField):
        return str(countries.name(str(value))) or str(value)
    if isinstance(value, datetime):
        return long_datetime(value)
    if isinstance(value, date):
        return _value_of_date(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def label(entries: list[Entry]) -> list[Entry]:
    """Fill in every change's shown values, in the active language."""
    labels = _related_labels(entries)
    for entry in entries:
        for change in entry.changes:
            change.shown_old = _shown(change.field, change.old, labels)
            change.shown_new = _shown(change.field, change.new, labels)
    return entries


# --- saves ---------------------------------------------------------------------------------------

# One save writes its rows (the record, its positions, its files) inside one transaction, within
# milliseconds; nobody saves the same record twice within this time.
SAVE_WINDOW = timedelta(seconds=2)


@dataclass
class Save:
    """What one person did with one click: the entries of the record and of its parts written
    together (within SAVE_WINDOW of each other, by the same person), the record's own first."""

    entries: list[Entry]

    @property
    def date(self):
        return self.entries[0].date

    @property
    def user(self):
        return self.entries[0].user

    @property
    def reason(self) -> str:
        return next((entry.reason for entry in self.entries if entry.reason), "")

    @property
    def kind(self) -> str:
        """created / deleted when the record itself was, else changed."""
        own = [entry.kind for entry in self.entries if not entry.subject]
        for kind in ("created", "deleted"):
            if kind in own:
                return kind
        return "changed"

    @property
    def only_the_record(self) -> bool:
        return len(self.entries) == 1 and not self.entries[0].subject


def _row_key(entry: Entry) -> tuple:
    return (entry.part, entry.record.id)


def saves(entries: list[Entry]) -> list[Save]:
    """Entries (newest first) grouped into the saves that wrote them, newest first: by the same
    person, within SAVE_WINDOW, and each row at most once (a second row of the same position is
    another save)."""
    groups: list[Save] = []
    for entry in entries:
        last = groups[-1] if groups else None
        if (
            last is not None
            and last.entries[-1].record.history_user_id == entry.record.history_user_id
            and last.entries[-1].date - entry.date <= SAVE_WINDOW
            and _row_key(entry) not in {_row_key(each) for each in last.entries}
        ):
            last.entries.append(entry)
        else:
            groups.append(Save([entry]))
    for group in groups:
        # the record's own fields first, then each part in the source's order, oldest first
        group.entries.sort(key=lambda e: (e.order, e.date, e.record.history_id))
    return groups


def history_page(source: Source, obj, page_number):
    """The page of saves asked for (a wild page number gives the nearest page), labelled."""
    paginator = Paginator(saves(history_entries(source, obj)), PAGE_SIZE)
    page = paginator.get_page(page_number)
    label([entry for save in page.object_list for entry in save.entries])
    return page


def labelled_history(obj) -> list[Save]:
    """Every save of a record of the allow-list and its parts, newest first, labelled — for a
    page that shows the history inline (the engagement page). No permission check here: the
    caller shows it only to whoever may see the record itself."""
    return saves(label(history_entries(SOURCES[obj._meta.label_lower], obj)))
