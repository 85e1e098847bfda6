from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, PortalAdminMixin
from notifications import services as notifications

from .models import Indicator, Outcome, Program, ProgramResource, Result, Target


class TargetInline(PortalAdminMixin, admin.StackedInline):
    model = Target
    extra = 0
    fields = [
        "fiscal_year",
        "target_type",
        "target_min",
        "target_max",
        "narrative_en",
        "narrative_fr",
        "target_year",
        "target_month",
        "doc",
    ]


@admin.register(Program)
class ProgramAdmin(PortalAdminMixin, HistoryAdmin):
    list_display = ["number", "code", "name_en", "name_fr"]


@admin.register(Outcome)
class OutcomeAdmin(PortalAdminMixin, HistoryAdmin):
    list_display = ["code", "name_en", "program"]
    list_select_related = ["program"]


@admin.register(Indicator)
class IndicatorAdmin(PortalAdminMixin, HistoryAdmin):
    list_display = ["code", "name_en", "kind", "measurement", "target_type", "is_active"]
    list_filter = ["kind", "is_active", "target_type"]
    search_fields = ["code", "name_en", "name_fr"]
    list_select_related = ["outcome"]
    inlines = [TargetInline]
    fieldsets = [
        (None, {"fields": ["outcome", "code", "kind", "position", "is_active"]}),
        (
            _("English"),
            {
                "fields": [
                    "name_en",
                    "definition_en",
                    "methodology_en",
                    "data_source_en",
                    "frequency_en",
                    "baseline_en",
                ]
            },
        ),
        (
            _("French"),
            {
                "fields": [
                    "name_fr",
                    "definition_fr",
                    "methodology_fr",
                    "data_source_fr",
                    "frequency_fr",
                    "baseline_fr",
                ]
            },
        ),
        (None, {"fields": ["target_type", "seeking_to", "measurement"]}),
    ]


@admin.register(Target)
class TargetAdmin(PortalAdminMixin, HistoryAdmin):
    list_display = ["indicator", "fiscal_year", "target_type", "target_min", "target_max", "doc"]
    list_filter = ["target_type"]
    list_select_related = ["indicator"]


@admin.register(Result)
class ResultAdmin(PortalAdminMixin, HistoryAdmin):
    list_display = ["indicator", "fiscal_year", "value", "status", "recorded_by", "recorded_at"]
    list_filter = ["status", "fiscal_year"]
    list_select_related = ["indicator", "recorded_by"]
    # who recorded or revised it, and what GC InfoBase published, are kept by the portal's
    # record and revise pages (a revision there needs its reason)
    readonly_fields = [
        "recorded_by",
        "recorded_at",
        "numerator",
        "denominator",
        "lenient_numerator",
        "revised_by",
        "revised_at",
        "source",
        "published",
    ]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and form.changed_data:
                notifications.result_recorded(result=obj, actor=request.user, revised=True)


@admin.register(ProgramResource)
class ProgramResourceAdmin(PortalAdminMixin, HistoryAdmin):
    list_display = [
        "program",
        "fiscal_year",
        "planned_spending",
        "authorities",
        "actual_spending",
        "planned_ftes",
        "actual_ftes",
    ]
    list_select_related = ["program"]
