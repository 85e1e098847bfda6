"""Administrators maintain forums, their meetings and the outcome documents meetings adopt.

Every rule the database enforces (one acronym per kind, end on or after start, one title per
meeting, ...) is also checked by the model's `clean()` or `validate_constraints()`, which the admin
forms run before saving, so a bad entry comes back as a message on the field, never as a 500.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, PortalAdminMixin, ProtectedDeletionMixin
from core.fiscal import FiscalYear, fiscal_year_choices
from imports.resources import ReferenceDataAdminMixin

from .models import Forum, Meeting, OutcomeDocument
from .resources import ForumResource


class MeetingInline(PortalAdminMixin, admin.StackedInline):
    model = Meeting
    fields = [
        "name_en",
        "name_fr",
        "start_date",
        "end_date",
        "city",
        "country",
        "chair",
        "is_important",
    ]
    readonly_fields = ["is_important"]
    extra = 0
    show_change_link = True
    ordering = ["-start_date"]


@admin.register(Forum)
class ForumAdmin(PortalAdminMixin, ProtectedDeletionMixin, ReferenceDataAdminMixin, HistoryAdmin):
    resource_classes = [ForumResource]
    list_display = [
        "acronym_en",
        "acronym_fr",
        "name_en",
        "kind",
        "scope",
        "parent",
        "year_established",
        "secretariat",
        "meeting_count",
        "is_active",
    ]
    list_display_links = ["acronym_en", "name_en"]
    list_filter = ["kind", "scope", "is_active"]
    search_fields = ["acronym_en", "acronym_fr", "name_en", "name_fr"]
    list_select_related = ["parent", "secretariat"]
    ordering = ["acronym_en"]
    fieldsets = [
        (None, {"fields": ["acronym_en", "acronym_fr", "name_en", "name_fr"]}),
        (
            _("Classification"),
            {"fields": ["kind", "scope", "parent", "year_established", "secretariat"]},
        ),
        (_("Status"), {"fields": ["is_active"]}),
    ]
    inlines = [MeetingInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_total=Count("meetings"))

    @admin.display(description=_("meetings"), ordering="meeting_total")
    def meeting_count(self, obj):
        return obj.meeting_total


class OutcomeDocumentInline(PortalAdminMixin, admin.StackedInline):
    model = OutcomeDocument
    fields = ["kind", "title_en", "title_fr", "reference", "adopted_on"]
    extra = 0
    show_change_link = True


class FiscalYearListFilter(admin.SimpleListFilter):
    title = _("fiscal year")
    parameter_name = "fiscal_year"

    def lookups(self, request, model_admin):
        return fiscal_year_choices()

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year = FiscalYear.parse(self.value())
        except ValueError:
            return queryset.none()
        return queryset.in_fiscal_year(year)


IMPORTANCE_FIELDS = [
    "is_important",
    "importance",
    "importance_decided_on",
    "importance_decided_by",
    "importance_reason",
    "importance_proposed_on",
    "importance_proposed_by",
    "importance_proposal_reason",
]


@admin.register(Meeting)
class MeetingAdmin(PortalAdminMixin, ProtectedDeletionMixin, HistoryAdmin):
    list_display = [
        "name_en",
        "forum",
        "start_date",
        "end_date",
        "city",
        "country",
        "chair",
        "is_important",
        "document_count",
    ]
    list_filter = ["is_important", FiscalYearListFilter, "forum"]
    search_fields = [
        "name_en",
        "name_fr",
        "city",
        "chair",
        "forum__acronym_en",
        "forum__acronym_fr",
    ]
    date_hierarchy = "start_date"
    list_select_related = ["forum"]
    ordering = ["-start_date"]
    fieldsets = [
        (None, {"fields": ["forum", "name_en", "name_fr"]}),
        (_("When and where"), {"fields": ["start_date", "end_date", "city", "city_fr", "country"]}),
        (_("Role"), {"fields": ["chair"]}),
        (
            _("Importance (decided by program managers on the portal's pages)"),
            {"fields": IMPORTANCE_FIELDS},
        ),
    ]
    readonly_fields = IMPORTANCE_FIELDS
    inlines = [OutcomeDocumentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(document_total=Count("outcome_documents"))

    @admin.display(description=_("outcome documents"), ordering="document_total")
    def document_count(self, obj):
        return obj.document_total


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(PortalAdminMixin, ProtectedDeletionMixin, HistoryAdmin):
    list_display = ["title_en", "kind", "meeting", "reference", "adopted_on"]
    list_filter = ["kind", "meeting__forum"]
    search_fields = ["title_en", "title_fr", "reference", "meeting__name_en", "meeting__name_fr"]
    list_select_related = ["meeting__forum"]
    # a raw id, as on engagements: the autocomplete widget's empty combobox has no accessible name
    raw_id_fields = ["meeting"]
    date_hierarchy = "adopted_on"
    ordering = ["-meeting__start_date", "title_en"]
