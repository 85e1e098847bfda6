from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, PortalAdminMixin, ProtectedDeletionMixin
from imports.resources import ReferenceDataAdminMixin

from .forms import AgreementAmountForm, AgreementAmountFormSet
from .models import (
    AgreementAmount,
    ContributionAgreement,
    Organization,
    ReportingRequirement,
    ServiceLine,
    ServiceVolume,
    TransferPayment,
)
from .resources import AgreementAmountResource, OrganizationResource

# --- Organizations ---


@admin.register(Organization)
class OrganizationAdmin(
    PortalAdminMixin, ProtectedDeletionMixin, ReferenceDataAdminMixin, HistoryAdmin
):
    """Partner organizations. One acronym per kind in each language (database constraints the
    form checks first, so a duplicate is a message on the form). Imported and exported as
    spreadsheets (partners.resources)."""

    resource_classes = [OrganizationResource]

    list_display = ["acronym_en", "acronym_fr", "name_en", "kind", "country", "is_active"]
    list_display_links = ["acronym_en", "name_en"]
    list_filter = ["kind", "is_active"]
    search_fields = ["acronym_en", "acronym_fr", "name_en", "name_fr"]
    ordering = ["acronym_en"]
    fieldsets = [
        (None, {"fields": ["kind", "acronym_en", "acronym_fr", "name_en", "name_fr"]}),
        (_("Contact"), {"fields": ["country", "website"]}),
        (_("Status"), {"fields": ["is_active"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "website":
            kwargs["assume_scheme"] = "https"  # "www.iom.int" means https://www.iom.int
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --- Contribution agreements and funding ---


@admin.register(TransferPayment)
class TransferPaymentAdmin(PortalAdminMixin, ProtectedDeletionMixin, HistoryAdmin):
    list_display = ["name_en", "name_fr", "kind", "code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_en", "name_fr", "code"]


class AgreementAmountInline(PortalAdminMixin, admin.StackedInline):
    model = AgreementAmount
    form = AgreementAmountForm
    formset = AgreementAmountFormSet
    extra = 1
    verbose_name = _("fiscal-year amount")
    verbose_name_plural = _("fiscal-year amounts (the authorized amounts may not exceed the total)")


class ReportingRequirementInline(PortalAdminMixin, admin.StackedInline):
    model = ReportingRequirement
    fields = ["kind", "description", "due_date", "received_date"]
    extra = 1


@admin.register(ContributionAgreement)
class ContributionAgreementAdmin(PortalAdminMixin, ProtectedDeletionMixin, HistoryAdmin):
    list_display = [
        "number",
        "recipient_display",
        "transfer_payment",
        "start_date",
        "end_date",
        "total_amount",
        "status",
    ]
    list_filter = ["status", "transfer_payment", "transfer_payment__kind"]
    search_fields = [
        "number",
        "purpose_en",
        "purpose_fr",
        "recipient__acronym_en",
        "recipient__name_en",
        "recipient__name_fr",
        "recipient_other_en",
        "recipient_other_fr",
    ]
    date_hierarchy = "start_date"
    list_select_related = ["recipient", "transfer_payment"]
    inlines = [AgreementAmountInline, ReportingRequirementInline]
    fieldsets = [
        (None, {"fields": ["number", "transfer_payment", "status", "responsible_officer"]}),
        (
            _("Recipient"),
            {"fields": ["recipient", "recipient_other_en", "recipient_other_fr"]},
        ),
        (_("Purpose"), {"fields": ["purpose_en", "purpose_fr"]}),
        (_("Period and amount"), {"fields": ["start_date", "end_date", "total_amount"]}),
    ]

    @admin.display(description=_("recipient"), ordering="recipient__acronym_en")
    def recipient_display(self, obj):
        return obj.recipient_name


@admin.register(AgreementAmount)
class AgreementAmountAdmin(PortalAdminMixin, ReferenceDataAdminMixin, HistoryAdmin):
    """Every agreement's fiscal-year amounts in one list, to import and export them as a
    spreadsheet (partners.resources). They are added and changed on their agreement's page,
    where the form checks them against its total; here they are read."""

    resource_classes = [AgreementAmountResource]
    list_display = ["agreement", "year_label", "authorized", "actual"]
    list_filter = ["fiscal_year", "agreement__transfer_payment"]
    search_fields = ["agreement__number"]
    list_select_related = ["agreement"]
    ordering = ["agreement__number", "fiscal_year"]
    fields = ["agreement", "fiscal_year", "authorized", "actual"]

    @admin.display(description=_("fiscal year"), ordering="fiscal_year")
    def year_label(self, amount):
        return amount.year.label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Services Canada uses from IOM and UNHCR ---


class ServiceVolumeInline(PortalAdminMixin, admin.StackedInline):
    model = ServiceVolume
    fields = ["fiscal_year", "people_served", "sessions", "referrals", "amount", "note"]
    extra = 0
    verbose_name_plural = _("yearly volumes (one per fiscal year, within the line's dates)")


@admin.register(ServiceLine)
class ServiceLineAdmin(PortalAdminMixin, ProtectedDeletionMixin, HistoryAdmin):
    list_display = ["name_en", "name_fr", "kind", "partner", "department", "start_date"]
    list_display_links = ["name_en", "name_fr"]
    list_filter = ["kind", "partner", "department"]
    search_fields = ["name_en", "name_fr", "program_en", "program_fr"]
    list_select_related = ["partner", "department"]
    inlines = [ServiceVolumeInline]
    fieldsets = [
        (None, {"fields": ["kind", "name_en", "name_fr", "description_en", "description_fr"]}),
        (
            _("Who delivers it, for whom"),
            {"fields": ["partner", "department", "program_en", "program_fr"]},
        ),
        (
            _("Period and funding"),
            {"fields": ["start_date", "end_date", "budget", "agreement", "transfer_payment"]},
        ),
        (_("Source"), {"fields": ["source_name_en", "source_name_fr", "source_url"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "source_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)
