from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from core import exports
from core.charts import BarChart, Series, money_compact
from core.templatetags.portal import money
from core.views import PortalPermissionMixin, PortalTableView, TableExportMixin
from engagements import selectors as engagement_selectors

from . import selectors
from .filters import AgreementFilter, OrganizationFilter
from .forms import FundingRangeForm
from .models import ContributionAgreement, Organization
from .tables import AgreementTable, FundingSummaryTable, OrganizationTable


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
