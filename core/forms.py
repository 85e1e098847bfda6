"""Form pieces that every form of the portal shares: text without control characters, dates in the
portal's range, search terms of a bounded length.

Every form (the portal's own, the admin's) cleans its input through CleanInputMixin: control
characters (\\x00-\\x1f, \\x7f-\\x9f) never reach the database, and a list of record keys too
large for any integer column is an invalid choice rather than a database error. Multi-line text (a
Textarea) keeps its line breaks and tabs; a single-line field turns them into spaces. Passwords
are left as typed: they are never stored as text.
"""

import copy
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.text import format_lazy
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


class PortalFormRenderer(TemplatesSetting):
    """Every form's fields rendered the GC Design System's way (templates/core/forms/field.html):
    the label or legend says "(required)", the hint and the error message sit between the label
    and the control, and the control is described by both."""

    field_template_name = "core/forms/field.html"


# Django's own "This field is required." says nothing about the field: a form field left with it
# gets one of these, naming the field, and the forms give their own where they can say more.
_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
_ENTER = _("Enter “%(label)s”.")
_CHOOSE = _("Choose “%(label)s”.")
DATE_HINT = _("Year, month and day, for example 2025-03-31.")
DATE_INVALID = _("Enter the date as year-month-day, for example 2025-03-31.")
# A checkbox group with more choices than this gets a "Filter the list" box (static/js/portal.js).
FILTERABLE_CHOICES = 8


class PortalDateInput(forms.DateInput):
    """A date typed as the hint says (2025-03-31), in both languages. The browser's own date
    picker shows its own format (the browser's language, not the page's), which no hint can match
    (GCDS: the hint shows the format of the date)."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.format = "%Y-%m-%d"


def _is_choice(field: forms.Field) -> bool:
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)


class GCFormMixin:
    """The GC Design System's form patterns in one place, mixed into PortalForm and
    PortalModelForm (not into the admin's forms, which keep Django admin's look):

    - a required field without its own message gets one naming it (never Django's "This field is
      required.");
    - a date is a text box with a hint giving its format (DATE_HINT) and a message saying it;
    - a choice of several is a group of checkboxes (never a list to Ctrl-click), with a filter
      box when it is long.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            if isinstance(field, forms.DateField) and isinstance(field.widget, forms.DateInput):
                attrs = {
                    k: v for k, v in field.widget.attrs.items() if k not in ("type", "min", "max")
                }
                field.widget = PortalDateInput(attrs)
                field.help_text = _join(field.help_text, DATE_HINT)
                if (
                    field.error_messages.get("invalid")
                    == forms.DateField.default_error_messages["invalid"]
                ):
                    field.error_messages["invalid"] = DATE_INVALID
            if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                if type(field.widget) is forms.SelectMultiple:
                    widget = forms.CheckboxSelectMultiple(attrs=field.widget.attrs)
                    widget.attrs.pop("size", None)
                    widget.choices = field.widget.choices
                    field.widget = widget
                if isinstance(field.widget, forms.CheckboxSelectMultiple):
                    field.widget.attrs.setdefault("class", "checkbox-group")
            if field.required and str(field.error_messages.get("required")) == str(
                _DJANGO_REQUIRED
            ):
                label = field.label or forms.forms.pretty_name(name)
                message = _CHOOSE if _is_choice(field) else _ENTER
                field.error_messages["required"] = _LabelledMessage(message, label)

    def error_summary(self, heading: str = "") -> list[dict]:
        """This form's errors, each with the anchor of its control (core/includes/form_error_summary)."""
        return error_summary_items(self, heading)


class _LabelledMessage:
    """A lazily translated message naming a (lazily translated) label: it reads in the language
    of the page that shows it."""

    def __init__(self, message, label):
        self.message, self.label = message, label

    def __str__(self):
        return str(self.message) % {"label": str(self.label)}


def _join(help_text, hint) -> str | Promise:
    if not help_text:
        return hint
    return format_lazy("{} {}", help_text, hint)


def control_anchor(bound) -> str:
    """The id of the control an error summary's link moves to: the first box of a group."""
    widget = bound.field.widget
    if getattr(widget, "use_fieldset", False) and bound.auto_id:
        return f"{bound.auto_id}_0"
    return bound.id_for_label or f"field-{bound.html_name}"


def error_summary_items(form, heading: str = "") -> list[dict]:
    """Every error of one form, each linking to its control: {"anchor", "label", "message"}.
    `heading` names the part of the page (a position, the new meeting) before the field. The
    form's own errors link to `form.non_field_errors_anchor` when it has one, else to <main>."""
    items = []
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            # a form may name the control its own errors are about (sign-in: the user name)
            anchor, label = getattr(form, "non_field_errors_anchor", "main"), heading
        else:
            bound = form[name]
            anchor = control_anchor(bound)
            label = f"{heading} — {bound.label}" if heading else str(bound.label)
        for message in errors:
            items.append({"anchor": anchor, "label": label, "message": message})
    return items


class PortalForm(CleanInputMixin, GCFormMixin, forms.Form):
    pass


class PortalModelForm(CleanInputMixin, GCFormMixin, forms.ModelForm):
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


class NarrowingSelect(forms.Select):
    """A choice narrowed by another control of the form (a forum's meetings, a meeting's outcome
    documents), the GC way: the server lists the options that fit what was chosen when the page
    was built (a "Show…" button rebuilds the page without JavaScript), and static/js/portal.js
    narrows them at once when the other control changes.

    `narrow_by` is the id of the control, `key` the data attribute each option carries
    (`option_data(instance)` gives an option's data-* attributes); `full_choices`, when set, are
    every option the script may need, kept inert in a <template> after the select."""

    def __init__(
        self, attrs=None, choices=(), *, narrow_by="", key="", option_data=None, options_id=""
    ):
        super().__init__(attrs, choices)
        self.narrow_by, self.key, self.option_data = narrow_by, key, option_data
        self.options_id = options_id  # the <template> of every option (shared by several selects)
        self.full_choices = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.narrow_by:
            context["widget"]["attrs"].update(
                {"data-narrow-by": self.narrow_by, "data-narrow-key": self.key}
            )
            if self.options_id:
                context["widget"]["attrs"]["data-options"] = self.options_id
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and self.option_data is not None:
            option["attrs"].update(
                {f"data-{key}": str(data) for key, data in self.option_data(instance).items()}
            )
        return option

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.full_choices is None or not self.options_id:
            return html
        every = copy.copy(self)
        every.choices, every.full_choices, every.narrow_by = self.full_choices, None, ""
        every.attrs = {}
        options = every.render(f"{name}-every", None, {}, renderer)
        return format_html('{}<template id="{}">{}</template>', html, self.options_id, options)
