"""The saved views in a list's own menu (core/table_page.html, so every PortalTableView has it)
and on the home page: one query each."""

from django import template

from search.forms import SaveViewForm
from search.models import SavedView
from search.views import kept_query, list_label

register = template.Library()


@register.inclusion_tag("search/includes/list_menu.html", takes_context=True)
def saved_views_menu(context):
    request = context["request"]
    user = request.user
    match = request.resolver_match
    list_name = match.view_name if match else ""
    if not user.has_perm("search.view_savedview") or not list_name:
        return {"show": False}
    query = kept_query(request.GET)
    return {
        "show": True,
        "saved_views": list(
            SavedView.objects.filter(user=user, list_name=list_name).order_by("name", "pk")
        ),
        "can_add": user.has_perm("search.add_savedview"),
        "form": SaveViewForm(initial={"list_name": list_name, "query": query}),
        "has_filters": bool(query),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("search/includes/home_views.html", takes_context=True)
def saved_views_home(context):
    request = context["request"]
    user = request.user
    if not user.has_perm("search.view_savedview"):
        return {"show": False}
    views = list(SavedView.objects.filter(user=user).order_by("list_name", "name", "pk")[:50])
    return {
        "show": True,
        "saved_views": [(view, list_label(view.list_name)) for view in views],
    }
