from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from core.admin import PortalAdminMixin

from .models import User

# Only a superuser may grant what bypasses the roles: superuser status and per-user permissions.
# Administrators (the role) manage accounts through the role groups.
_SUPERUSER_ONLY_FIELDS = ["is_superuser", "user_permissions"]


@admin.register(User)
class UserAdmin(PortalAdminMixin, DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "email",
        "roles",
        "is_active",
        "is_staff",
    ]
    list_filter = ["groups", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email", "job_title"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (pgettext_lazy("job", "Position"), {"fields": ["job_title"]}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "usable_password", "password1", "password2"],
            },
        ),
        (
            _("Person and role"),
            {"fields": ["first_name", "last_name", "email", "job_title", "groups"]},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += _SUPERUSER_ONLY_FIELDS
        return readonly

    @admin.display(description=_("roles"))
    def roles(self, obj):
        from .roles import ROLE_LABELS

        return ", ".join(str(ROLE_LABELS.get(g.name, g.name)) for g in obj.groups.all())
