"""The forms of the importance decisions: a manager's decision and an officer's proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm


class ImportanceDecisionForm(PortalForm):
    important = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("yes", _("Identified as important: it counts for the program's indicator")),
            ("no", _("Not important: it does not count")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the meeting is important.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when the meeting has already begun, and when an identification is undone."
        ),
    )


class ImportanceProposalForm(PortalForm):
    reason = forms.CharField(
        label=_("Why it is important"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What Canada expects to advance there, for the manager who decides."),
    )
