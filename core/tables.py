"""Helpers for django-tables2 tables that several apps share."""

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
