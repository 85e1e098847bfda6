"""Forms for contribution agreements (used by the Django admin's agreement pages)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear

from .models import AgreementAmount
from .services import check_authorities_within_total

# Fiscal years offered in the amount form: the program's first Public Accounts year to ten ahead.
FIRST_OFFERED_YEAR = 2005


def fiscal_year_choices():
    last = FiscalYear.current().start_year + 10
    return [(year, FiscalYear(year).label) for year in range(FIRST_OFFERED_YEAR, last + 1)]


class AgreementAmountForm(forms.ModelForm):
    fiscal_year = forms.TypedChoiceField(label=_("fiscal year"), coerce=int, choices=())

    class Meta:
        model = AgreementAmount
        fields = ["fiscal_year", "authorized", "actual"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form so that the labels follow the active language (2014-15 / 2014-2015).
        self.fields["fiscal_year"].choices = [("", "---------"), *fiscal_year_choices()]


class AgreementAmountFormSet(BaseInlineFormSet):
    """The agreement's fiscal-year amounts: together they may not exceed its total."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        authorized = [
            form.cleaned_data.get("authorized")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            check_authorities_within_total(total=self.instance.total_amount, authorized=authorized)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
