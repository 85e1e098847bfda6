"""Filter pieces that every list shares."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from core.forms import DATE_HINT, DATE_INVALID, PortalDateField, PortalDateInput, SearchField


class AllYesNoWidget(BooleanWidget):
    """ "All / Yes / No" (« Tous / Oui / Non ») rather than django-filter's "Unknown / Yes / No":
    the empty choice means no filter, not an unknown value."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads "All"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AllYesNoWidget)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    """Every list's text search ("q"): one bounded field (core.forms.SearchField), so no list can
    be asked to match a 60 000-character term; a longer one is a message on the field."""

    field_class = SearchField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, **kwargs)


class PortalDateFilter(django_filters.DateFilter):
    """A filter on a date: only dates in the portal's range (core.fiscal), else a message. Typed
    in a text box whose hint gives its format, as every date of the portal's forms is
    (core.forms.PortalDateInput: a browser's date picker shows the browser's format, not the
    page's)."""

    field_class = PortalDateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", PortalDateInput)
        kwargs.setdefault("help_text", DATE_HINT)
        kwargs.setdefault("error_messages", {"invalid": DATE_INVALID})
        super().__init__(*args, **kwargs)


def contains_any(value: str, *fields: str) -> Q:
    """Rows where any of the fields contains the value, ignoring case, for the lists' text search.
    A field written "name_*" stands for both languages' columns, name_en and name_fr."""
    condition = Q()
    for field in fields:
        names = [f"{field[:-1]}en", f"{field[:-1]}fr"] if field.endswith("_*") else [field]
        for name in names:
            condition |= Q(**{f"{name}__icontains": value})
    return condition
