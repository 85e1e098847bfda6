from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from core.views import PortalPermissionMixin, PortalTableView

from .filters import OrganizationFilter
from .models import Organization
from .tables import OrganizationTable


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
