import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import PortalTableView, requires_permission

from . import selectors, services, text
from .forms import SavedViewNameForm, SaveViewForm
from .models import SavedView

# what a list's address carries that is not a filter or a sort: never kept in a saved view
NOT_KEPT = {"page", "_export", "saved"}


@require_GET
@requires_permission("search.use_search")
def search_page(request):
    query, cut = text.clean_query(request.GET.get("q"))
    terms = text.terms(query)
    kinds = selectors.kinds_for(request.user)
    kind_key = request.GET.get("kind") or None
    unknown_kind = kind_key is not None and kind_key not in {k.key for k in kinds}
    kind = None if unknown_kind else kind_key
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and 0 < len(page) < 4 else 1
    max_page = -(-selectors.COUNT_LIMIT // selectors.PAGE_SIZE)
    page = min(max(page, 1), max_page)
    groups = selectors.search(request.user, query, kind=kind, page=page) if terms else []
    group = groups[0] if kind and groups else None
    pages = None
    if group is not None:
        last = max(1, -(-min(group.count, selectors.COUNT_LIMIT) // selectors.PAGE_SIZE))
        pages = {
            "number": min(page, last),
            "last": last,
            "previous": page - 1 if page > 1 else None,
            "next": page + 1 if page < last else None,
        }
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "cut": cut,
            "max_query": text.MAX_QUERY,
            "searched": bool(terms),
            "too_short": bool(query) and not terms,
            "unknown_kind": unknown_kind,
            "kind": kind,
            "kinds": kinds,
            "groups": groups,
            "group": group,
            "pages": pages,
            "total": sum(min(g.count, selectors.COUNT_LIMIT) for g in groups),
            "limit": selectors.COUNT_LIMIT,
            "crumbs": [{"label": _("Search")}],
        },
    )


def list_view_class(list_name: str):
    """The list page (a PortalTableView) a URL name stands for, else None."""
    try:
        match = resolve(reverse(list_name))
    except (NoReverseMatch, Http404):
        return None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, PortalTableView):
        return None
    return view_class


def list_label(list_name: str) -> str:
    """What a list is called next to a saved view of it ("Engagements")."""
    view_class = list_view_class(list_name)
    if view_class is None:
        return _("A list that no longer exists")
    return str(view_class.list_label or view_class.page_title)


def kept_query(query: QueryDict | str) -> str:
    """A list's query string as a saved view keeps it: filters and sort, in a stable order."""
    data = QueryDict(query) if isinstance(query, str) else query
    pairs = [
        (key, value)
        for key in sorted(data)
        if key not in NOT_KEPT
        for value in data.getlist(key)
        if value != ""
    ]
    return urlencode(pairs)


def _own_view(request, pk) -> SavedView:
    # someone else's saved view does not exist for you
    return get_object_or_404(SavedView.objects.filter(user=request.user), pk=pk)


@require_GET
@requires_permission("search.view_savedview")
def saved_view_list(request):
    views = SavedView.objects.filter(user=request.user).order_by("list_name", "name", "pk")
    return render(
        request,
        "search/saved_views.html",
        {
            "saved_views": [(view, list_label(view.list_name)) for view in views],
            "crumbs": [{"label": _("My saved views")}],
        },
    )


@require_POST
@requires_permission("search.add_savedview")
def saved_view_create(request):
    form = SaveViewForm(request.POST)
    list_name = request.POST.get("list_name", "")
    view_class = list_view_class(list_name)
    if view_class is None or not request.user.has_perm(view_class.permission_required):
        raise Http404(_("No such list."))
    back = reverse(list_name)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        query = kept_query(request.POST.get("query", "")[: SavedView.MAX_QUERY])
        return redirect(f"{back}?{query}" if query else back)
    query = kept_query(form.cleaned_data["query"])
    try:
        view = services.save_view(
            user=request.user,
            list_name=list_name,
            name=form.cleaned_data["name"],
            query=query,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The view “%(name)s” is saved. It is on your home page and in this list’s menu.")
            % {"name": view.name},
        )
    return redirect(f"{back}?{query}" if query else back)


@require_GET
@requires_permission("search.view_savedview")
def saved_view_open(request, pk):
    """The list with the view's filters and sort. A filter whose value no longer exists (a
    forum deleted since) is dropped, and the page says which."""
    view = _own_view(request, pk)
    view_class = list_view_class(view.list_name)
    if view_class is None:
        messages.warning(
            request,
            _("The list of the view “%(name)s” no longer exists.") % {"name": view.name},
        )
        return redirect("search:saved_views")
    if not request.user.has_perm(view_class.permission_required):
        raise Http404(_("No such list."))
    data = QueryDict(view.query, mutable=True)
    list_view = view_class()
    probe = copy.copy(request)  # the list's own filterset, as if opened with the view's query
    probe.GET = data
    list_view.setup(probe)
    filterset = list_view.get_filterset(list_view.get_filterset_class())
    if not filterset.is_valid():
        labels = []
        for name in filterset.form.errors:
            if name in data:
                del data[name]
                field = filterset.form.fields.get(name)
                labels.append(str(field.label if field is not None else name))
        if labels:
            messages.warning(
                request,
                _(
                    "Some filters of the view “%(name)s” no longer match anything and were "
                    "left out: %(filters)s."
                )
                % {"name": view.name, "filters": ", ".join(labels)},
            )
    query = kept_query(data)
    back = reverse(view.list_name)
    return redirect(f"{back}?{query}" if query else back)


@require_http_methods(["POST"])
@requires_permission("search.change_savedview")
def saved_view_rename(request, pk):
    view = _own_view(request, pk)
    form = SavedViewNameForm(request.POST)
    if form.is_valid():
        try:
            services.rename_view(view=view, name=form.cleaned_data["name"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The view “%(old)s” is now named “%(new)s”.")
                % {"old": view.name, "new": form.cleaned_data["name"]},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("search:saved_views")


@require_POST
@requires_permission("search.delete_savedview")
def saved_view_delete(request, pk):
    view = _own_view(request, pk)
    services.delete_view(view=view)
    messages.success(request, _("The view “%(name)s” is deleted.") % {"name": view.name})
    return redirect("search:saved_views")
