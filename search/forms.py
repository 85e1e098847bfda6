from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm

from .models import SavedView


class SavedViewNameForm(PortalForm):
    name = forms.CharField(
        label=_("Name of the view"),
        max_length=SavedView._meta.get_field("name").max_length,
        strip=True,
        error_messages={"required": _("Enter a name for the view.")},
    )


class SaveViewForm(SavedViewNameForm):
    list_name = forms.CharField(widget=forms.HiddenInput, max_length=100)
    query = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=SavedView.MAX_QUERY
    )
