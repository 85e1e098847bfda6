"""Forms for contribution agreements (used by the Django admin's agreement pages) and for the
services used from IOM and UNHCR (the portal's service pages)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear, fiscal_year_choices, fiscal_year_range
from core.forms import PortalForm, PortalModelForm
from core.models import translated_field

from .models import (
    AgreementAmount,
    ContributionAgreement,
    Organization,
    ServiceLine,
    TransferPayment,
)
from .services import VolumeInput, check_authorities_within_total

# Fiscal years offered in the amount form: the program's first Public Accounts year to ten ahead.
FIRST_OFFERED_YEAR = 2005


def offered_years() -> list[FiscalYear]:
    return fiscal_year_range(FIRST_OFFERED_YEAR, FiscalYear.current().start_year + 10)


class AgreementAmountForm(PortalModelForm):
    fiscal_year = forms.TypedChoiceField(label=_("fiscal year"), coerce=int, choices=())

    class Meta:
        model = AgreementAmount
        fields = ["fiscal_year", "authorized", "actual"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form so that the labels follow the active language (2014-15 / 2014-2015).
        self.fields["fiscal_year"].choices = [
            ("", "---------"),
            *fiscal_year_choices(offered_years(), stored=True),
        ]


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


# --- Services Canada uses from IOM and UNHCR ---


def _https_by_default(db_field, **kwargs):
    """ "www.iom.int" means https://www.iom.int."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class ServiceLineForm(PortalModelForm):
    class Meta:
        model = ServiceLine
        fields = [
            "kind",
            "name_en",
            "name_fr",
            "description_en",
            "description_fr",
            "partner",
            "department",
            "program_en",
            "program_fr",
            "start_date",
            "end_date",
            "budget",
            "agreement",
            "transfer_payment",
            "source_name_en",
            "source_name_fr",
            "source_url",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(),
            "end_date": forms.DateInput(),
        }
        formfield_callback = _https_by_default
        error_messages = {
            "kind": {"required": _("Choose the kind of service.")},
            "name_en": {"required": _("Enter the name in English.")},
            "name_fr": {"required": _("Enter the name in French.")},
            "partner": {"required": _("Choose the partner organization.")},
            "department": {"required": _("Choose the department that runs it.")},
            "program_en": {"required": _("Name the Canadian program served in English.")},
            "program_fr": {"required": _("Name the Canadian program served in French.")},
            "source_name_en": {"required": _("Name the source in English.")},
            "source_name_fr": {"required": _("Name the source in French.")},
            "source_url": {
                "required": _("Enter the address of the source."),
                "invalid": _("Enter the source's address, for example https://www.iom.int/…"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        acronym = translated_field("acronym")
        self.fields["partner"].queryset = Organization.objects.filter(
            kind=Organization.Kind.INTERNATIONAL
        ).order_by(acronym)
        self.fields["department"].queryset = Organization.objects.filter(
            kind=Organization.Kind.FEDERAL_PARTNER
        ).order_by(acronym)
        self.fields["agreement"].queryset = ContributionAgreement.objects.select_related(
            "recipient"
        ).order_by("number")
        self.fields["transfer_payment"].queryset = TransferPayment.objects.order_by(
            translated_field("name")
        )


class ServiceVolumeForm(PortalForm):
    """One fiscal year's volumes of a service line; a year already recorded is corrected."""

    fiscal_year = forms.ChoiceField(
        label=_("Fiscal year"),
        error_messages={"required": _("Choose the fiscal year.")},
    )
    people_served = forms.IntegerField(label=_("People served"), required=False)
    sessions = forms.IntegerField(label=_("Sessions"), required=False)
    referrals = forms.IntegerField(label=_("Referrals"), required=False)
    amount = forms.DecimalField(
        label=_("Amount (CAD)"), required=False, max_digits=14, decimal_places=2
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figures come from, in your own language."),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [("", _("Choose a fiscal year"))] + [
            (year.slug, year.label) for year in years
        ]

    def volume_input(self):
        data = self.cleaned_data
        return VolumeInput(
            fiscal_year=FiscalYear.parse(data["fiscal_year"]).start_year,
            people_served=data.get("people_served"),
            sessions=data.get("sessions"),
            referrals=data.get("referrals"),
            amount=data.get("amount"),
            note=(data.get("note") or "").strip(),
        )
