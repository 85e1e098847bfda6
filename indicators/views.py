"""The program dashboard (home page), the by-forum and funding dashboards, the indicator pages,
the drill-down lists behind every figure, the result form, the printable report and the GC
InfoBase export."""

import csv
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView
from django_tables2 import SingleTableMixin

from core import exports
from core.charts import BarChart, Series
from core.fiscal import FiscalYear
from core.formatting import money, money_compact
from core.views import (
    PortalPermissionMixin,
    PortalTableView,
    TableExportMixin,
    requires_permission,
)
from engagements import selectors as engagement_selectors
from engagements.models import Engagement, Position
from events.selectors import active_high_events
from forums.models import Forum, OutcomeDocument
from partners.selectors import (
    attention_items,
    funding_summary,
    funding_year_cells,
    funding_year_total,
    funding_years,
    service_volumes_for_years,
)

from . import calculations, selectors, services
from .exports import INFOBASE_COLUMNS, infobase_rows
from .filters import IndicatorFilter
from .forms import RecordResultForm, ReviseResultForm
from .models import Indicator, Result, Status
from .presenters import (
    attention_rows,
    card_for,
    format_target,
    format_value,
    forum_rows,
    funding_rows,
    resource_rows,
    summary_rows,
    trend_rows,
)
from .status import target_in_force
from .tables import (
    AttentionTable,
    ForumTable,
    FundingTable,
    IndicatorSummaryTable,
    IndicatorTable,
    PositionTraceTable,
    ResourceTable,
    TrendTable,
    records_table_class,
)

VIEW = "indicators.view_indicator"
RECORD = "indicators.record_result"


class ExportTablesMixin(TableExportMixin):
    """A page with several tables, each downloadable: `?_export=csv&_table=<name>` (the title
    row names the table and the fiscal year shown)."""

    def export_tables(self) -> dict:
        return {}

    def export_heading(self, table):
        return exports.Heading(
            what=str(table.export_title),
            details=(exports.labelled(_("Fiscal year"), self.year.label),),
            year=self.year.label,
        )

    def get(self, request, *args, **kwargs):
        # what the page shows is worked out once, for the page or for its export
        self.prepare(request, *args, **kwargs)
        export = request.GET.get(self.export_trigger_param)
        if export:
            name = request.GET.get("_table", "")
            if export not in self.export_formats:
                raise Http404(_("Unknown export format."))
            tables = self.export_tables()
            if name not in tables:
                raise Http404(_("There is no such table on this page."))
            return self.export_table(tables[name], export)
        return super().get(request, *args, **kwargs)

    def prepare(self, request, *args, **kwargs):
        """Work out what the page shows (before an export or a render)."""


class YearSelectorMixin:
    """`?year=2014-15`: a malformed or unknown year renders the page for the current year with a
    clear message and the status 400 — never a 500."""

    def read_year(self):
        self.year_error = None
        try:
            self.year = selectors.year_from_query(self.request.GET.get("year"))
        except selectors.BadYear as error:
            self.year_error = error.message
            self.year = FiscalYear.current()
        self.years = selectors.portal_years()

    def render_to_response(self, context, **response_kwargs):
        if self.year_error:
            response_kwargs["status"] = HTTPStatus.BAD_REQUEST
        return super().render_to_response(context, **response_kwargs)

    def year_context(self):
        return {
            "year": self.year,
            "year_error": self.year_error,
            "year_choices": [(y.slug, y.label) for y in reversed(self.years)],
            "current_year": FiscalYear.current(),
        }


# --- the program dashboard -----------------------------------------------------------------------


class ProgramDashboardView(
    PortalPermissionMixin, YearSelectorMixin, ExportTablesMixin, TemplateView
):
    """The home page: the program's expected result and its indicators for a fiscal year."""

    permission_required = VIEW
    template_name = "indicators/dashboard.html"

    def prepare(self, request, *args, **kwargs):
        self.read_year()
        self.program = selectors.the_program()
        self.indicators = list(selectors.indicators_for_display())
        self.trends = selectors.trends(self.indicators, self.years)
        self.cards = [card_for(t, self.year, self.years) for t in self.trends]
        self.resources = selectors.resources(self.program)
        self.attention = attention_rows(attention_items(today=timezone.localdate()))
        self.awaiting = selectors.awaiting_approval(self.year)
        self.high_events = (
            list(active_high_events()) if request.user.has_perm("events.view_event") else []
        )

    def export_tables(self):
        return {
            "indicators": IndicatorSummaryTable(summary_rows(self.cards)),
            "trends": TrendTable(trend_rows(self.trends)),
            "resources": ResourceTable(resource_rows(self.resources)),
            "attention": AttentionTable(self.attention),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.year_context())
        selected = next((r for r in self.resources if r.fiscal_year == self.year.start_year), None)
        context.update(
            program=self.program,
            outcomes=list(self.program.outcomes.all()) if self.program else [],
            official_cards=[c for c in self.cards if c["indicator"].is_official],
            supplementary_cards=[c for c in self.cards if not c["indicator"].is_official],
            awaiting=self.awaiting,
            high_events=self.high_events,
            # the signed-in officer's or manager's own work comes first, before the figures
            work=engagement_selectors.home_work(self.request),
            attention=AttentionTable(self.attention),
            attention_count=len(self.attention),
            resources_table=ResourceTable(resource_rows(self.resources)),
            selected_resources=selected,
            resources_chart=self.resources_chart(),
        )
        return context

    def resources_chart(self):
        rows = [r for r in self.resources if r.authorities is not None or r.actual_spending]
        if not rows:
            return None
        return BarChart(
            id="resources",
            title=_("Program spending by fiscal year"),
            description=_("Authorities and actual spending, in dollars; the data table follows."),
            categories=[r.year.label for r in rows],
            series=[
                Series(_("Total authorities"), [r.authorities for r in rows]),
                Series(_("Actual spending"), [r.actual_spending for r in rows]),
            ],
            x_label=_("Fiscal year"),
            y_label=_("Dollars"),
            value_format=lambda v: money(v, 0),
            tick_format=money_compact,
        )


# --- by forum ---------------------------------------------------------------------------------------


class ForumDashboardView(PortalPermissionMixin, YearSelectorMixin, ExportTablesMixin, TemplateView):
    permission_required = VIEW
    template_name = "indicators/forum_dashboard.html"

    def prepare(self, request, *args, **kwargs):
        self.read_year()
        self.rows = forum_rows(selectors.forum_rows_for_dashboard(self.year))

    def export_tables(self):
        return {"forums": ForumTable(self.rows, year=self.year)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.year_context())
        context["table"] = ForumTable(self.rows, year=self.year)
        context["crumbs"] = [{"label": _("Results by forum")}]
        return context


# --- funding ------------------------------------------------------------------------------------------


class FundingDashboardView(
    PortalPermissionMixin, YearSelectorMixin, ExportTablesMixin, TemplateView
):
    permission_required = VIEW
    template_name = "indicators/funding_dashboard.html"

    def prepare(self, request, *args, **kwargs):
        self.read_year()
        self.resources = selectors.resources(selectors.the_program())
        self.funding_years = funding_years()
        self.summary = funding_summary(years=self.funding_years)
        calc = calculations.get(calculations.FUNDING)
        self.funding_series = calc.series(self.funding_years) if self.funding_years else {}
        self.funding_calc = calc

    def funding_rows(self):
        return funding_rows(
            funding_year_cells(self.summary, self.year),
            self.year,
            may_open=self.request.user.has_perm("partners.view_contributionagreement"),
        )

    def export_tables(self):
        return {
            "resources": ResourceTable(resource_rows(self.resources)),
            "funding": FundingTable(self.funding_rows()),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.year_context())
        figures = self.funding_calc.figures_for(self.year)
        context.update(
            resources_table=ResourceTable(resource_rows(self.resources)),
            funding_table=FundingTable(self.funding_rows()),
            year_total=funding_year_total(self.summary, self.year),
            summary=self.summary,
            service_volumes=list(service_volumes_for_years([self.year])),
            figures=figures,
            share_text=format_value(figures.value, self.funding_calc),
            numerator_link=reverse(
                "indicators:indicator_records",
                args=[self.indicator_code(), self.year, calculations.NUMERATOR],
            )
            if self.indicator_code()
            else "",
            crumbs=[{"label": _("Funding")}],
        )
        return context

    def indicator_code(self):
        if not hasattr(self, "_code"):
            indicator = Indicator.objects.filter(measurement=calculations.FUNDING).first()
            self._code = indicator.code if indicator else ""
        return self._code


# --- indicator pages ---------------------------------------------------------------------------------


class IndicatorListView(PortalTableView):
    permission_required = VIEW
    table_class = IndicatorTable
    filterset_class = IndicatorFilter
    page_title = gettext_lazy("Indicators")
    empty_text = gettext_lazy("No indicator has been defined yet.")
    template_name = "indicators/indicator_list.html"

    def get_queryset(self):
        return Indicator.objects.select_related("outcome").order_by("-kind", "position")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("Indicators")}]
        return context


def get_indicator(code: str) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("outcome__program"), code=code)


class IndicatorDetailView(PortalPermissionMixin, YearSelectorMixin, TemplateView):
    permission_required = VIEW
    template_name = "indicators/indicator_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.read_year()
        indicator = get_indicator(self.kwargs["code"])
        trend = selectors.indicator_trend(indicator, self.years)
        context.update(self.year_context())
        context.update(
            indicator=indicator,
            card=card_for(trend, self.year, self.years),
            targets=[
                {"target": t, "text": format_target(t, indicator)}
                for t in indicator.targets.order_by("fiscal_year")
            ],
            crumbs=[
                {"label": _("Indicators"), "url": reverse("indicators:indicator_list")},
                {"label": indicator.code},
            ],
        )
        return context


class IndicatorYearView(PortalPermissionMixin, TemplateView):
    """One indicator in one fiscal year: the live figures and the records behind them, the
    recorded result, and whether the live value has moved since it was recorded."""

    permission_required = VIEW
    template_name = "indicators/indicator_year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = selectors.year_from_url(self.kwargs["year"])
        indicator = get_indicator(self.kwargs["code"])
        trend = selectors.indicator_trend(indicator, [year])
        card = card_for(trend, year, [year])
        reading = card["reading"]
        context.update(
            indicator=indicator,
            year=year,
            card=card,
            reading=reading,
            year_open=year >= FiscalYear.current(),
            can_record=(
                self.request.user.has_perm(RECORD)
                and reading.result is None
                and year < FiscalYear.current()
            ),
            can_revise=self.request.user.has_perm(RECORD) and reading.result is not None,
            versions=(
                reading.result.history.select_related("history_user", "recorded_by", "revised_by")
                if reading.result is not None
                else []
            ),
            crumbs=[
                {"label": _("Indicators"), "url": reverse("indicators:indicator_list")},
                {"label": indicator.code, "url": indicator.get_absolute_url()},
                {"label": year.label},
            ],
        )
        return context


class RecordResultView(PortalPermissionMixin, FormView):
    permission_required = RECORD
    template_name = "indicators/record_result.html"
    form_class = RecordResultForm

    def dispatch(self, request, *args, **kwargs):
        self.year = selectors.year_from_url(kwargs["year"])
        self.indicator = get_indicator(kwargs["code"])
        if (
            request.method == "GET"
            and self.has_permission()
            and Result.objects.filter(
                indicator=self.indicator, fiscal_year=self.year.start_year
            ).exists()
        ):
            # recorded: the year's page shows the result (and how to revise it), not this form
            return redirect("indicators:indicator_year", self.indicator.code, self.year)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        figures = self.card()["figures"]
        return services.draft_explanation(self.indicator, self.year, figures)

    def card(self):
        if not hasattr(self, "_card"):
            self._card = self.reading()
        return self._card

    def reading(self):
        trend = selectors.indicator_trend(self.indicator, [self.year])
        return card_for(trend, self.year, [self.year])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["indicator"] = self.indicator
        kwargs["target"] = target_in_force(list(self.indicator.targets.all()), self.year)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        card = self.card()
        context.update(
            indicator=self.indicator,
            year=self.year,
            card=card,
            reading=card["reading"],
            drafted=bool(self.get_initial().get("explanation_en")),
            year_open=self.year >= FiscalYear.current(),
            crumbs=[
                {"label": _("Indicators"), "url": reverse("indicators:indicator_list")},
                {"label": self.indicator.code, "url": self.indicator.get_absolute_url()},
                {
                    "label": self.year.label,
                    "url": reverse(
                        "indicators:indicator_year", args=[self.indicator.code, self.year]
                    ),
                },
                {"label": _("Record the result")},
            ],
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = services.record_result(
                indicator=self.indicator,
                year=self.year,
                recorded_by=self.request.user,
                explanation_en=data["explanation_en"],
                explanation_fr=data["explanation_fr"],
                value=data.get("value"),
                actual_result_en=data.get("actual_result_en", ""),
                actual_result_fr=data.get("actual_result_fr", ""),
                status=data.get("status") or None,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(
                    None if field == "__all__" or field not in form.fields else field, errors
                )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The %(year)s result is recorded: %(value)s (%(status)s).")
            % {
                "year": self.year.label,
                "value": format_value(result.value, self.indicator),
                "status": Status(result.status).label,
            },
        )
        return redirect(result.get_absolute_url())


class ReviseResultView(PortalPermissionMixin, FormView):
    """A manager revises a recorded result, with a reason; every version stays in its history."""

    permission_required = RECORD
    template_name = "indicators/revise_result.html"
    form_class = ReviseResultForm

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.year = selectors.year_from_url(kwargs["year"])
        self.indicator = get_indicator(kwargs["code"])
        self.result = get_object_or_404(
            Result.objects.select_related("recorded_by"),
            indicator=self.indicator,
            fiscal_year=self.year.start_year,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["indicator"] = self.indicator
        kwargs["target"] = target_in_force(list(self.indicator.targets.all()), self.year)
        return kwargs

    def get_initial(self):
        result = self.result
        return {
            "value": result.value,
            "actual_result_en": result.actual_result_en,
            "actual_result_fr": result.actual_result_fr,
            "status": result.status,
            "explanation_en": result.explanation_en,
            "explanation_fr": result.explanation_fr,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trend = selectors.indicator_trend(self.indicator, [self.year])
        card = card_for(trend, self.year, [self.year])
        context.update(
            indicator=self.indicator,
            year=self.year,
            result=self.result,
            card=card,
            reading=card["reading"],
            crumbs=[
                {"label": _("Indicators"), "url": reverse("indicators:indicator_list")},
                {"label": self.indicator.code, "url": self.indicator.get_absolute_url()},
                {
                    "label": self.year.label,
                    "url": reverse(
                        "indicators:indicator_year", args=[self.indicator.code, self.year]
                    ),
                },
                {"label": _("Revise the result")},
            ],
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = services.revise_result(
                result=self.result,
                revised_by=self.request.user,
                reason=data["reason"],
                explanation_en=data["explanation_en"],
                explanation_fr=data["explanation_fr"],
                value=data.get("value"),
                actual_result_en=data.get("actual_result_en", ""),
                actual_result_fr=data.get("actual_result_fr", ""),
                status=data.get("status") or None,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(
                    None if field == "__all__" or field not in form.fields else field, errors
                )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The %(year)s result is revised: %(value)s (%(status)s).")
            % {
                "year": self.year.label,
                "value": format_value(result.value, self.indicator),
                "status": Status(result.status).label,
            },
        )
        return redirect(result.get_absolute_url())


# --- drill-down lists ----------------------------------------------------------------------------------


class RecordsView(PortalPermissionMixin, TableExportMixin, SingleTableMixin, ListView):
    """The records behind one figure: exactly what it counts, every page exportable."""

    permission_required = VIEW
    template_name = "indicators/records.html"

    def get_paginate_by(self, table_data):
        return settings.PORTAL_PAGE_SIZE

    def export_heading(self, table):
        return exports.Heading(what=str(self.describe()["page_title"]), year=self.year.label)

    def render_to_response(self, context, **response_kwargs):
        export_format = self.export_format()
        if export_format:
            return self.export_table(self.get_table(**self.get_table_kwargs()), export_format)
        return super().render_to_response(context, **response_kwargs)

    def get_queryset(self):
        queryset = self.records()
        return records_table_class(queryset.model).prepare(queryset)

    def get_table_class(self):
        return records_table_class(self.object_list.model)

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.empty_text = _("No record is counted in this figure.")
        return table

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.describe())
        return context


class IndicatorRecordsView(RecordsView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.year = selectors.year_from_url(kwargs["year"])
        self.indicator = get_indicator(kwargs["code"])
        self.calc = self.indicator.calculation if self.indicator.is_computed else None
        self.figure = kwargs["figure"]
        if self.calc is None:
            raise Http404(_("This indicator is entered by hand: no records are counted."))
        if self.figure != "awaiting" and self.figure not in self.calc.figures:
            raise Http404(_("This indicator has no such figure."))
        if self.figure == "awaiting" and self.calc.awaiting_records(self.year) is None:
            raise Http404(_("This indicator has no records awaiting approval."))

    def records(self):
        if self.figure == "awaiting":
            return self.calc.awaiting_records(self.year).filter(
                pk__in=Engagement.objects.visible_to(self.request.user).values("pk")
            )
        return self.calc.records(self.year, self.figure)

    def describe(self):
        if self.figure == "awaiting":
            label = _("submitted and not yet approved")
            caption = self.calc.awaiting_caption or _(
                "Engagements submitted and not yet approved that could change the figure once "
                "approved."
            )
        else:
            spec = self.calc.figures[self.figure]
            label = spec.label
            caption = spec.caption or self.calc.description
        title = _("%(indicator)s, %(year)s: %(figure)s") % {
            "indicator": self.indicator.code,
            "year": self.year.label,
            "figure": label,
        }
        return {
            "page_title": title,
            "indicator": self.indicator,
            "calculation": self.calc,
            "year": self.year,
            "figure_label": label,
            "caption": caption,
            "back_url": reverse("indicators:indicator_year", args=[self.indicator.code, self.year]),
            "crumbs": [
                {"label": _("Indicators"), "url": reverse("indicators:indicator_list")},
                {"label": self.indicator.code, "url": self.indicator.get_absolute_url()},
                {
                    "label": self.year.label,
                    "url": reverse(
                        "indicators:indicator_year", args=[self.indicator.code, self.year]
                    ),
                },
                {"label": label},
            ],
        }


class DocumentPositionsView(RecordsView):
    """One click below a figure: the positions that aimed at an outcome document, with their
    outcome, note, engagement, officer and evidence (the engagements the reader may see)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.document = get_object_or_404(
            OutcomeDocument.objects.select_related("meeting__forum"), pk=kwargs["pk"]
        )
        self.export_name = f"outcome-document-{self.document.pk}-positions"

    def records(self):
        return Position.objects.filter(
            outcome_document=self.document,
            engagement__in=Engagement.objects.visible_to(self.request.user).values("pk"),
        )

    def get_table_class(self):
        return PositionTraceTable

    def export_heading(self, table):
        return exports.Heading(
            what=str(self.describe()["page_title"]),
            year=self.document.meeting.year.label,
        )

    def get_queryset(self):
        return PositionTraceTable.prepare(self.records())

    def describe(self):
        document = self.document
        meeting = document.meeting
        return {
            "page_title": _("Positions aimed at %(document)s") % {"document": document},
            "document": document,
            "meeting": meeting,
            "caption": _(
                "The positions Canada delivered that aimed at this outcome document, in the "
                "engagements you may see. The official figure counts those of approved "
                "engagements only; an outcome recorded after the meeting and not yet approved "
                "counts as pending. Positions set after the meeting are flagged, with why."
            ),
            "back_url": meeting.get_absolute_url(),
            "crumbs": [
                {"label": _("Meetings"), "url": reverse("forums:meeting_list")},
                {"label": str(meeting.name), "url": meeting.get_absolute_url()},
                {"label": str(document.title)},
            ],
        }


FORUM_FIGURE_LABELS = {
    "meetings": gettext_lazy("meetings"),
    "important_meetings": gettext_lazy("meetings identified as important"),
    "engagements": gettext_lazy("approved engagements"),
    "positions": gettext_lazy("positions delivered"),
    "assessed": gettext_lazy("positions whose outcome is known"),
    "reflected": gettext_lazy("positions reflected"),
}


class ForumRecordsView(RecordsView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.year = selectors.year_from_url(kwargs["year"])
        self.forum = get_object_or_404(Forum, pk=kwargs["forum"])
        self.figure = kwargs["figure"]
        if self.figure not in FORUM_FIGURE_LABELS:
            raise Http404(_("The by-forum dashboard has no such figure."))

    def records(self):
        return selectors.forum_records(self.forum, self.year, self.figure)

    def describe(self):
        label = FORUM_FIGURE_LABELS[self.figure]
        dashboard = reverse("indicators:forum_dashboard") + f"?year={self.year.slug}"
        return {
            "page_title": _("%(forum)s, %(year)s: %(figure)s")
            % {"forum": self.forum.acronym, "year": self.year.label, "figure": label},
            "year": self.year,
            "figure_label": label,
            "back_url": dashboard,
            "crumbs": [
                {"label": _("Results by forum"), "url": dashboard},
                {"label": f"{self.forum.acronym}, {self.year.label}"},
            ],
        }


# --- the printable report and the GC InfoBase export ---------------------------------------------------


class ReportView(PortalPermissionMixin, YearSelectorMixin, TemplateView):
    """A clean report of the expected result and its indicators for a fiscal year, to print."""

    permission_required = VIEW
    template_name = "indicators/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.read_year()
        program = selectors.the_program()
        indicators = list(selectors.indicators_for_display())
        trends = selectors.trends(indicators, self.years)
        context.update(self.year_context())
        context.update(
            program=program,
            outcomes=list(program.outcomes.all()) if program else [],
            cards=[card_for(t, self.year, self.years) for t in trends],
            generated=timezone.localtime(),
            crumbs=[{"label": _("Report")}],
        )
        return context


@requires_permission(VIEW)
def infobase_export(request):
    """Indicators and their results in GC InfoBase's indicator CSV columns, one row per indicator
    and fiscal year with a target or a recorded result (for the Departmental Results Report)."""
    # GC InfoBase's own file: UTF-8 without a byte-order mark, CRLF, text quoted, numbers not
    # (as /work/shared/data/infobase-program-4.3-indicator.csv); the cells through core.exports
    lines = exports.csv_lines(
        INFOBASE_COLUMNS,
        ([row[column] for column in INFOBASE_COLUMNS] for row in infobase_rows()),
        bom=False,
        quoting=csv.QUOTE_NONNUMERIC,
    )
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="infobase-indicators-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response
