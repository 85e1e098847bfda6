"""Pagination whose late pages cost what early ones do.

A plain `OFFSET n LIMIT 25` makes the database walk (and, for a list with computed columns,
compute) all n rows it skips: the last page of a million engagements took seconds. The
BoundedOffsetPaginator reads a page in the second half of the list from the other end instead, with
the ordering reversed, so the offset never exceeds half the list, and the last pages are as cheap as
the first. The ordering is made total first (the primary key breaks ties), so that both directions
see the same sequence and no row is shown twice or skipped between pages.

The row count (a scan of the whole table at a million engagements) is kept in the cache with the
portal's other figures (core.cache) when the list's model is one whose changes replace the data
version, keyed on the exact SQL of the list: each user's visibility and each filter is its own key.
A cached count only ever decides the total shown and the number of pages, never which rows a page
holds: a page whose rows depend on the count (the last page, which ends at it, and the pages read
from the other end, whose offsets are computed from it) counts afresh first, and a page read from
the start that comes back short of a full page (the cached count was too high) does too. So a
count left stale by a write that bypassed the signals never hides a row nor repeats one.

It works on django-tables2's rows (`BoundRows` over a `TableQuerysetData`) and on plain querysets;
anything else (a list) is paginated as usual.
"""

import hashlib

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import OrderBy, QuerySet
from django.utils.functional import cached_property
from django_tables2.rows import BoundRows

from core import cache


def totally_ordered(queryset: QuerySet) -> QuerySet:
    """The queryset with its ordering (explicit or the model's) ending in the primary key."""
    query = queryset.query
    ordering = list(query.order_by) if query.order_by else list(query.get_meta().ordering or [])
    names = {item.lstrip("-") for item in ordering if isinstance(item, str)}
    if not names & {"pk", "id", query.get_meta().pk.name}:
        last = ordering[-1] if ordering else "pk"
        descending = (isinstance(last, str) and last.startswith("-")) or (
            isinstance(last, OrderBy) and last.descending
        )
        ordering.append("-pk" if descending else "pk")
    return queryset.order_by(*ordering)


def _reversed(ordering):
    out = []
    for item in ordering:
        if isinstance(item, str):
            if item == "?":
                raise ValueError("a random order has no reverse")
            out.append(item[1:] if item.startswith("-") else f"-{item}")
        elif isinstance(item, OrderBy):
            flipped = item.copy()
            flipped.reverse_ordering()
            out.append(flipped)
        elif hasattr(item, "desc"):  # F() or another expression: ascending, so descending now
            out.append(item.desc())
        else:
            raise ValueError(f"cannot reverse the ordering {item!r}")
    return out


def reverse_order(queryset: QuerySet) -> QuerySet:
    """The queryset in the opposite (total) order. Unlike QuerySet.reverse(), explicit about
    expressions, so that NULLs and ties are handled the same way in both directions.
    ValueError when the ordering cannot be reversed (random order)."""
    return queryset.order_by(*_reversed(queryset.query.order_by))


class BoundedOffsetPaginator(Paginator):
    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        self._queryset = None
        self._rows = None
        if isinstance(object_list, BoundRows) and isinstance(
            getattr(object_list.data, "data", None), QuerySet
        ):
            self._rows = object_list
            self._queryset = totally_ordered(object_list.data.data)
            object_list.data.data = self._queryset
        elif isinstance(object_list, QuerySet):
            self._queryset = object_list = totally_ordered(object_list)
        super().__init__(object_list, per_page, orphans, allow_empty_first_page, **kwargs)

    @cached_property
    def count(self):
        if self._queryset is None:
            return super().count
        queryset = self._queryset
        try:
            sql, params = queryset.order_by().query.sql_with_params()
        except EmptyResultSet:  # e.g. .none(): nothing to count
            sql = None
        if sql is not None and cache.is_tracked(queryset.model):
            digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
            counted = []

            def fresh():
                counted.append(True)
                return queryset.count()

            count = cache.cached(
                "count", [digest], fresh, setting="LIST_COUNT_CACHE_SECONDS", refresh=self._refresh
            )
            self._count_from_cache = not counted
        else:
            count = queryset.count()
        if self._rows is not None:
            self._rows.data._length = count  # django-tables2 would count again
        return count

    _count_from_cache = False
    _refresh = False

    def _recount(self):
        """Count afresh (and put the fresh count in the cache): the cached one may be stale."""
        for name in ("count", "num_pages", "page_range"):
            self.__dict__.pop(name, None)
        self._refresh = True
        self.count  # noqa: B018 (computes and caches the property)

    def page(self, number):
        number = self.validate_number(number)
        if self._count_from_cache and (
            number == self.num_pages or (number - 1) * self.per_page > self.count // 2
        ):
            self._recount()
            number = self.validate_number(number)
        page = self._page(number)
        if self._count_from_cache and number < self.num_pages and len(page) < self.per_page:
            self._recount()  # fewer rows than the count promised: it was too high
            page = self._page(self.validate_number(number))
        return page

    def _page(self, number):
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        try:
            reversed_queryset = (
                reverse_order(self._queryset)
                if self._queryset is not None and bottom > self.count // 2
                else None
            )
        except ValueError:
            reversed_queryset = None
        if reversed_queryset is None:
            return self._get_page(self.object_list[bottom:top], number, self)
        # the second half: read from the end, then put the rows back in order
        records = list(reversed_queryset[self.count - top : self.count - bottom])
        records.reverse()
        if self._rows is not None:
            return self._get_page(BoundRows(records, table=self._rows.table), number, self)
        return self._get_page(records, number, self)
