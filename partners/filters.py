import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.filters import PortalDateFilter, SearchFilter, YesNoFilter, contains_any
from core.fiscal import FiscalYear
from core.models import translated_field

from .models import AgreementAmount, ContributionAgreement, Organization, TransferPayment


class OrganizationFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organization.Kind.choices)
    is_active = YesNoFilter(label=_("Active"))

    class Meta:
        model = Organization
        fields = ["q", "kind", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(contains_any(value, "acronym_*", "name_*"))


# --- Contribution agreements ---


def _fiscal_year_choices():
    from .selectors import funding_years

    return [(year.slug, year.label) for year in funding_years()]


class AgreementFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    recipient = django_filters.ModelChoiceFilter(
        label=_("Recipient"),
        queryset=lambda request: (
            Organization.objects.filter(agreements__isnull=False)
            .distinct()
            .order_by(translated_field("acronym"))
        ),
    )
    transfer_payment = django_filters.ModelChoiceFilter(
        label=_("Transfer payment"),
        queryset=lambda request: TransferPayment.objects.order_by(translated_field("name")),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), field_name="transfer_payment__kind", choices=TransferPayment.Kind.choices
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ContributionAgreement.Status.choices
    )
    fiscal_year = django_filters.ChoiceFilter(
        label=_("Funded in fiscal year"), choices=_fiscal_year_choices, method="funded_in"
    )
    active_on = PortalDateFilter(
        label=_("In effect on (YYYY-MM-DD)"),
        method="in_effect_on",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ContributionAgreement
        fields = [
            "q",
            "recipient",
            "transfer_payment",
            "kind",
            "status",
            "fiscal_year",
            "active_on",
        ]

    def search(self, queryset, name, value):
        return queryset.filter(
            contains_any(
                value,
                "number",
                "purpose_*",
                "recipient__acronym_*",
                "recipient__name_*",
                "recipient_other_*",
            )
        )

    def funded_in(self, queryset, name, value):
        """Agreements with an amount for that fiscal year (the funding summary's drill-down)."""
        year = FiscalYear.parse(value)
        return queryset.filter(
            Exists(
                AgreementAmount.objects.filter(
                    agreement=OuterRef("pk"), fiscal_year=year.start_year
                )
            )
        )

    def in_effect_on(self, queryset, name, value):
        """Signed agreements (not drafts) whose dates cover the day."""
        return queryset.filter(start_date__lte=value, end_date__gte=value).exclude(
            status=ContributionAgreement.Status.DRAFT
        )
