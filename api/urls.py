"""/api/v1/: outside the language prefix (a tool's URL must not change with the language); the
texts the API writes follow Accept-Language. Every route answers anonymous requests itself (401),
so they are exempt from the LoginRequiredMiddleware's redirect to the sign-in page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "api"

RESOURCES = [
    ("forums", views.ForumViewSet, "forum"),
    ("meetings", views.MeetingViewSet, "meeting"),
    ("organizations", views.OrganizationViewSet, "organization"),
    ("transfer-payments", views.TransferPaymentViewSet, "transfer_payment"),
    ("agreements", views.AgreementViewSet, "agreement"),
    ("services", views.ServiceLineViewSet, "service"),
    ("engagements", views.EngagementViewSet, "engagement"),
    ("events", views.EventViewSet, "event"),
    ("indicators", views.IndicatorViewSet, "indicator"),
    ("program-resources", views.ProgramResourceViewSet, "program_resource"),
]


def _api(view, permission):
    view = login_not_required(view)
    view.permission_required = permission
    return view


urlpatterns = []
for prefix, viewset, basename in RESOURCES:
    lookup = viewset.lookup_field
    # any segment reaches the view, which answers a key that is not one with the API's JSON 404
    # (a `<int:>` converter would leave "-1" to the portal's HTML 404 page)
    converter = "str"
    urlpatterns += [
        path(
            f"v1/{prefix}/",
            _api(viewset.as_view({"get": "list"}), viewset.permission_required),
            name=f"{basename}-list",
        ),
        path(
            f"v1/{prefix}/<{converter}:{lookup}>/",
            _api(viewset.as_view({"get": "retrieve"}), viewset.permission_required),
            name=f"{basename}-detail",
        ),
    ]

urlpatterns += [
    path(
        "v1/plan/",
        _api(views.PlanViewSet.as_view({"get": "list"}), views.PlanViewSet.permission_required),
        name="plan-list",
    ),
    path(
        "v1/infobase/",
        _api(views.InfoBaseView.as_view(), views.InfoBaseView.permission_required),
        name="infobase",
    ),
    path(
        "schema/",
        _api(views.SchemaView.as_view(), views.SchemaView.permission_required),
        name="schema",
    ),
    path(
        "docs/",
        _api(views.DocsView.as_view(), views.DocsView.permission_required),
        name="docs",
    ),
]
