"""Administrators manage themes and correct engagement records here; every change is kept by
django-simple-history ("History" button on each record). The workflow itself (submit, approve,
return, reopen) happens in the portal, where it is recorded as a Transition."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, PortalAdminMixin, ProtectedDeletionMixin
from core.fiscal import FiscalYear

from .models import Engagement, Evidence, Position, Theme, Transition


@admin.register(Theme)
class ThemeAdmin(PortalAdminMixin, ProtectedDeletionMixin, HistoryAdmin):
    list_display = ["code", "name_en", "name_fr", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_en", "name_fr"]
    prepopulated_fields = {"code": ["name_en"]}

    def get_deleted_objects(self, objs, request):
        # Engagements tagged with a theme protect it (see Theme.delete), though the link is M2M.
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        tagged = Engagement.objects.filter(themes__in=objs).distinct()[:50]
        if tagged:
            protected = [*protected, *(f"{e._meta.verbose_name.capitalize()}: {e}" for e in tagged)]
            perms_needed = set()
        return to_delete, model_count, perms_needed, protected


class PositionInline(PortalAdminMixin, admin.StackedInline):
    model = Position
    extra = 0
    fields = [
        "sort_order",
        "text",
        "theme",
        "outcome",
        "outcome_document",
        "outcome_reference",
        "outcome_note",
        "set_late",
        "set_late_reason",
    ]
    # the flag is set only through services.flag_position_set_late (the portal's forms, imports)
    readonly_fields = ["set_late", "set_late_reason"]
    raw_id_fields = ["outcome_document"]


class EvidenceInline(PortalAdminMixin, admin.StackedInline):
    """Evidence is uploaded through the portal (where its content is checked); here it is only
    listed."""

    model = Evidence
    extra = 0
    can_delete = False
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class TransitionInline(PortalAdminMixin, admin.StackedInline):
    model = Transition
    extra = 0
    can_delete = False
    fields = ["at", "actor", "step", "from_status", "to_status", "reason"]
    readonly_fields = fields
    verbose_name_plural = _("workflow trail")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Engagement)
class EngagementAdmin(PortalAdminMixin, HistoryAdmin):
    list_display = ["pk", "start_date", "kind", "forum", "meeting", "lead_officer", "status"]
    list_filter = ["status", "kind", "fiscal_year", "forum"]
    search_fields = ["summary", "city", "meeting__name_en", "meeting__name_fr"]
    date_hierarchy = "start_date"
    list_select_related = ["forum", "meeting", "meeting__forum", "lead_officer"]
    raw_id_fields = ["meeting", "lead_officer", "created_by"]
    # checkboxes: the filter-horizontal widget's search icon carries a prohibited aria-label
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = [
        "status",
        "outcome_step",
        "fiscal_year_label",
        "version",
        "created_at",
        "updated_at",
    ]
    inlines = [PositionInline, EvidenceInline, TransitionInline]
    fieldsets = [
        (
            None,
            {"fields": ["kind", "leadership_role", "forum", "meeting", "status", "outcome_step"]},
        ),
        (
            _("When and where"),
            {"fields": ["start_date", "end_date", "fiscal_year_label", "city", "country"]},
        ),
        (_("Who"), {"fields": ["lead_officer", "delegation", "partners", "created_by"]}),
        (_("Content"), {"fields": ["themes", "summary", "language"]}),
        (_("Record"), {"fields": ["version", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        # a correction moves the version on, so an officer's open edit form notices it
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    @admin.display(description=_("fiscal year"), ordering="fiscal_year")
    def fiscal_year_label(self, obj):
        # "2014-15" / « 2014-2015 », not the start year as a number (« 2 014 »)
        try:
            return FiscalYear(obj.fiscal_year).label
        except (TypeError, ValueError):  # not saved yet, or outside the portal's years
            return obj.fiscal_year or "—"
