"""Views and view helpers that every app shares."""

import copy
import logging
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from core import exports, history
from core.middleware import is_database_unavailable, service_unavailable_response
from core.pagination import BoundedOffsetPaginator

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not. No login, no templates."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class PortalPermissionMixin(PermissionRequiredMixin):
    """Every portal view names the permission it needs; signed-in users without it get a 403
    (anonymous users never get here: LoginRequiredMiddleware sends them to sign in)."""

    raise_exception = True


class PortalRequestConfig(RequestConfig):
    """django-tables2's RequestConfig, but a `per_page` from the query string is only honoured
    between 10 and 100 rows (anything else keeps the default), so no URL can ask for a negative
    or a million-row page."""

    PER_PAGE_RANGE = range(10, 101)

    def configure(self, table):
        field = table.prefixed_per_page_field
        value = self.request.GET.get(field)
        if value is not None and not (value.isdigit() and int(value) in self.PER_PAGE_RANGE):
            query = self.request.GET.copy()
            del query[field]
            self.request = copy.copy(self.request)
            self.request.GET = query
        return super().configure(table)


class TableExportMixin:
    """`?_export=csv` and `?_export=xlsx`: the table a page shows, as a file, through core.exports
    (the one path: its cell rules, its title row, its names). A page says what the table is
    (`export_heading`); the fiscal year and the filters it shows are named there."""

    export_formats = exports.FORMATS
    export_trigger_param = "_export"
    exclude_columns = ()
    page_title = ""

    def export_format(self):
        value = self.request.GET.get(self.export_trigger_param)
        return value if value in self.export_formats else None

    def export_heading(self, table) -> exports.Heading:
        return exports.Heading(what=str(getattr(table, "export_title", "") or self.page_title))

    def export_table(self, table, export_format):
        return exports.table_response(
            table,
            export_format,
            self.export_heading(table),
            timezone.localdate(),
            exclude_columns=self.exclude_columns,
        )


class PortalTableView(PortalPermissionMixin, TableExportMixin, SingleTableMixin, FilterView):
    """A list page: a django-filter form, a django-tables2 table, and CSV/XLSX export of exactly
    what is shown (filters and ordering applied, every page), its title row naming the filters."""

    template_name = "core/table_page.html"
    page_title = ""
    # what a saved view of this list (search.SavedView) says it is a view of; else page_title
    list_label = ""
    empty_text = ""
    filtered_empty_text = ""

    def get_paginate_by(self, queryset):
        # Only the table paginates. ListView's own pagination would count the rows a second time
        # and answer 404 to a page number that the table simply clamps to the nearest page.
        return None

    def get_table_pagination(self, table):
        # late pages read from the other end: the last page costs what the first does
        return {"per_page": settings.PORTAL_PAGE_SIZE, "paginator_class": BoundedOffsetPaginator}

    def export_heading(self, table):
        what = str(getattr(table, "export_title", "") or self.page_title)
        return exports.filters_heading(what, self.filterset)

    def render_to_response(self, context, **response_kwargs):
        export_format = self.export_format()
        if export_format:
            return self.export_table(self.get_table(**self.get_table_kwargs()), export_format)
        return super().render_to_response(context, **response_kwargs)

    def filters_applied(self) -> bool:
        form = getattr(self.filterset, "form", None)
        if form is None or not form.is_bound:
            return False
        return (
            any(value not in (None, "", [], ()) for value in form.cleaned_data.values())
            if (form.is_valid())
            else True
        )

    def get_table(self, **kwargs):
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        PortalRequestConfig(self.request, paginate=self.get_table_pagination(table)).configure(
            table
        )
        if self.filters_applied():
            table.empty_text = self.filtered_empty_text or _("Nothing matches these filters.")
        else:
            table.empty_text = self.empty_text or _("Nothing has been recorded yet.")
        return table

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.page_title
        context["filters_applied"] = self.filters_applied()
        return context


def _error_page(request, template, status):
    return render(request, template, status=status)


@login_not_required
def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


@login_not_required
def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


@login_not_required
def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


@login_not_required
def server_error(request):
    """The 500 page, or the 503 page when the fault is the database being out of reach (raised
    outside a view, e.g. while the session middleware loads the session). Rendered without the
    request context: the database or a context processor may be the fault."""
    if is_database_unavailable(sys.exc_info()[1]):
        logger.error("database unavailable: %s", sys.exc_info()[1])
        return service_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render())


def requires_permission(*perms: str):
    """Function-view counterpart of PortalPermissionMixin: 403 without the permission(s).
    It records them on the view, so the permission-matrix test can see every view declares one."""
    from django.contrib.auth.decorators import permission_required

    def decorator(view):
        wrapped = permission_required(perms, raise_exception=True)(view)
        wrapped.permission_required = perms
        return wrapped

    return decorator


@requires_permission("core.view_history")
def record_history(request, app_label, model_name, pk):
    """The change history of one record of the allow-list (core/history.py): who changed what,
    when, field by field, newest first. Needs the history permission and the model's own view
    permission; the record is looked up among those the user may see (else 404)."""
    source = history.source_for(app_label, model_name)
    if source is None:
        raise Http404
    model = source.model
    if not request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        raise PermissionDenied
    obj = get_object_or_404(source.visible(model, request.user), pk=pk)
    page = history.history_page(source, obj, request.GET.get("page"))
    crumbs = []
    url = getattr(obj, "get_absolute_url", None)
    crumbs.append({"label": str(obj), "url": url() if url else None})
    crumbs.append({"label": _("History")})
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "model_name": model._meta.verbose_name,
            "page_obj": page,
            "saves": page.object_list,
            "entries": [entry for save in page.object_list for entry in save.entries],
            "parts": _and_list([part.model._meta.verbose_name_plural for part in source.parts]),
            "crumbs": crumbs,
        },
    )


def _and_list(words) -> list[str]:
    """["positions", "evidence files"] as ["positions and evidence files"] (the template joins)."""
    words = [str(word) for word in words]
    if len(words) < 2:
        return words
    return [_("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}]


# The pages the footer links to: how the portal works, who to tell about a problem, what it keeps
# about its users, and where its figures come from. Readable before signing in (the sign-in page
# links to them too), in both languages.


@login_not_required
@require_GET
def help_page(request):
    return render(request, "core/help.html", {"crumbs": [{"label": _("Help")}]})


@login_not_required
@require_GET
def about_page(request):
    return render(request, "core/about.html", {"crumbs": [{"label": _("About this portal")}]})


@login_not_required
@require_GET
def privacy_page(request):
    return render(request, "core/privacy.html", {"crumbs": [{"label": _("Privacy")}]})


@login_not_required
@require_GET
def report_problem_page(request):
    """Who to tell: the portal's administrators, named only to signed-in users."""
    administrators = []
    if request.user.is_authenticated:
        # the administrators are the users who may open Django admin
        administrators = (
            get_user_model()
            .objects.filter(is_active=True, is_staff=True)
            .exclude(email="")
            .order_by("last_name", "first_name", "username")
        )
    return render(
        request,
        "core/report_problem.html",
        {"crumbs": [{"label": _("Report a problem")}], "administrators": administrators},
    )
