"""Small model helpers that several apps share."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import forms
from core.fiscal import validate_portal_date


def current_language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


class Translated:
    """A read-only attribute following the active language: `name = Translated("name")` reads
    `name_en` or `name_fr`, falling back to English when the French value is empty."""

    def __init__(self, base: str):
        self.base = base

    def __set_name__(self, owner, name):
        self.attname = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, f"{self.base}_{current_language()}", "")
        return value or getattr(instance, f"{self.base}_en", "")


def translated_field(base: str) -> str:
    """The concrete field name for ordering or filtering by a bilingual value: `name_fr` in French."""
    return f"{base}_{current_language()}"


class AuditTrail(models.Model):
    """Not a table: it only holds the permission to read records' change history in the portal
    (core.view_history, given to managers and administrators in accounts/roles.py)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_history", _("Can read the change history of records"))]
        verbose_name = _("audit trail")

    def __str__(self):
        return str(self._meta.verbose_name)


class PortalDateField(models.DateField):
    """Every date the portal stores: one it can place in its fiscal years (core.fiscal's range).
    The model and its forms (the portal's and the admin's) refuse any other with a message; pair
    it with core.fiscal.date_in_range_constraint so the database refuses it too."""

    default_validators = [validate_portal_date]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.PortalDateField, **kwargs})


class Audited:
    """The attributes simple-history reads from an instance when it writes the historical row of
    a save or a delete: who made the change and why (set by the services before they write), and,
    for a save whose row is written by hand afterwards, to skip the automatic one. Declared here
    so that they are part of the models' type, as simple-history adds them at run time."""

    _history_user: object
    _change_reason: str
    skip_history_when_saving: bool
