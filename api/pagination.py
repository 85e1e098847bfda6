import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination


class StableCursorPagination(CursorPagination):
    """Keyset pages over each view's `cursor_ordering`: non-null fields of the model, the last one
    unique (the primary key), e.g. `("-start_date", "-id")` for engagements, as their page. The
    cursor holds the last row's key; the next page is the rows after it in that order (`WHERE
    start_date <= d AND (start_date < d OR id < i) ORDER BY start_date DESC, id DESC LIMIT n`),
    which the index on the same columns answers as fast a thousand pages deep as on the first (the
    first conjunct is where the index scan starts). A row inserted between two requests is neither
    shown twice nor skipped, and nothing is counted. `page_size` is capped at API_MAX_PAGE_SIZE.

    Django REST framework's own cursor keeps only the first field's value and an offset among
    equal values, which a date shared by hundreds of rows turns into an OFFSET scan."""

    page_size = 100
    page_size_query_param = "page_size"
    ordering = ("id",)

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_ordering(self, request, queryset, view):
        ordering = getattr(view, "cursor_ordering", self.ordering)
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        if not self.page_size:
            return None
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        reverse = self.cursor.reverse if self.cursor else False
        position = self.cursor.position if self.cursor else None
        ordering = tuple(_flipped(field) for field in self.ordering) if reverse else self.ordering
        queryset = queryset.order_by(*ordering)
        if position is not None:
            queryset = queryset.filter(_after(ordering, self._decode_key(queryset, position)))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if reverse:
            self.page.reverse()
            self.has_previous, self.has_next = more, True
        else:
            self.has_next, self.has_previous = more, position is not None
        return self.page

    def get_next_link(self):
        if not (self.has_next and self.page):
            return None
        return self.encode_cursor(Cursor(0, False, self._encode_key(self.page[-1])))

    def get_previous_link(self):
        if not (self.has_previous and self.page):
            return None
        return self.encode_cursor(Cursor(0, True, self._encode_key(self.page[0])))

    def _encode_key(self, row) -> str:
        return json.dumps([str(getattr(row, field.lstrip("-"))) for field in self.ordering])

    def _decode_key(self, queryset, position: str) -> list:
        try:
            values = json.loads(position)
            if not isinstance(values, list) or len(values) != len(self.ordering):
                raise ValueError(position)
            return [
                queryset.model._meta.get_field(field.lstrip("-")).to_python(value)
                for field, value in zip(self.ordering, values, strict=True)
            ]
        except (ValueError, TypeError, ValidationError):
            raise NotFound(self.invalid_cursor_message) from None


def _flipped(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _after(ordering: tuple[str, ...], values: list) -> Q:
    """The rows after `values` in `ordering`: (a, b) > (x, y) as (a > x) or (a = x and b > y),
    each comparison following its field's direction, with the first field's bound (a >= x) as
    its own conjunct so that an index on the ordering starts there."""
    names = [field.lstrip("-") for field in ordering]
    lookups = ["lt" if field.startswith("-") else "gt" for field in ordering]
    later = Q()
    for depth, (name, lookup) in enumerate(zip(names, lookups, strict=True)):
        equal = Q(**dict(zip(names[:depth], values, strict=False)))
        later |= equal & Q(**{f"{name}__{lookup}": values[depth]})
    return Q(**{f"{names[0]}__{lookups[0]}e": values[0]}) & later
