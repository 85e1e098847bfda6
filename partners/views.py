from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from core import exports
from core.charts import BarChart, Series
from core.fiscal import FiscalYear, listed_years
from core.formatting import money, money_compact
from core.views import PortalPermissionMixin, PortalTableView, TableExportMixin
from engagements import selectors as engagement_selectors

from . import selectors, services
from .filters import AgreementFilter, OrganizationFilter, ServiceLineFilter
from .forms import FundingRangeForm, ServiceLineForm, ServiceVolumeForm
from .models import ContributionAgreement, Organization, ServiceLine
from .tables import AgreementTable, FundingSummaryTable, OrganizationTable, ServiceLineTable


class OrganizationListView(PortalTableView):
    permission_required = "partners.view_organization"
    filterset_class = OrganizationFilter
    table_class = OrganizationTable
    page_title = _("Partner organizations")
    empty_text = _("No organization has been recorded yet.")

    def get_queryset(self):
        return Organization.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("Partners")}]
        return context


class OrganizationDetailView(PortalPermissionMixin, DetailView):
    permission_required = "partners.view_organization"
    model = Organization
    template_name = "partners/organization_detail.html"
    context_object_name = "organization"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forums_served"] = self.object.forums_served.all()
        context["service_lines"] = list(
            ServiceLine.objects.filter(
                Q(partner=self.object) | Q(department=self.object)
            ).select_related("partner", "department")
        )
        context["crumbs"] = [
            {"label": _("Partners"), "url": reverse("partners:organization_list")},
            {"label": self.object.acronym},
        ]
        return context


# --- Contribution agreements and funding ---


class AgreementListView(PortalTableView):
    permission_required = "partners.view_contributionagreement"
    filterset_class = AgreementFilter
    table_class = AgreementTable
    template_name = "partners/agreement_list.html"
    page_title = _("Contribution agreements")
    empty_text = _("No agreement has been recorded yet.")
    filtered_empty_text = _("No agreement matches these filters.")

    def get_queryset(self):
        return selectors.agreements_with_totals()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attention"] = selectors.attention_items()
        context["crumbs"] = [{"label": _("Agreements")}]
        return context


class AgreementDetailView(PortalPermissionMixin, DetailView):
    permission_required = "partners.view_contributionagreement"
    template_name = "partners/agreement_detail.html"
    context_object_name = "agreement"

    def get_queryset(self):
        return ContributionAgreement.objects.select_related(
            "recipient", "transfer_payment", "responsible_officer"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.object
        context["amounts"] = list(agreement.amounts.order_by("fiscal_year"))
        context["totals"] = selectors.agreement_amount_totals(agreement)
        context["reports"] = list(agreement.reports.order_by("due_date", "pk"))
        context["today"] = timezone.localdate()
        context["linked"] = engagement_selectors.engagements_for_agreement(
            self.request.user, agreement
        )
        context["linked_list_url"] = f"{reverse('engagements:list')}?agreement={agreement.pk}"
        context["crumbs"] = [
            {"label": _("Agreements"), "url": reverse("partners:agreement_list")},
            {"label": agreement.number},
        ]
        return context


class FundingSummaryView(PortalPermissionMixin, TableExportMixin, TemplateView):
    """Authorized and actual amounts by transfer payment × fiscal year, with totals and a chart."""

    permission_required = "partners.view_contributionagreement"
    template_name = "partners/funding_summary.html"

    def get(self, request, *args, **kwargs):
        self.form = FundingRangeForm(request.GET or None, years=selectors.funding_years())
        years = self.form.selected_years()
        self.summary = selectors.funding_summary(years=years)
        export_format = self.export_format()
        if export_format:
            return self.export_table(FundingSummaryTable.for_summary(self.summary), export_format)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = self.summary
        context["form"] = self.form
        context["summary"] = summary
        context["measures"] = [
            {"key": "actual", "title": _("Actual spending"), "id": "actual"},
            {"key": "authorized", "title": _("Authorities"), "id": "authorized"},
            {"key": "lapsed", "title": _("Lapsed (authorities not spent)"), "id": "lapsed"},
        ]
        context["chart"] = BarChart(
            id="funding-chart",
            title=_("Actual spending by fiscal year and transfer payment"),
            description=_(
                "Grouped bars, one group per fiscal year, one bar per transfer payment; "
                "the table after the chart gives every value."
            ),
            categories=[year.label for year in summary.years],
            series=[
                Series(
                    label=str(row.transfer_payment.name),
                    values=[c.actual if c.agreements else None for c in row.cells],
                )
                for row in summary.rows
            ],
            x_label=_("Fiscal year"),
            y_label=_("Actual spending (CAD)"),
            value_format=money,
            tick_format=money_compact,
        )
        context["list_url"] = reverse("partners:agreement_list")
        context["service_volumes"] = list(selectors.service_volumes_for_years(summary.years))
        context["crumbs"] = [
            {"label": _("Agreements"), "url": reverse("partners:agreement_list")},
            {"label": _("Funding summary")},
        ]
        return context

    def export_heading(self, table):
        years = self.summary.years
        if not years:
            span = ""
        elif len(years) == 1:
            span = years[0].label
        else:
            span = gettext("%(low)s to %(high)s") % {
                "low": years[0].label,
                "high": years[-1].label,
            }
        return exports.Heading(
            what=str(table.export_title),
            details=(exports.labelled(gettext("Fiscal years"), span),) if span else (),
            year=span,
        )


# --- Services Canada uses from IOM and UNHCR ---

RECORD_SERVICES = "partners.record_service_volumes"


class ServiceLineListView(PortalTableView):
    permission_required = "partners.view_serviceline"
    filterset_class = ServiceLineFilter
    table_class = ServiceLineTable
    template_name = "partners/service_list.html"
    page_title = _("Services from IOM and UNHCR")
    empty_text = _("No service line has been recorded yet.")
    filtered_empty_text = _("No service line matches these filters.")

    def get_queryset(self):
        """The sums shown are those of the fiscal year filtered on, or of every year."""
        return selectors.service_lines_for_list(fiscal_year=self.request.GET.get("fiscal_year", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("Services")}]
        return context


class ServiceLineDetailView(PortalPermissionMixin, DetailView):
    permission_required = "partners.view_serviceline"
    template_name = "partners/service_detail.html"
    context_object_name = "line"

    def get_queryset(self):
        return ServiceLine.objects.select_related(
            "partner", "department", "agreement__recipient", "transfer_payment"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["volumes"] = list(
            self.object.volumes.select_related("recorded_by").order_by("fiscal_year")
        )
        context["crumbs"] = [
            {"label": _("Services"), "url": ServiceLine.get_list_url()},
            {"label": self.object.name},
        ]
        return context


class ServiceLineFormView(PortalPermissionMixin, View):
    """Create (no pk) or edit a service line."""

    permission_required = RECORD_SERVICES
    template_name = "partners/service_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.line = get_object_or_404(ServiceLine, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form):
        title = (
            gettext("Edit the service line: %(name)s") % {"name": self.line.name}
            if self.line
            else gettext("Record a service line")
        )
        crumbs = [{"label": _("Services"), "url": ServiceLine.get_list_url()}]
        if self.line:
            crumbs.append({"label": self.line.name, "url": self.line.get_absolute_url()})
        crumbs.append({"label": gettext("Edit") if self.line else gettext("New service line")})
        return render(
            self.request,
            self.template_name,
            {"form": form, "line": self.line, "page_title": title, "crumbs": crumbs},
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(ServiceLineForm(instance=self.line))

    def post(self, request, *args, **kwargs):
        form = ServiceLineForm(request.POST, instance=self.line or ServiceLine())
        if not form.is_valid():
            return self.render_form(form)
        try:
            line = services.save_service_line(line=form.instance, actor=request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.render_form(form)
        messages.success(request, gettext("%(name)s is saved.") % {"name": line.name})
        return redirect(line)


class ServiceVolumeFormView(PortalPermissionMixin, View):
    """Record or correct one fiscal year's volumes of a service line (?year=2014-15 opens that
    year's figures)."""

    permission_required = RECORD_SERVICES
    template_name = "partners/service_volumes_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.line = get_object_or_404(
            ServiceLine.objects.select_related("partner"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None, initial=None):
        return ServiceVolumeForm(data, initial=initial, years=listed_years())

    def render_form(self, form):
        title = gettext("Record the yearly volumes: %(name)s") % {"name": self.line.name}
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "line": self.line,
                "page_title": title,
                "crumbs": [
                    {"label": _("Services"), "url": ServiceLine.get_list_url()},
                    {"label": self.line.name, "url": self.line.get_absolute_url()},
                    {"label": gettext("Yearly volumes")},
                ],
            },
        )

    def get(self, request, *args, **kwargs):
        initial = {}
        try:
            year = FiscalYear.parse(request.GET.get("year", ""))
        except ValueError:
            year = None
        if year:
            initial["fiscal_year"] = year.slug
            volume = self.line.volumes.filter(fiscal_year=year.start_year).first()
            if volume:
                initial.update(
                    people_served=volume.people_served,
                    sessions=volume.sessions,
                    referrals=volume.referrals,
                    amount=volume.amount,
                    note=volume.note,
                )
        return self.render_form(self.form(initial=initial))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        data = form.volume_input()
        try:
            services.record_volumes(line=self.line, data=data, actor=request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.render_form(form)
        messages.success(
            request,
            gettext("The volumes of %(year)s are saved.")
            % {"year": FiscalYear(data.fiscal_year).label},
        )
        return redirect(self.line)
