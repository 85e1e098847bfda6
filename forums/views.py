from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from core.views import PortalPermissionMixin, PortalTableView

from . import selectors
from .filters import ForumFilter, MeetingFilter
from .models import Forum, Meeting
from .tables import ForumTable, MeetingTable


class ForumListView(PortalTableView):
    permission_required = "forums.view_forum"
    filterset_class = ForumFilter
    table_class = ForumTable
    page_title = _("Forums")
    empty_text = _("No forum has been recorded yet.")

    def get_queryset(self):
        return selectors.forums_with_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("Forums")}]
        return context


class ForumDetailView(PortalPermissionMixin, DetailView):
    permission_required = "forums.view_forum"
    template_name = "forums/forum_detail.html"

    def get_queryset(self):
        return Forum.objects.select_related("parent", "secretariat")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum = self.object
        context["children"] = forum.children.all()
        context["meeting_table"] = MeetingTable(
            forum.meetings.select_related("forum"), exclude=["forum"], orderable=False
        )
        context["crumbs"] = [
            {"label": _("Forums"), "url": Forum.get_list_url()},
            {"label": forum.acronym},
        ]
        return context


class MeetingListView(PortalTableView):
    permission_required = "forums.view_meeting"
    filterset_class = MeetingFilter
    table_class = MeetingTable
    page_title = _("Meetings")
    empty_text = _("No meeting has been recorded yet.")

    def get_queryset(self):
        return selectors.meetings_with_forum()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("Meetings")}]
        return context


class MeetingDetailView(PortalPermissionMixin, DetailView):
    permission_required = "forums.view_meeting"
    template_name = "forums/meeting_detail.html"

    def get_queryset(self):
        return Meeting.objects.select_related("forum")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["outcome_documents"] = self.object.outcome_documents.all()
        context["crumbs"] = [
            {"label": _("Meetings"), "url": Meeting.get_list_url()},
            {"label": str(self.object.name)},
        ]
        return context
