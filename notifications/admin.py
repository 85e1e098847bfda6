"""Administrators see every notification and its e-mail's fate (attempts, last error), and can
send failed ones again; django-tasks' own admin lists the task results with their tracebacks."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import PortalAdminMixin

from . import tasks
from .models import Notification, PeriodicRun


@admin.register(Notification)
class NotificationAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "read_at",
        "email_status",
        "email_attempts",
        "email_last_error",
    ]
    list_filter = ["email_status", "kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "record"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the e-mail again"), permissions=["change"])
    def send_again(self, request, queryset):
        ids = list(
            queryset.filter(email_status=Notification.EmailStatus.FAILED).values_list(
                "pk", flat=True
            )
        )
        with transaction.atomic():
            Notification.objects.filter(pk__in=ids).update(
                email_status=Notification.EmailStatus.PENDING,
                email_attempts=0,
                email_next_attempt_at=timezone.now(),
            )
            for pk in ids:
                transaction.on_commit(lambda pk=pk: tasks.send_notification_email.enqueue(pk))
        self.message_user(
            request,
            ngettext(
                "%(n)d e-mail will be sent again.", "%(n)d e-mails will be sent again.", len(ids)
            )
            % {"n": len(ids)},
            messages.SUCCESS,
        )


@admin.register(PeriodicRun)
class PeriodicRunAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ["job", "period", "enqueued_at"]
    list_filter = ["job"]
    readonly_fields = ["job", "period", "enqueued_at"]

    def has_add_permission(self, request):
        return False
