"""{% history_link record %}: a "History" link to the record's change history, shown only to who
may read it (core.view_history and the model's view permission)."""

from django import template
from django.urls import reverse

from core.history import source_of

register = template.Library()


def history_url(obj) -> str:
    return reverse("record_history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


@register.inclusion_tag("core/includes/history_link.html", takes_context=True)
def history_link(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = (
        obj is not None
        and source_of(obj) is not None
        and user is not None
        and user.has_perm("core.view_history")
        and user.has_perm(f"{obj._meta.app_label}.view_{obj._meta.model_name}")
    )
    return {"url": history_url(obj) if allowed else None}
