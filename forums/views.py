from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView

from core.views import PortalPermissionMixin, PortalTableView

from . import selectors, services
from .filters import ForumFilter, MeetingFilter, PlanFilter
from .forms import ImportanceDecisionForm, ImportanceProposalForm
from .models import Forum, Meeting
from .tables import ForumTable, MeetingTable, PlanTable


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
        return Meeting.objects.select_related(
            "forum", "importance_decided_by", "importance_proposed_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.meeting_trace(self.object, user=self.request.user))
        user = self.request.user
        context["can_decide"] = user.has_perm("forums.decide_importance")
        context["can_propose"] = user.has_perm(
            "forums.propose_importance"
        ) and self.object.importance in ("none", "declined")
        context["crumbs"] = [
            {"label": _("Meetings"), "url": Meeting.get_list_url()},
            {"label": str(self.object.name)},
        ]
        return context


# --- the year's plan and the importance decisions ------------------------------------------------


class PlanView(PortalTableView):
    """The fiscal year's meetings, important ones first, with their engagements and positions;
    managers decide importance from here, officers propose."""

    permission_required = "forums.view_meeting"
    filterset_class = PlanFilter
    table_class = PlanTable
    template_name = "forums/plan.html"
    export_name = "plan"
    list_label = _("The year's plan")
    empty_text = _("No meeting is recorded for this fiscal year yet.")

    def get_queryset(self):
        return selectors.plan_meetings(user=self.request.user, today=timezone.localdate())

    def get_table_kwargs(self):
        return {"user": self.request.user}

    def get_export_filename(self, export_format):
        return (
            super()
            .get_export_filename(export_format)
            .replace("plan-", f"plan-{self.filterset.year.slug}-", 1)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.filterset.year
        context["year"] = year
        context["page_title"] = gettext("The year's plan, %(year)s") % {"year": year.label}
        context["overdue_days"] = selectors.OVERDUE_AFTER.days
        context["crumbs"] = [
            {"label": gettext("Meetings"), "url": Meeting.get_list_url()},
            {"label": context["page_title"]},
        ]
        return context


class MeetingActionView(PortalPermissionMixin, FormView):
    """A form about one meeting that returns to the plan (or to `next`, a page of the portal)."""

    template_name = "forums/meeting_action.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()  # 403 before saying whether the meeting exists
        self.meeting = get_object_or_404(
            Meeting.objects.select_related(
                "forum", "importance_decided_by", "importance_proposed_by"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if wanted and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return wanted
        return reverse("forums:plan") + f"?fiscal_year={self.meeting.year.slug}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            meeting=self.meeting,
            next=self.next_url(),
            page_title=self.title,
            crumbs=[
                {"label": gettext("Meetings"), "url": Meeting.get_list_url()},
                {"label": str(self.meeting.name), "url": self.meeting.get_absolute_url()},
                {"label": self.title},
            ],
        )
        return context

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message())
        return redirect(self.next_url())


class MeetingImportanceView(MeetingActionView):
    permission_required = "forums.decide_importance"
    form_class = ImportanceDecisionForm
    title = _("Decide whether the meeting is important")

    def get_initial(self):
        if self.meeting.importance in ("important", "declined"):
            return {"important": "yes" if self.meeting.is_important else "no"}
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["started"] = timezone.localdate() >= self.meeting.start_date
        return context

    def act(self, data):
        self.meeting = services.decide_importance(
            meeting=self.meeting,
            actor=self.request.user,
            important=data["important"],
            reason=data["reason"],
        )

    def done_message(self):
        if self.meeting.is_important:
            if self.meeting.identified_late:
                return gettext(
                    "%(meeting)s is identified as important, flagged as identified after the "
                    "meeting began."
                ) % {"meeting": self.meeting.name}
            return gettext("%(meeting)s is identified as important.") % {
                "meeting": self.meeting.name
            }
        return gettext("%(meeting)s is recorded as not important.") % {"meeting": self.meeting.name}


class MeetingProposeView(MeetingActionView):
    permission_required = "forums.propose_importance"
    form_class = ImportanceProposalForm
    title = _("Propose the meeting as important")

    def act(self, data):
        self.meeting = services.propose_importance(
            meeting=self.meeting, actor=self.request.user, reason=data["reason"]
        )

    def done_message(self):
        return gettext("%(meeting)s is proposed as important: a program manager will decide.") % {
            "meeting": self.meeting.name
        }
