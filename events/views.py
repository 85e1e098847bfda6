from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView

from core.views import PortalPermissionMixin, PortalTableView
from engagements.selectors import visible_engagement

from . import selectors, services
from .filters import EventFilter
from .forms import EngagementEventsForm, EventForm
from .models import Event
from .tables import EventTable

WATCH = "events.watch_event"


class EventListView(PortalTableView):
    permission_required = "events.view_event"
    filterset_class = EventFilter
    table_class = EventTable
    template_name = "events/event_list.html"
    page_title = _("International events")
    empty_text = _("No event is watched yet.")
    filtered_empty_text = _("No event matches these filters.")

    def get_queryset(self):
        return selectors.events_for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("International events")}]
        return context


class EventDetailView(PortalPermissionMixin, DetailView):
    permission_required = "events.view_event"
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.select_related("followed_by").prefetch_related(
            "forums", "assessments__assessed_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context.update(selectors.event_work(event, self.request.user))
        context["assessments"] = sorted(
            event.assessments.all(), key=lambda a: list(a.Effect.values).index(a.effect)
        )
        context["review_overdue"] = event.review_overdue(timezone.localdate())
        context["crumbs"] = [
            {"label": _("International events"), "url": Event.get_list_url()},
            {"label": event.title},
        ]
        return context


class EventFormView(PortalPermissionMixin, View):
    """Create (no pk) or edit an event with its assessments, on one page."""

    permission_required = WATCH
    template_name = "events/event_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.event = get_object_or_404(Event, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return EventForm(data, instance=self.event or Event(), user=self.request.user)

    def render_form(self, form, status=200):
        title = (
            gettext("Edit the event: %(title)s") % {"title": self.event.title}
            if self.event
            else gettext("Record an international event")
        )
        crumbs = [{"label": _("International events"), "url": Event.get_list_url()}]
        if self.event:
            crumbs.append({"label": self.event.title, "url": self.event.get_absolute_url()})
        crumbs.append({"label": gettext("Edit") if self.event else gettext("New event")})
        return render(
            self.request,
            self.template_name,
            {"form": form, "event": self.event, "page_title": title, "crumbs": crumbs},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            event = services.save_event(
                event=form.instance,
                actor=request.user,
                forums=form.cleaned_data.get("forums") or [],
                assessments=form.assessments(),
                language=form.cleaned_data["notes_language"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.render_form(form)
        messages.success(
            request,
            (gettext("%(title)s is saved.") if self.event else gettext("%(title)s is now watched."))
            % {"title": event.title},
        )
        return redirect(event)


class EngagementEventsView(PortalPermissionMixin, View):
    """Which events an engagement addressed: its page links here, and this page sets them."""

    permission_required = WATCH
    template_name = "events/engagement_events.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.engagement = visible_engagement(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return EngagementEventsForm(
            data,
            queryset=selectors.events_to_link(self.engagement),
            initial={"events": [e.pk for e in self.engagement.events.all()]},
        )

    def render_form(self, form):
        title = gettext("Events this engagement addressed")
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "engagement": self.engagement,
                "page_title": title,
                "crumbs": [
                    {"label": gettext("Engagements"), "url": self.engagement.get_list_url()},
                    {
                        "label": str(self.engagement),
                        "url": self.engagement.get_absolute_url(),
                    },
                    {"label": title},
                ],
            },
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        services.set_engagement_events(
            engagement=self.engagement, events=form.cleaned_data["events"], actor=request.user
        )
        messages.success(request, gettext("The events this engagement addressed are saved."))
        return redirect(self.engagement)
