from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm

from .models import NUMERIC_TYPES, RECORDED_STATUSES


class RecordResultForm(PortalForm):
    """A manager's record of a closed fiscal year: explanations in both languages; the value for
    an indicator entered by hand (a computed one is frozen from the live calculation)."""

    value = forms.DecimalField(
        label=_("Value"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    actual_result_en = forms.CharField(label=_("Result (English)"), required=False, max_length=400)
    actual_result_fr = forms.CharField(label=_("Result (French)"), required=False, max_length=400)
    status = forms.ChoiceField(label=_("Status"), choices=RECORDED_STATUSES, required=False)
    explanation_en = forms.CharField(
        label=_("Explanation (English)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the result means and why it is what it is."),
    )
    explanation_fr = forms.CharField(
        label=_("Explanation (French)"),
        widget=forms.Textarea(attrs={"rows": 5, "lang": "fr"}),
        help_text=_("The same explanation, in French."),
    )

    def __init__(self, *args, indicator, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["explanation_en"].error_messages["required"] = _(
            "Give the explanation in English."
        )
        self.fields["explanation_fr"].error_messages["required"] = _(
            "Give the explanation in French."
        )
        self.fields["actual_result_fr"].widget.attrs["lang"] = "fr"
        if indicator.is_computed:
            for name in ("value", "actual_result_en", "actual_result_fr"):
                del self.fields[name]
        elif indicator.is_percentage:
            self.fields["value"].max_value = 100
            self.fields["value"].label = _("Value (%)")
        if target is None or target.target_type in NUMERIC_TYPES:
            del self.fields["status"]
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["required"] = True


class ReviseResultForm(RecordResultForm):
    """A recorded result revised: the same fields, and why (required)."""

    reason = forms.CharField(
        label=_("Reason for the revision"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the previous version in the result's history."),
        error_messages={"required": _("Say why the result is revised.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["required"] = True
