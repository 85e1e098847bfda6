"""The user admin, and who may do what in it.

- Only a superuser sees or changes a superuser's account: it is left out of everyone else's list,
  and its change, password, history and delete pages are refused.
- Nobody changes their own roles, permissions, staff or superuser flag.
- Only a superuser grants superuser status and per-user permissions, and grants or removes the
  workflow roles (Policy officers, Program managers); only a superuser sets the password, user
  name, e-mail or staff flag of an account that holds one (`User.may_manage_account`).
  Administrators create and maintain administrator accounts and correct the names of everyone
  else: they can never act on the workflow, neither directly nor through an account they control.
- Accounts are never reverted from their history (a revert would restore flags and roles behind
  these rules): changes go through the change form.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.admin import HistoryAdmin, PortalAdminMixin

from .models import User
from .roles import ROLE_LABELS

# What bypasses the roles: only a superuser grants it.
_SUPERUSER_ONLY_FIELDS = ["is_superuser", "user_permissions"]
# What nobody changes on their own account.
_PRIVILEGE_FIELDS = ["groups", "user_permissions", "is_staff", "is_superuser"]
# What an administrator may not change on an account it may not manage (it could then sign in
# as that account, or give it admin access).
_ACCOUNT_FIELDS = ["username", "email", *_PRIVILEGE_FIELDS]


def _role_label(group) -> str:
    return str(ROLE_LABELS.get(group.name, group.name))


@admin.register(User)
class UserAdmin(PortalAdminMixin, DjangoUserAdmin, HistoryAdmin):
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
    # roles as checkboxes, permissions as a plain list: the filter-horizontal widget's search
    # icon carries a prohibited aria-label (axe-core)
    filter_horizontal = ()
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["last_login", "date_joined"]  # information; their split inputs lack labels
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
        users = super().get_queryset(request).prefetch_related("groups")
        if not request.user.is_superuser:
            users = users.filter(is_superuser=False)
        return users

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or request.user.may_see_account(obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or request.user.may_see_account(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or request.user.may_manage_account(obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += _SUPERUSER_ONLY_FIELDS
        if obj is not None:
            if not request.user.may_manage_account(obj):
                readonly += _ACCOUNT_FIELDS
            elif not request.user.may_change_privileges(obj):
                readonly += _PRIVILEGE_FIELDS
        # roles are shown by their translated names when they cannot be changed
        readonly = ["roles" if name == "groups" else name for name in readonly]
        return list(dict.fromkeys(readonly))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        hidden = set() if request.user.may_manage_account(obj) else {"password"}
        readonly = set(self.get_readonly_fields(request, obj))
        return [
            (
                title,
                {
                    **options,
                    "fields": [
                        "roles" if name == "groups" and "roles" in readonly else name
                        for name in options["fields"]
                        if name not in hidden
                    ],
                },
            )
            for title, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = request.user.grantable_roles()
        if db_field.name == "user_permissions":
            kwargs["widget"] = forms.SelectMultiple
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = _role_label
        return field

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and not request.user.may_manage_account(user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(_role_label(group) for group in obj.groups.all())


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    filter_horizontal = ()  # a plain list (see UserAdmin)
