from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import requires_permission

from . import services
from .forms import ProfileForm
from .messages import message_for
from .models import REMINDER_KINDS, Notification, ReminderOptOut

PAGE_SIZE = 25


@requires_permission("notifications.view_notification")
def notification_list(request):
    """The user's own notifications, unread first, each linking to its record."""
    page = Paginator(Notification.objects.for_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [{"notification": n, "message": message_for(n)} for n in page.object_list]
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "rows": rows, "crumbs": [{"label": _("Notifications")}]},
    )


@require_POST
@requires_permission("notifications.view_notification")
def mark_read(request):
    """Mark one notification read (`notification=<id>`), or all of them (`all=1`). Ids that are
    not the user's own are ignored."""
    if request.POST.get("all"):
        services.mark_read(user=request.user)
        messages.success(request, _("All your notifications are marked as read."))
    else:
        ids = [v for v in request.POST.getlist("notification") if v.isdigit()]
        if services.mark_read(user=request.user, notification_ids=[int(v) for v in ids]):
            messages.success(request, _("Marked as read."))
    return redirect("notifications:list")


@requires_permission("notifications.view_notification")
def profile(request):
    user = request.user
    opted_out = set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))
    initial = {
        "preferred_language": user.preferred_language,
        "reminders": [k.value for k in REMINDER_KINDS if k.value not in opted_out],
    }
    form = ProfileForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.save_preferences(
                user=user,
                preferred_language=form.cleaned_data["preferred_language"],
                reminders_on=form.cleaned_data["reminders"],
            )
            messages.success(request, _("Your preferences are saved."))
            return redirect("notifications:profile")
        status = 400
    return render(
        request,
        "notifications/profile.html",
        {"form": form, "crumbs": [{"label": _("My profile")}]},
        status=status,
    )
