"""Helpers for django-tables2 tables that several apps share."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import OrderByTuple

from core.exports import Money, Percent
from core.formatting import money, percent
from core.models import translated_field

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


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

    def value(self, value):
        # the date itself: a date cell in XLSX, 2013-07-01 in CSV
        return value


class MoneyColumn(tables.Column):
    """Dollars in the active language on the page ($1,234.56 / 1 234,56 $); in exports the
    amount as a number (core.exports.Money: a dollar format in XLSX)."""

    def __init__(self, *args, places=2, **kwargs):
        self.places = places
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return money(value, self.places)

    def value(self, value):
        return None if value is None else Money(value, self.places)


class PercentColumn(tables.Column):
    """A percentage (73.7 for 73.7 %) as the pages write it; in exports a number (a percent format
    in XLSX). An empty value reads "Not available"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return percent(value)

    def value(self, value):
        return None if value is None else Percent(value)


class AbsoluteLinkColumn(tables.Column):
    """The record's page as a full address, for the exports (hidden on the page, which links
    the row already)."""

    def __init__(self, *, of="", **kwargs):
        self.of = of  # the related record whose page it is ("engagement"), else the row's own
        kwargs.setdefault("verbose_name", _("Link"))
        kwargs.setdefault("visible", False)
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("accessor", "pk")
        super().__init__(**kwargs)

    def value(self, record, table):
        target = getattr(record, self.of) if self.of else record
        return absolute_url(getattr(table, "request", None), target.get_absolute_url())


def absolute_url(request, path: str) -> str:
    """https://host/path when the request is known, else the path."""
    return request.build_absolute_uri(path) if request is not None else path
