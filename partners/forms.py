"""Forms for contribution agreements (used by the Django admin's agreement pages)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.forms import PortalForm, PortalModelForm

from .models import AgreementAmount
from .services import check_authorities_within_total

# Fiscal years offered in the amount form: the program's first Public Accounts year to ten ahead.
FIRST_OFFERED_YEAR = 2005


def fiscal_year_choices():
    last = FiscalYear.current().start_year + 10
    return [(year, FiscalYear(year).label) for year in range(FIRST_OFFERED_YEAR, last + 1)]


class AgreementAmountForm(PortalModelForm):
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


class FundingRangeForm(PortalForm):
    """The funding summary's fiscal-year range (GET); every year with an amount by default."""

    first = forms.TypedChoiceField(label=_("From fiscal year"), coerce=int, required=False)
    last = forms.TypedChoiceField(label=_("To fiscal year"), coerce=int, required=False)

    def __init__(self, *args, years: list[FiscalYear], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        choices = [(year.start_year, year.label) for year in years]
        self.fields["first"].choices = choices
        self.fields["last"].choices = choices
        if years:
            self.fields["first"].initial = years[0].start_year
            self.fields["last"].initial = years[-1].start_year

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first not in (None, "") and last not in (None, "") and last < first:
            self.add_error("last", _("The last fiscal year cannot be before the first."))
        return cleaned

    def selected_years(self) -> list[FiscalYear]:
        """The years asked for, or every year when the range is absent or invalid."""
        if not self.years:
            return []
        first, last = self.years[0].start_year, self.years[-1].start_year
        if self.is_bound and self.is_valid():
            first = self.cleaned_data.get("first") or first
            last = self.cleaned_data.get("last") or last
        return [year for year in self.years if first <= year.start_year <= last]
