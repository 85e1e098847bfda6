import datetime

import tablib
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from core.charts import BarChart, Series, money_compact
from core.templatetags.portal import money
from core.views import PortalPermissionMixin, PortalTableView
from engagements import selectors as engagement_selectors

from . import selectors
from .filters import AgreementFilter, OrganizationFilter
from .forms import FundingRangeForm
from .models import ContributionAgreement, Organization
from .tables import AgreementTable, OrganizationTable


class OrganizationListView(PortalTableView):
    permission_required = "partners.view_organization"
    filterset_class = OrganizationFilter
    table_class = OrganizationTable
    page_title = _("Partner organizations")
    export_name = "organizations"
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
    export_name = "agreements"
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


class FundingSummaryView(PortalPermissionMixin, TemplateView):
    """Authorized and actual amounts by transfer payment × fiscal year, with totals and a chart."""

    permission_required = "partners.view_contributionagreement"
    template_name = "partners/funding_summary.html"

    def get(self, request, *args, **kwargs):
        self.form = FundingRangeForm(request.GET or None, years=selectors.funding_years())
        years = self.form.selected_years()
        self.summary = selectors.funding_summary(years=years)
        export = request.GET.get("_export")
        if export in ("csv", "xlsx"):
            return self.export(export)
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

    def export(self, export_format):
        summary = self.summary
        headers = [
            gettext("Measure"),
            gettext("Transfer payment"),
            *[year.label for year in summary.years],
            gettext("Total"),
        ]
        dataset = tablib.Dataset(headers=headers)
        measures = [
            ("authorized", gettext("Authorities")),
            ("actual", gettext("Actual spending")),
            ("lapsed", gettext("Lapsed")),
        ]
        for key, label in measures:
            for row in summary.rows:
                dataset.append(
                    [
                        label,
                        str(row.transfer_payment.name),
                        *[getattr(cell, key) for cell in row.cells],
                        getattr(row.total, key),
                    ]
                )
            dataset.append(
                [
                    label,
                    gettext("Total"),
                    *[getattr(cell, key) for cell in summary.totals],
                    getattr(summary.grand_total, key),
                ]
            )
        content_types = {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
        response = HttpResponse(
            dataset.export(export_format), content_type=content_types[export_format]
        )
        filename = f"funding-summary-{datetime.date.today():%Y-%m-%d}.{export_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
