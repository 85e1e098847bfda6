"""Every list page of the portal has its API counterpart, with the same FilterSet."""

from django.urls import reverse

from api import views
from core.views import PortalTableView
from tests.permissions.test_matrix import iter_patterns

from .test_api import PAGES

# The review queue lists engagements (the API's engagements, as the manager may see them).
SAME_ROWS_AS = {
    "engagements:review_queue": "api:engagement-list",
}
# Lists whose API endpoint is still to be built, named so the gap shows.
NOT_YET_IN_THE_API: set[str] = set()


def list_pages():
    return {
        name
        for name, pattern in iter_patterns()
        if issubclass(getattr(pattern.callback, "view_class", object), PortalTableView)
    }


def test_every_list_page_has_an_api_counterpart():
    pages = list_pages()
    assert "engagements:list" in pages  # the enumeration finds the list pages
    missing = sorted(pages - set(PAGES) - set(SAME_ROWS_AS) - NOT_YET_IN_THE_API)
    assert not missing, f"list pages without an API counterpart: {missing}"


def test_each_counterpart_filters_with_its_pages_filterset():
    by_route = {
        "api:engagement-list": views.EngagementViewSet,
        "api:forum-list": views.ForumViewSet,
        "api:meeting-list": views.MeetingViewSet,
        "api:organization-list": views.OrganizationViewSet,
        "api:agreement-list": views.AgreementViewSet,
        "api:indicator-list": views.IndicatorViewSet,
        "api:event-list": views.EventViewSet,
        "api:plan-list": views.PlanViewSet,
        "api:service-list": views.ServiceLineViewSet,
    }
    patterns = dict(iter_patterns())
    for page, route in PAGES.items():
        reverse(route)
        page_view = patterns[page].callback.view_class
        assert by_route[route].filterset_class is page_view.filterset_class, page
