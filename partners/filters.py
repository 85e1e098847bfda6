import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import PortalDateFilter, SearchFilter, YesNoFilter, contains_any
from core.fiscal import FiscalYear, fiscal_year_choices
from core.models import translated_field

from .models import (
    AgreementAmount,
    ContributionAgreement,
    Organization,
    ServiceLine,
    TransferPayment,
)
from .selectors import funding_years


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


def _funding_year_choices():
    return fiscal_year_choices(funding_years())


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
        label=_("Funded in fiscal year"), choices=_funding_year_choices, method="funded_in"
    )
    active_on = PortalDateFilter(label=_("In effect on"), method="in_effect_on")

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


# --- Services Canada uses from IOM and UNHCR ---


class ServiceLineFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind of service"), choices=ServiceLine.Kind.choices)
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=lambda request: (
            Organization.objects.filter(service_lines__isnull=False)
            .distinct()
            .order_by(translated_field("acronym"))
        ),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department that runs it"),
        queryset=lambda request: (
            Organization.objects.filter(service_lines_run__isnull=False)
            .distinct()
            .order_by(translated_field("acronym"))
        ),
    )
    fiscal_year = django_filters.ChoiceFilter(
        label=_("Volumes of fiscal year"), choices=fiscal_year_choices, method="running_in"
    )

    class Meta:
        model = ServiceLine
        fields = ["q", "kind", "partner", "department", "fiscal_year"]

    def search(self, queryset, name, value):
        return queryset.filter(contains_any(value, "name_*", "program_*", "description_*"))

    def running_in(self, queryset, name, value):
        """Lines whose dates touch the fiscal year (open ends touch every year)."""
        year = FiscalYear.parse(value)
        return queryset.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=year.end),
            Q(end_date__isnull=True) | Q(end_date__gte=year.start),
        )
