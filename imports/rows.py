"""The row-validation layer every import shares: its columns (keys are a contract), the header
row mapped to them (keys or labels in either language, any order, unknown ones reported), and
the errors a dry run reports (row, column, value, message)."""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .values import bilingual, normal, text


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    help: Promise
    required: bool = False
    example: str = ""


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str

    def as_dict(self):
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class Report:
    """What a dry run found: the errors, and what would happen to each record."""

    errors: list[RowError] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)  # {"row", "reference", "action", ...}
    rows: int = 0
    late_positions: int = 0  # positions entered after their meeting (flagged, with a reason)
    late_decisions: int = 0  # meetings identified as important after they began (the same)

    def error(self, row, column, value, message):
        shown = "" if value is None else text(value)
        self.errors.append(RowError(row, column, shown[:200], str(message)))

    def count(self, action: str) -> int:
        return sum(1 for record in self.records if record["action"] == action)

    def as_dict(self):
        return {
            "errors": [e.as_dict() for e in self.errors],
            "records": self.records,
            "rows": self.rows,
            "late_positions": self.late_positions,
            "late_decisions": self.late_decisions,
        }


class Actions:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


def column_label(column: Column) -> str:
    return str(column.label)


def map_header(header: list[str], columns: list[Column], report: Report) -> dict[str, int]:
    """Column key -> index in the row. Unknown, repeated and missing required columns are
    errors on row 1: a column is never silently dropped."""
    names = {}
    for column in columns:
        for name in (column.key, *bilingual(column.label)):
            names[normal(name)] = column.key
    found: dict[str, int] = {}
    for index, heading in enumerate(header, start=1):
        if heading == "":
            report.error(1, "", "", _("Column %(number)s has no heading.") % {"number": index})
            continue
        key = names.get(normal(heading))
        if key is None:
            report.error(
                1,
                heading,
                heading,
                _("Unknown column: the columns are %(keys)s.")
                % {"keys": ", ".join(c.key for c in columns)},
            )
        elif key in found:
            report.error(1, key, heading, _("This column appears twice."))
        else:
            found[key] = index - 1
    for column in columns:
        if column.required and column.key not in found:
            report.error(1, column.key, "", _("This column is missing."))
    return found


def cells_by_key(cells: list, columns: dict[str, int]) -> dict:
    return {key: (cells[index] if index < len(cells) else None) for key, index in columns.items()}


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def record_links(link_model, record_field: str, saved_items, importer, log) -> dict[str, int]:
    """After a commit's writes: each record written is linked to its import (a new link names
    this import as its first and last; an existing one moves its last import here), in two bulk
    queries. Returns the pk written for each reference."""
    new_links, changed_links = [], []
    for item, saved in saved_items:
        if item.link is None:
            new_links.append(
                link_model(
                    **{record_field: saved},
                    importer=importer,
                    reference=item.reference,
                    first_import=log,
                    last_import=log,
                )
            )
        else:
            item.link.last_import = log
            changed_links.append(item.link)
    link_model.objects.bulk_create(new_links, batch_size=500)
    link_model.objects.bulk_update(changed_links, ["last_import"], batch_size=500)
    return {item.reference: saved.pk for item, saved in saved_items}
