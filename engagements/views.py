from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from core import exports, history
from core.forms import error_summary_items
from core.views import (
    PortalPermissionMixin,
    PortalTableView,
    TableExportMixin,
    requires_permission,
)
from forums.models import Meeting

from . import selectors, services
from .filters import EngagementFilter, ReviewQueueFilter
from .forms import (
    MAX_POSITIONS,
    EngagementForm,
    NewMeetingForm,
    OutcomeFormSet,
    ReasonForm,
    position_formset_class,
)
from .models import Engagement
from .tables import EngagementTable, PositionExportTable, ReviewQueueTable

BLANK_POSITION_ROWS_NEW = 2
BLANK_POSITION_ROWS_EDIT = 1


class EngagementListView(PortalTableView):
    permission_required = "engagements.view_engagement"
    filterset_class = EngagementFilter
    table_class = EngagementTable
    template_name = "engagements/engagement_list.html"
    page_title = gettext_lazy("Engagements")
    empty_text = gettext_lazy("No engagement has been logged yet.")

    def get_queryset(self):
        return selectors.engagements_for_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("Engagements")}]
        return context


class PositionExportView(PortalPermissionMixin, TableExportMixin, View):
    """`?_export=csv|xlsx` with the engagement list's filters: the positions of the engagements
    the list shows (what the user may see, filters applied), one row per position."""

    permission_required = "engagements.view_engagement"

    def get(self, request, *args, **kwargs):
        export_format = self.export_format()
        if export_format is None:
            raise Http404(_("Unknown export format."))
        engagements = Engagement.objects.visible_to(request.user)
        self.filterset = EngagementFilter(request.GET, queryset=engagements, request=request)
        engagements = self.filterset.qs if self.filterset.is_valid() else engagements.none()
        table = PositionExportTable(selectors.positions_for_export(engagements))
        table.request = request
        return self.export_table(table, export_format)

    def export_heading(self, table):
        return exports.filters_heading(str(table.export_title), self.filterset)


def _engagement_list_crumb():
    return {"label": _("Engagements"), "url": Engagement.get_list_url()}


class EngagementFormView(PortalPermissionMixin, View):
    """Create (no pk) or edit an engagement with its positions, evidence and, if needed, a new
    meeting: one page, one transaction."""

    permission_required = "engagements.add_engagement"
    template_name = "engagements/engagement_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.engagement = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.engagement = selectors.visible_engagement(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        if self.engagement is None:
            return super().has_permission()
        return self.engagement.can_edit(self.request.user)

    # building the pieces

    def _meeting_from(self, data):
        value = (data or {}).get("meeting") if data is not None else None
        if data is None:
            return self.engagement.meeting if self.engagement else None
        if value and str(value).isdigit():
            return Meeting.objects.filter(pk=value).first()
        return None

    def _pieces(self, data=None, files=None):
        instance = self.engagement or Engagement()
        extra = BLANK_POSITION_ROWS_EDIT if self.engagement else BLANK_POSITION_ROWS_NEW
        form = EngagementForm(data, files, instance=instance, user=self.request.user)
        formset = position_formset_class(extra)(
            data,
            instance=instance,
            prefix="positions",
            meeting=self._meeting_from(data),
            forum=form.chosen_forum(),
        )
        new_meeting = NewMeetingForm(data)
        return form, formset, new_meeting

    def _render(self, form, formset, new_meeting, *, show_errors, status=HTTPStatus.OK, **extra):
        if not show_errors:
            _silence(form, formset, new_meeting)
        crumbs = [_engagement_list_crumb()]
        if self.engagement:
            crumbs += [
                {"label": str(self.engagement), "url": self.engagement.get_absolute_url()},
                {"label": _("Edit")},
            ]
        else:
            crumbs.append({"label": _("Log an engagement")})
        context = {
            "form": form,
            "formset": formset,
            "new_meeting": new_meeting,
            "engagement": self.engagement,
            "error_summary": _error_summary(form, formset, new_meeting) if show_errors else [],
            "can_add_meeting": self.request.user.has_perm("forums.add_meeting"),
            "return_step": self.engagement.latest_return() if self.engagement else None,
            "crumbs": crumbs,
            **extra,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk=None):
        form, formset, new_meeting = self._pieces()
        return self._render(form, formset, new_meeting, show_errors=False)

    def post(self, request, pk=None):
        if "add_position" in request.POST:
            return self._add_position_row(request)
        if "show_meetings" in request.POST:
            return self._show_forum_meetings(request)
        form, formset, new_meeting = self._pieces(request.POST, request.FILES)
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        meeting_data = None
        if form_ok and new_meeting.used:
            if form.cleaned_data.get("meeting"):
                form.add_error(
                    "meeting",
                    _("Choose a listed meeting or add a new one below, not both."),
                )
                form_ok = False
            else:
                meeting_data = new_meeting.check(
                    forum=form.cleaned_data.get("forum"),
                    start_date=form.cleaned_data.get("start_date"),
                    end_date=form.cleaned_data.get("end_date"),
                )
        elif new_meeting.used:
            new_meeting.is_valid()
        meeting_ok = not new_meeting.used or meeting_data is not None
        if not (form_ok and formset_ok and meeting_ok):
            return self._invalid(form, formset, new_meeting)

        data = services.EngagementData(
            fields=form.engagement_fields(),
            partners=list(form.cleaned_data.get("partners") or []),
            delegation=list(form.cleaned_data.get("delegation") or []),
            themes=list(form.cleaned_data.get("themes") or []),
            positions=self._positions(formset),
            new_files=form.cleaned_data.get("files") or [],
            remove_evidence=list(form.cleaned_data.get("remove_evidence") or []),
            new_meeting=meeting_data,
            creation_token=None if self.engagement else form.cleaned_data.get("form_token"),
            late_reason=form.cleaned_data.get("late_reason") or "",
        )
        submit = "save_submit" in request.POST
        save = services.save_and_submit_engagement if submit else services.save_engagement
        try:
            outcome = save(
                actor=request.user,
                data=data,
                engagement=self.engagement,
                version=form.cleaned_data.get("version"),
            )
        except services.StaleEdit as stale:
            return self._stale(form, formset, new_meeting, stale)
        except services.AlreadyCreated as duplicate:
            messages.info(
                request,
                _(
                    "This form had already been sent and the engagement saved: here it is. "
                    "Nothing was saved twice."
                ),
            )
            return redirect(duplicate.existing)
        except ValidationError as error:
            self._attach_errors(form, formset, error)
            return self._invalid(form, formset, new_meeting)

        if not submit:
            messages.success(request, _("Saved as a draft. Submit it when it is ready."))
            return redirect(outcome)
        engagement, not_submitted = outcome
        if not_submitted is not None:
            messages.warning(
                request,
                _("Saved as a draft, but not submitted: %(reason)s")
                % {"reason": " ".join(not_submitted.messages)},
            )
        else:
            messages.success(request, _("Saved and submitted for approval."))
        return redirect(engagement)

    def _positions(self, formset):
        items = []
        for position_form in formset.forms:
            instance = position_form.instance if position_form.instance.pk else None
            if formset.can_delete and formset._should_delete_form(position_form):
                if instance is not None:
                    items.append(
                        services.PositionData(text="", theme=None, instance=instance, delete=True)
                    )
                continue
            if instance is None and not position_form.has_changed():
                continue
            cleaned = position_form.cleaned_data
            items.append(
                services.PositionData(
                    text=cleaned["text"],
                    theme=cleaned["theme"],
                    outcome=cleaned["outcome"],
                    outcome_document=cleaned.get("outcome_document"),
                    outcome_note=cleaned.get("outcome_note", ""),
                    outcome_reference=cleaned.get("outcome_reference", ""),
                    instance=instance,
                )
            )
        return items

    def _attach_errors(self, form, formset, error):
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = field if field in form.fields else None
                if field in ("outcome_document", "outcome"):
                    form.add_error(None, errors)
                    continue
                form.add_error(target, errors)
        else:
            form.add_error(None, error.messages)

    def _invalid(self, form, formset, new_meeting):
        files_lost = bool(self.request.FILES.getlist("files"))
        return self._render(form, formset, new_meeting, show_errors=True, files_lost=files_lost)

    def _stale(self, form, formset, new_meeting, stale):
        """Someone saved (or moved) the record since this user opened it: nothing is written;
        show what changed, and keep what they typed. The hidden version now names the current
        record, so saving again after reading the changes is a deliberate choice."""
        changes = selectors.changes_since(stale.current, stale.started_version)
        data = self.request.POST.copy()
        data["version"] = str(stale.current.version)
        form, formset, new_meeting = self._pieces(data, self.request.FILES)
        editable = stale.current.can_edit(self.request.user)
        return self._render(
            form,
            formset,
            new_meeting,
            show_errors=False,
            status=HTTPStatus.CONFLICT,
            stale_changes=changes,
            stale_editable=editable,
            files_lost=bool(self.request.FILES.getlist("files")),
        )

    def _add_position_row(self, request):
        """ "Add another position" without JavaScript: the same page again with one more blank
        row, keeping everything typed (files must be chosen again: browsers never resend them)."""
        data = request.POST.copy()
        key = "positions-TOTAL_FORMS"
        try:
            total = int(data.get(key, 0))
        except ValueError:
            total = 0
        data[key] = str(min(total + 1, MAX_POSITIONS))
        form, formset, new_meeting = self._pieces(data, None)
        return self._render(
            form,
            formset,
            new_meeting,
            show_errors=False,
            files_lost=bool(request.FILES.getlist("files")),
            focus_new_row=True,
        )

    def _show_forum_meetings(self, request):
        """ "Show this forum's meetings" without JavaScript: the same page again, nothing saved,
        the meeting and outcome-document lists narrowed to the chosen forum, and the city and
        country taken from the chosen meeting when they are empty."""
        data = request.POST.copy()
        EngagementForm.fill_place_from_meeting(data)
        form, formset, new_meeting = self._pieces(data, None)
        return self._render(
            form,
            formset,
            new_meeting,
            show_errors=False,
            files_lost=bool(request.FILES.getlist("files")),
        )


def _silence(form, formset, new_meeting):
    """Re-display bound forms without validating them (after "Add another position", or after a
    refused stale save): what was typed is shown, and no error is claimed."""
    from django.forms.utils import ErrorDict, ErrorList

    for each in [form, new_meeting, *formset.forms]:
        if each.is_bound and each._errors is None:
            each._errors = ErrorDict()
    if formset.is_bound and formset._errors is None:
        formset._errors = [ErrorDict() for _form in formset.forms]
        formset._non_form_errors = ErrorList()


def _error_summary(form, formset, new_meeting) -> list[dict]:
    """Every error of the page, each linking to its control (the summary at the top of the form)."""
    items = error_summary_items(form)
    if new_meeting.used:
        items += error_summary_items(new_meeting, str(_("New meeting")))
    for number, position_form in enumerate(formset.forms, start=1):
        if formset.can_delete and formset._should_delete_form(position_form):
            continue
        items += error_summary_items(position_form, _("Position %(number)s") % {"number": number})
    for message in formset.non_form_errors():
        items.append({"anchor": "positions-heading", "label": _("Positions"), "message": message})
    return items


class EngagementCreateView(EngagementFormView):
    permission_required = "engagements.add_engagement"


class EngagementEditView(EngagementFormView):
    permission_required = "engagements.change_engagement"


def _detail_context(request, engagement, **forms):
    user = request.user
    saves = history.labelled_history(engagement)
    return {
        "engagement": engagement,
        "positions": engagement.positions.all(),
        "evidence": engagement.evidence.all(),
        "transitions": engagement.transitions.all(),
        "history_saves": saves,
        "history": [entry for save in saves for entry in save.entries],
        "can_edit": engagement.can_edit(user),
        "can_submit": engagement.can_submit(user),
        "can_review": engagement.can_review(user),
        "review_step": engagement.review_step,
        "can_reopen": engagement.can_reopen(user),
        "can_record_outcomes": engagement.can_record_outcomes(user),
        "meeting_ended": engagement.meeting_has_ended(),
        "outcome_return": engagement.latest_outcomes_return(),
        "outcomes_submit_form": forms.get("outcomes_submit_form")
        or ReasonForm(required=False, prefix="outcomes_submit"),
        "can_withdraw": engagement.can_withdraw(user),
        "can_delete": engagement.can_delete(user),
        "return_step": engagement.latest_return(),
        "submit_form": forms.get("submit_form") or ReasonForm(required=False, prefix="submit"),
        "approve_form": forms.get("approve_form") or ReasonForm(required=False, prefix="approve"),
        "return_form": forms.get("return_form") or ReasonForm(prefix="return"),
        "reopen_form": forms.get("reopen_form") or ReasonForm(prefix="reopen"),
        "crumbs": [_engagement_list_crumb(), {"label": str(engagement)}],
    }


@requires_permission("engagements.view_engagement")
def engagement_detail(request, pk):
    engagement = selectors.engagement_for_detail(request.user, pk)
    return render(
        request, "engagements/engagement_detail.html", _detail_context(request, engagement)
    )


def _workflow_action(request, pk, *, action, form_prefix=None, reason_required=False, success):
    engagement = selectors.visible_engagement(request.user, pk)
    reason = ""
    if form_prefix:
        form = ReasonForm(request.POST, prefix=form_prefix, required=reason_required)
        if not form.is_valid():
            engagement = selectors.engagement_for_detail(request.user, pk)
            context = _detail_context(request, engagement, **{f"{form_prefix}_form": form})
            return render(
                request,
                "engagements/engagement_detail.html",
                context,
                status=HTTPStatus.BAD_REQUEST,
            )
        reason = form.cleaned_data["reason"]
    kwargs = {"engagement": engagement, "actor": request.user}
    if form_prefix:
        kwargs["reason"] = reason
    try:
        action(**kwargs)
    except services.WorkflowError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
        if request.POST.get("then") == "next":
            following = selectors.next_in_queue(request.user, after=engagement)
            if following is None:
                messages.info(request, _("The review queue is empty."))
                return redirect("engagements:review_queue")
            return redirect(following)
    return redirect(engagement)


@require_POST
@requires_permission("engagements.change_engagement")
def engagement_submit(request, pk):
    return _workflow_action(
        request,
        pk,
        action=services.submit_engagement,
        form_prefix="submit",
        success=_("Submitted for approval."),
    )


@require_POST
@requires_permission("engagements.change_engagement")
def engagement_withdraw(request, pk):
    return _workflow_action(
        request,
        pk,
        action=services.withdraw_engagement,
        success=_("Withdrawn: the record is a draft again."),
    )


@requires_permission("engagements.change_engagement")
def engagement_delete(request, pk):
    """Delete a never-submitted draft: GET asks to confirm, POST deletes."""
    engagement = selectors.engagement_for_detail(request.user, pk)
    if not engagement.can_delete(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.delete_draft(engagement=engagement, actor=request.user)
        except services.WorkflowError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(engagement)
        messages.success(request, _("The draft is deleted."))
        return redirect("engagements:my_work")
    return render(
        request,
        "engagements/engagement_delete.html",
        {
            "engagement": engagement,
            "crumbs": [
                _engagement_list_crumb(),
                {"label": str(engagement), "url": engagement.get_absolute_url()},
                {"label": _("Delete")},
            ],
        },
    )


@require_POST
@requires_permission("engagements.approve_engagement")
def engagement_approve(request, pk):
    # whichever step is submitted: the record (or its mandate), or the outcomes recorded after
    return _workflow_action(
        request,
        pk,
        action=services.approve_submitted,
        form_prefix="approve",
        success=_("Approved."),
    )


@require_POST
@requires_permission("engagements.approve_engagement")
def engagement_return(request, pk):
    return _workflow_action(
        request,
        pk,
        action=services.return_submitted,
        form_prefix="return",
        reason_required=True,
        success=_("Returned to its author with your reason."),
    )


@require_POST
@requires_permission("engagements.reopen_engagement")
def engagement_reopen(request, pk):
    return _workflow_action(
        request,
        pk,
        action=services.reopen_engagement,
        form_prefix="reopen",
        reason_required=True,
        success=_("Reopened: the record is back with its author."),
    )


@require_POST
@requires_permission("engagements.change_engagement")
def outcomes_submit(request, pk):
    return _workflow_action(
        request,
        pk,
        action=services.submit_outcomes,
        form_prefix="outcomes_submit",
        success=_("The outcomes are submitted for approval."),
    )


class OutcomesView(PortalPermissionMixin, View):
    """After the meeting, the author of an approved mandate records each position's outcome; the
    outcomes are then approved in their turn. What Canada delivered stays as approved."""

    permission_required = "engagements.change_engagement"
    template_name = "engagements/outcomes_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.engagement = None
        if request.user.is_authenticated:
            self.engagement = selectors.engagement_for_detail(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        return super().has_permission() and self.engagement.can_record_outcomes(self.request.user)

    def _formset(self, data=None):
        return OutcomeFormSet(data, queryset=self.engagement.positions.all(), prefix="outcomes")

    def _render(self, formset, *, status=HTTPStatus.OK, errors=None, stale=False):
        engagement = self.engagement
        rows = list(zip(formset.forms, engagement.positions.all(), strict=False))
        return render(
            self.request,
            self.template_name,
            {
                "engagement": engagement,
                "formset": formset,
                "rows": rows,
                "version": engagement.version,
                "meeting_ended": engagement.meeting_has_ended(),
                "outcome_return": engagement.latest_outcomes_return(),
                "errors": errors or [],
                "stale": stale,
                "crumbs": [
                    _engagement_list_crumb(),
                    {"label": str(engagement), "url": engagement.get_absolute_url()},
                    {"label": _("Record the outcomes")},
                ],
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(self._formset())

    def post(self, request, pk):
        formset = self._formset(request.POST)
        if not formset.is_valid():
            return self._render(formset, status=HTTPStatus.BAD_REQUEST)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        items = [
            services.OutcomeData(
                position=form.instance,
                outcome=form.cleaned_data["outcome"],
                outcome_note=form.cleaned_data.get("outcome_note", ""),
                outcome_reference=form.cleaned_data.get("outcome_reference", ""),
            )
            for form in formset.forms
        ]
        try:
            engagement = services.record_outcomes(
                engagement=self.engagement, actor=request.user, outcomes=items, version=version
            )
            if "save_submit" in request.POST:
                engagement = services.submit_outcomes(engagement=engagement, actor=request.user)
        except services.StaleEdit:
            self.engagement = selectors.engagement_for_detail(request.user, pk)
            return self._render(formset, status=HTTPStatus.CONFLICT, stale=True)
        except ValidationError as error:
            return self._render(formset, status=HTTPStatus.BAD_REQUEST, errors=error.messages)
        if "save_submit" in request.POST:
            messages.success(request, _("The outcomes are saved and submitted for approval."))
        else:
            messages.success(request, _("The outcomes are saved. Submit them when they are ready."))
        return redirect(engagement)


@requires_permission("engagements.view_evidence")
def evidence_download(request, pk, evidence_pk):
    """Evidence only ever leaves through here: the user must be able to see the engagement; the
    file goes out as an attachment, with its stored type and no sniffing."""
    engagement = selectors.visible_engagement(request.user, pk)
    evidence = get_object_or_404(engagement.evidence, pk=evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class MyWorkView(PortalPermissionMixin, TemplateView):
    permission_required = "engagements.add_engagement"
    template_name = "engagements/my_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.my_work(self.request))
        context["crumbs"] = [{"label": _("My work")}]
        return context


class ReviewQueueView(PortalTableView):
    """What waits for a manager's approval, oldest first: a table like every list (filters,
    sorting, pages, CSV/XLSX export of what is shown)."""

    permission_required = "engagements.approve_engagement"
    filterset_class = ReviewQueueFilter
    table_class = ReviewQueueTable
    template_name = "engagements/review_queue.html"
    page_title = gettext_lazy("Review queue")
    empty_text = gettext_lazy("The queue is empty: nothing is waiting for approval.")
    filtered_empty_text = gettext_lazy("Nothing waiting for approval matches these filters.")

    def get_queryset(self):
        return selectors.review_queue()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [{"label": _("Review queue")}]
        return context
