"""Form pieces that every form of the portal shares: text without control characters, dates in the
portal's range, search terms of a bounded length.

Every form (the portal's own, the admin's) cleans its input through CleanInputMixin: control
characters (\\x00-\\x1f, \\x7f-\\x9f) never reach the database, and a list of record keys too
large for any integer column is an invalid choice rather than a database error. Multi-line text (a
Textarea) keeps its line breaks and tabs; a single-line field turns them into spaces. Passwords
are left as typed: they are never stored as text.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fiscal import FIRST_DAY, LAST_DAY, validate_portal_date

# C0 and C1 control characters; multi-line text keeps \t, \n and \r.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS_AND_TABS = re.compile(r"[\t\n\r]+")

SEARCH_MAX_LENGTH = 200


def strip_control_characters(value: str, *, multiline: bool) -> str:
    if multiline:
        return _CONTROL_MULTILINE.sub("", value)
    return _CONTROL.sub("", _LINE_BREAKS_AND_TABS.sub(" ", value))


def _cleaned(value, *, multiline: bool):
    if isinstance(value, str):
        return strip_control_characters(value, multiline=multiline)
    if isinstance(value, list | tuple):
        return type(value)(_cleaned(item, multiline=multiline) for item in value)
    return value


def _cleans_text(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


class CleanInputMixin:
    """Mixed into every form: each text field drops control characters before it validates, and
    each choice of several records refuses a key no integer column can hold."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if _cleans_text(field):
                field.__class__ = _derived_class(_CleansText, type(field))
            elif isinstance(field, forms.ModelMultipleChoiceField):
                field.__class__ = _derived_class(_BoundedKeys, type(field))


class _CleansText:
    """Put before a text field's own class: its to_python gets the text without control
    characters (a field keeps its class when a form copies it, so copies clean too)."""

    def to_python(self, value):
        return super().to_python(_cleaned(value, multiline=isinstance(self.widget, forms.Textarea)))


# What a 64-bit integer column holds: SQLite cannot even bind a larger Python int (OverflowError).
_INTEGER_KEYS = range(-(2**63), 2**63)


class _BoundedKeys:
    """Put before a ModelMultipleChoiceField's own class: a key no integer column can hold is an
    invalid choice, as an unknown one is (Django's `pk__in` query would fail instead)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        column = self.queryset.model._meta.get_field(key) if key != "pk" else None
        column = column or self.queryset.model._meta.pk
        if isinstance(column, models.IntegerField) and not isinstance(value, str):
            for pk in value:
                try:
                    number = int(str(pk).strip())
                except ValueError:
                    continue  # Django's own check says it is not a valid key
                if number not in _INTEGER_KEYS:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


def _derived_class(mixin: type, field_class: type) -> type:
    if issubclass(field_class, mixin):
        return field_class
    derived = _DERIVED.get((mixin, field_class))
    if derived is None:
        derived = type(field_class.__name__, (mixin, field_class), {})
        derived.__module__ = field_class.__module__
        _DERIVED[(mixin, field_class)] = derived
    return derived


class PortalForm(CleanInputMixin, forms.Form):
    pass


class PortalModelForm(CleanInputMixin, forms.ModelForm):
    pass


def with_clean_text(form_class):
    """The same form class with CleanInputMixin first (for forms the portal does not define: the
    admin's, django.contrib.auth's). Cached, so each form class is derived once."""
    return _derived_class(CleanInputMixin, form_class)


_DERIVED: dict = {}  # a class (and a mixin) -> the same class with the cleaning first


class PortalDateField(forms.DateField):
    """A date the portal can place in one of its fiscal years (core.fiscal's range); the browser's
    date picker is bounded to the same range."""

    default_validators = [validate_portal_date]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", None) == "date":
            attrs.update({"min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()})
        return attrs


class SearchField(forms.CharField):
    """A list's text search: at most SEARCH_MAX_LENGTH characters, without control characters."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        super().__init__(*args, **kwargs)
        self.error_messages["max_length"] = _(
            "Search for at most %(limit_value)d characters (you typed %(show_value)d)."
        )

    def to_python(self, value):
        return super().to_python(_cleaned(value, multiline=False))
