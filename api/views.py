"""The read-only API: each resource starts from the same queryset (or selector) and filters with
the same django-filter FilterSet as its page, so a token sees what its owner sees on the pages."""

from csp.constants import NONCE
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework import generics, viewsets
from rest_framework.response import Response

from core.fiscal import FiscalYear
from engagements.filters import EngagementFilter
from engagements.models import Engagement
from events.filters import EventFilter
from events.models import Assessment, EventResponse
from events.selectors import events_for_list
from forums.filters import ForumFilter, MeetingFilter, PlanFilter
from forums.models import OutcomeDocument
from forums.selectors import forums_with_counts, meetings_with_forum, plan_meetings
from indicators import selectors as indicator_selectors
from indicators.calculations import Figures
from indicators.exports import infobase_rows
from indicators.filters import IndicatorFilter
from indicators.models import Indicator, ProgramResource, Result, Target
from partners.filters import AgreementFilter, OrganizationFilter, ServiceLineFilter
from partners.models import (
    AgreementAmount,
    Organization,
    ReportingRequirement,
    ServiceVolume,
    TransferPayment,
)
from partners.selectors import agreements_with_totals, service_lines_for_list

from . import serializers
from .selectors import attach_engagement_relations


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List (cursor pages) and detail. `permission_required` is the page's permission."""

    permission_required: str = ""
    cursor_ordering = "id"


class ForumViewSet(ReadOnlyViewSet):
    permission_required = "forums.view_forum"
    serializer_class = serializers.ForumSerializer
    filterset_class = ForumFilter

    def get_queryset(self):
        return forums_with_counts()


class MeetingViewSet(ReadOnlyViewSet):
    permission_required = "forums.view_meeting"
    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilter
    cursor_ordering = "-id"

    def get_queryset(self):
        return meetings_with_forum().prefetch_related(
            Prefetch("outcome_documents", queryset=OutcomeDocument.objects.order_by("pk"))
        )


class PlanViewSet(ReadOnlyViewSet):
    """The year's plan (one fiscal year, the current one unless `fiscal_year` says another), with
    its page's filters and figures: each meeting and what the reader may see of the work at it.
    By start date (the page puts important meetings first: `importance` is in each row)."""

    permission_required = "forums.view_meeting"
    serializer_class = serializers.PlanMeetingSerializer
    filterset_class = PlanFilter
    cursor_ordering = ("start_date", "id")

    def get_queryset(self):
        return plan_meetings(user=self.request.user, today=timezone.localdate())


class OrganizationViewSet(ReadOnlyViewSet):
    permission_required = "partners.view_organization"
    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilter

    def get_queryset(self):
        return Organization.objects.all()


class TransferPaymentViewSet(ReadOnlyViewSet):
    permission_required = "partners.view_transferpayment"
    serializer_class = serializers.TransferPaymentSerializer

    def get_queryset(self):
        return TransferPayment.objects.all()


class AgreementViewSet(ReadOnlyViewSet):
    permission_required = "partners.view_contributionagreement"
    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilter
    cursor_ordering = "-id"

    def get_queryset(self):
        return agreements_with_totals().prefetch_related(
            Prefetch("amounts", queryset=AgreementAmount.objects.order_by("fiscal_year")),
            Prefetch("reports", queryset=ReportingRequirement.objects.order_by("due_date", "pk")),
        )


class ServiceLineViewSet(ReadOnlyViewSet):
    """The services Canada uses from IOM and UNHCR, with the services page's filters and sums
    (those of the fiscal year filtered on, or of every year), and each line's volumes for every
    fiscal year recorded. By id (the page sorts by partner and name, which are not unique)."""

    permission_required = "partners.view_serviceline"
    serializer_class = serializers.ServiceLineSerializer
    filterset_class = ServiceLineFilter

    def get_queryset(self):
        fiscal_year = self.request.query_params.get("fiscal_year", "")
        return service_lines_for_list(fiscal_year=fiscal_year).prefetch_related(
            Prefetch("volumes", queryset=ServiceVolume.objects.order_by("fiscal_year"))
        )


class EngagementViewSet(ReadOnlyViewSet):
    """Engagements as the list page shows them to the user: managers and administrators every
    record, officers the approved ones and their own; newest start date first, as the page, and
    by id among those that start the same day (the index engagement_start_idx)."""

    permission_required = "engagements.view_engagement"
    serializer_class = serializers.EngagementSerializer
    filterset_class = EngagementFilter
    cursor_ordering = ("-start_date", "-id")

    def get_queryset(self):
        return Engagement.objects.visible_to(self.request.user).select_related("lead_officer")

    def get_serializer(self, *args, **kwargs):
        if args:  # the page's rows, or the one record: their partners, themes, positions...
            attach_engagement_relations(args[0] if kwargs.get("many") else [args[0]])
        return super().get_serializer(*args, **kwargs)


class EventViewSet(ReadOnlyViewSet):
    """The watch of international events, as its page lists them (newest first), with the same
    filters; each event's engagements are those the reader may see."""

    permission_required = "events.view_event"
    serializer_class = serializers.EventSerializer
    filterset_class = EventFilter
    cursor_ordering = ("-start_date", "id")

    def get_queryset(self):
        visible = Engagement.objects.visible_to(self.request.user).values("pk")
        return events_for_list().prefetch_related(
            "forums",
            Prefetch("assessments", queryset=Assessment.objects.order_by("effect", "pk")),
            Prefetch(
                "responses",
                queryset=EventResponse.objects.filter(engagement__in=visible).order_by(
                    "-engagement__start_date", "-engagement_id"
                ),
                to_attr="visible_responses",
            ),
        )


class IndicatorViewSet(ReadOnlyViewSet):
    """Indicators with their targets, recorded results and, for every fiscal year of the portal,
    the live figures (numerator, denominator, pending) and the drill-down behind each."""

    permission_required = "indicators.view_indicator"
    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Indicator.objects.select_related("outcome").prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("fiscal_year")),
            Prefetch("results", queryset=Result.objects.order_by("fiscal_year")),
        )

    def get_serializer(self, *args, **kwargs):
        if args:
            instances = args[0] if kwargs.get("many") else [args[0]]
            years = indicator_selectors.portal_years()
            kwargs["context"] = {
                **self.get_serializer_context(),
                "trends": {
                    trend.indicator.pk: trend
                    for trend in indicator_selectors.trends(instances, years)
                },
                "year_figures": self.year_figures,
            }
        return super().get_serializer(*args, **kwargs)

    def year_figures(self, indicator, trend, reading) -> dict:
        year: FiscalYear = reading.year
        figures: Figures | None = reading.figures
        source = figures or reading.result
        # indicator_records is indicator_year's URL and the figure's name (indicators/urls.py):
        # one reverse() per indicator and year rather than one per figure (a list of every
        # indicator has some 500 links; reverse() was half of its time)
        records = self.request.build_absolute_uri(
            reverse("indicators:indicator_records", args=[indicator.code, year, "figure"])
        ).removesuffix("figure/")

        links = []
        if figures is not None and trend.calculation is not None:
            links = [
                {"name": name, "count": figures.counts.get(name), "url": f"{records}{name}/"}
                for name in trend.calculation.figures
            ]
            if figures.awaiting is not None:
                links.append(
                    {"name": "awaiting", "count": figures.awaiting, "url": f"{records}awaiting/"}
                )
        return {
            "fiscal_year": year.start_year,
            "fiscal_year_label": year.label_en,
            "numerator": getattr(source, "numerator", None),
            "denominator": getattr(source, "denominator", None),
            "value": reading.value,
            "live_value": reading.live_value,
            "pending": figures.pending if figures else None,
            "awaiting": figures.awaiting if figures else None,
            "status": str(reading.status),
            "live_status": str(reading.live_status),
            "recorded": reading.result is not None,
            "url": records,  # the indicator_year page
            "figures": links,
        }


class ProgramResourceViewSet(ReadOnlyViewSet):
    permission_required = "indicators.view_programresource"
    serializer_class = serializers.ProgramResourceSerializer

    def get_queryset(self):
        return ProgramResource.objects.select_related("program")


class InfoBaseView(generics.GenericAPIView):
    """GC InfoBase's indicator rows, exactly as the portal's GC InfoBase CSV writes them (one per
    indicator and fiscal year with a target or a recorded result)."""

    permission_required = "indicators.view_indicator"
    serializer_class = serializers.InfoBaseRowSerializer
    pagination_class = None
    queryset = Indicator.objects.none()  # the schema's model; the rows are infobase_rows()

    @extend_schema(responses=serializers.InfoBaseRowSerializer(many=True))
    def get(self, request):
        self.filter_queryset(None)  # refuses unknown parameters
        rows = [
            {key: "" if value is None else str(value) for key, value in row.items()}
            for row in infobase_rows()
        ]
        return Response(self.get_serializer(rows, many=True).data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, its descriptions in the reader's language (Accept-Language)."""

    permission_required = "api.use_api"


# The SHA-256 of the stylesheet (perfect-scrollbar's) that the sidecar's Redoc bundle (2.5.4)
# writes as it loads, before Redoc.init gives it the nonce. Another Redoc writes another: the
# docs page's browser test fails on the CSP violation, and the new hash is in its message.
REDOC_BUNDLE_STYLES = [
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # the same <style>, still empty
]


class DocsView(SpectacularRedocView):
    """The human documentation at /api/docs/: Redoc, from drf-spectacular-sidecar's self-hosted
    bundle. Swagger UI's own markup failed axe-core (nested buttons, unnamed drop-downs, a
    scroll area out of the keyboard's reach); Redoc's reads the schema as a document, which is
    what an analyst needs (the API is read-only: nothing to try out). Its start-up script is a
    static file (static/js/api-docs.js) that reads the schema's URL from the page, so the
    portal's CSP holds: scripts from 'self' only, as everywhere. Redoc lays its styles out with
    styled-components, which writes <style> elements at run time: this page alone adds a nonce
    to style-src (a fresh one per response, which Redoc gives those elements), and the hash of
    the one stylesheet its bundle writes before it knows the nonce (perfect-scrollbar's), never
    'unsafe-inline'."""

    permission_required = "api.use_api"
    template_name = "api/docs.html"
    url_name = "api:schema"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        # /api/ is outside the language prefix: the portal's links say `?lang=`, which
        # drf-spectacular passes on to the schema's URL (its descriptions in that language).
        lang = request.GET.get("lang")
        if lang in dict(settings.LANGUAGES):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = super().get(request, *args, **kwargs)
        # django-csp's per-response update, for this page only
        response._csp_update = {"style-src": [NONCE, *REDOC_BUNDLE_STYLES]}
        return response
