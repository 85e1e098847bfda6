"""Administrators read every import in admin (who, when, which file, its hash, what its dry
run and commit counted), for audit: nothing there is added, changed or deleted. The stored file
is downloaded through the portal's own access-controlled view, never served from media."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import PortalAdminMixin

from .models import ImportLog


@admin.register(ImportLog)
class ImportLogAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = [
        "original_name",
        "kind",
        "status",
        "uploaded_by",
        "uploaded_at",
        "committed_at",
        "rows",
        "created",
        "updated",
        "unchanged",
        "refused",
        "error_count",
    ]
    list_filter = ["kind", "status", "as_approved"]
    list_select_related = ["uploaded_by"]
    search_fields = ["original_name", "sha256", "uploaded_by__username"]
    date_hierarchy = "uploaded_at"
    fields = [
        "kind",
        "status",
        "original_name",
        "stored_file",
        "file_format",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
        "as_approved",
        "reason",
        "committed_at",
        "rows",
        "created",
        "updated",
        "unchanged",
        "refused",
        "error_count",
    ]
    readonly_fields = fields

    @admin.display(description=_("stored file"))
    def stored_file(self, log):
        return format_html(
            '<a href="{}">{}</a>', reverse("imports:file", args=[log.pk]), _("Download")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
