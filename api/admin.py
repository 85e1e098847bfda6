"""Administrators list everyone's tokens and revoke them; nobody makes or edits one in admin (a
token is made by its owner, on the tokens page, and shown to them only)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import PortalAdminMixin

from .models import ApiToken
from .services import security_log


@admin.register(ApiToken)
class ApiTokenAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at"]
    list_display += ["revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = [f.name for f in ApiToken._meta.fields if f.name != "token_hash"]
    exclude = ["token_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        ids = list(queryset.filter(revoked_at__isnull=True).values_list("pk", flat=True))
        ApiToken.objects.filter(pk__in=ids).update(revoked_at=timezone.now())
        for pk in ids:
            security_log.info("API token %s revoked in admin by %s", pk, request.user.username)
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", len(ids)) % {"n": len(ids)},
            messages.SUCCESS,
        )
