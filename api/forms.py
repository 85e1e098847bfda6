from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm

LIFETIMES = [
    (30, _("30 days")),
    (90, _("90 days")),
    (180, _("180 days")),
    (365, _("One year (the longest allowed)")),
]


class TokenForm(PortalForm):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What it is for, so that you can tell your tokens apart (e.g. “Power BI”)."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=LIFETIMES,
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
    )
