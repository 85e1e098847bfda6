from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from engagements.filters import EngagementFilter
from events.filters import EventFilter
from forums.filters import MeetingFilter, PlanFilter
from partners.filters import AgreementFilter, ServiceLineFilter

# Query parameters that are not filters: the cursor pagination's.
PAGING_PARAMETERS = {"cursor", "page_size"}


class PageFilterBackend(DjangoFilterBackend):
    """The page's own django-filter FilterSet (`filterset_class`); a parameter that is neither one
    of its filters nor the pagination's is a 400 that names it, rather than being ignored (an
    analyst's misspelt filter must not quietly return everything)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        allowed = set(filterset_class.base_filters) if filterset_class else set()
        if getattr(view, "action", None) == "list" or getattr(view, "paginated", False):
            allowed |= PAGING_PARAMETERS
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError(
                {
                    name: [
                        _("Unknown parameter. Accepted: %(names)s.")
                        % {"names": ", ".join(sorted(allowed)) or _("none")}
                    ]
                    for name in unknown
                }
            )
        if filterset_class is None:
            return queryset
        return super().filter_queryset(request, queryset, view)


# The pages' FilterSets serve the API unchanged; drf-spectacular cannot tell what their hand-made
# filters take (a record's id, or a fiscal year such as 2014-15), so the schema is told here,
# where the pages meet the API, rather than in the apps that own the filters.
for filterset, name, kind in [
    (EngagementFilter, "officer", OpenApiTypes.INT),
    (EngagementFilter, "partner", OpenApiTypes.INT),
    (EngagementFilter, "theme", OpenApiTypes.INT),
    (MeetingFilter, "fiscal_year", OpenApiTypes.STR),
    (AgreementFilter, "fiscal_year", OpenApiTypes.STR),
    (PlanFilter, "fiscal_year", OpenApiTypes.STR),
    (ServiceLineFilter, "fiscal_year", OpenApiTypes.STR),
    (EventFilter, "country", OpenApiTypes.STR),  # an ISO 3166 code, e.g. SY
]:
    extend_schema_field(kind)(filterset.base_filters[name])
