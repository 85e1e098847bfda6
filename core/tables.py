"""Helpers for django-tables2 tables that several apps share."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import OrderByTuple

from core.models import translated_field


def order_by_language(table, **columns):
    """Sort bilingual columns by the active language's field: `order_by_language(self,
    name="name", forum="forum__acronym")` sorts the name column by name_fr in French. Each value may
    be a tuple of several bases. An OrderByTuple, so that descending sorts ("-name") work too."""
    for column, bases in columns.items():
        bases = (bases,) if isinstance(bases, str) else bases
        table.columns[column].column.order_by = OrderByTuple(
            tuple(translated_field(base) for base in bases)
        )


class YesNoColumn(tables.BooleanColumn):
    """A yes/no column that says « Oui » / « Non » in words, on the page (a screen reader announced
    "heavy check mark") and in the CSV/XLSX export (django-tables2 exported "True" / "False")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("yesno", (_("Yes"), _("No")))
        super().__init__(**kwargs)

    def value(self, record, value, bound_column):
        return str(self.yesno[int(not self._get_bool_value(record, value, bound_column))])


class ShortDateColumn(tables.DateColumn):
    """A date as 2013-07-01, never broken at its hyphens in a narrow column."""

    def __init__(self, **kwargs):
        kwargs.setdefault("short", True)
        kwargs.setdefault("attrs", {}).setdefault("td", {"class": "nowrap"})
        super().__init__(**kwargs)
