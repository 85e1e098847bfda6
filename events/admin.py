from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, PortalAdminMixin, ProtectedDeletionMixin

from .models import Assessment, Event, EventResponse


class AssessmentInline(PortalAdminMixin, admin.StackedInline):
    model = Assessment
    extra = 0
    fields = ["effect", "level", "note", "language", "assessed_on", "assessed_by"]
    verbose_name_plural = _("assessments (one per program)")


class EventResponseInline(PortalAdminMixin, admin.StackedInline):
    model = EventResponse
    extra = 0
    fields = ["engagement", "linked_by", "linked_at"]
    readonly_fields = ["engagement", "linked_by", "linked_at"]
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False  # an engagement says which events it addressed, on its own page


@admin.register(Event)
class EventAdmin(PortalAdminMixin, ProtectedDeletionMixin, HistoryAdmin):
    list_display = ["title_en", "title_fr", "kind", "region", "status", "start_date", "next_review"]
    list_display_links = ["title_en", "title_fr"]
    list_filter = ["status", "kind", "region"]
    search_fields = ["title_en", "title_fr", "summary_en", "summary_fr"]
    ordering = ["-start_date"]
    inlines = [AssessmentInline, EventResponseInline]
    fieldsets = [
        (None, {"fields": ["kind", "title_en", "title_fr", "summary_en", "summary_fr"]}),
        (_("Where and when"), {"fields": ["countries", "region", "start_date", "end_date"]}),
        (_("Source"), {"fields": ["source_name_en", "source_name_fr", "source_url"]}),
        (
            _("People displaced or refugees"),
            {
                "fields": [
                    "displaced",
                    "displaced_on",
                    "displaced_source_name",
                    "displaced_source_url",
                ]
            },
        ),
        (_("Watch"), {"fields": ["status", "followed_by", "next_review", "forums"]}),
    ]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "countries":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
