"""The import wizard: upload (dry run), read what it found, commit; the template; the stored
file, which leaves only through here (like evidence)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from core.views import PortalPermissionMixin, requires_permission

from . import reader, services, workbook
from .forms import CommitForm, UploadForm
from .models import ImportLog

SHOWN_ERRORS = 1000
SHOWN_RECORDS = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EngagementImportView(PortalPermissionMixin, View):
    """Step 1: the template, and the upload whose dry run the next page shows."""

    permission_required = "imports.import_engagements"
    kind = ImportLog.Kind.ENGAGEMENTS
    template_name = "imports/upload.html"

    def may_approve(self):
        return self.request.user.has_perm("imports.import_approved_engagements")

    def page_title(self):
        if self.kind == ImportLog.Kind.MEETINGS:
            return _("Import meetings from a spreadsheet")
        return _("Import engagements from a spreadsheet")

    def render_form(self, form, status=200):
        recent = ImportLog.objects.filter(uploaded_by=self.request.user, kind=self.kind)[:10]
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "kind": self.kind,
                "recent": recent,
                "crumbs": [{"label": self.page_title()}],
            },
            status=status,
        )

    def get(self, request):
        return self.render_form(UploadForm(may_approve=self.may_approve()))

    def post(self, request):
        form = UploadForm(request.POST, request.FILES, may_approve=self.may_approve())
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            log = services.upload(
                actor=request.user,
                kind=self.kind,
                file=form.cleaned_data["file"],
                as_approved=form.cleaned_data.get("as_approved", False),
            )
        except reader.FileRefused as error:
            form.add_error("file", str(error))
            return self.render_form(form, status=400)
        return redirect(log)


class MeetingImportView(EngagementImportView):
    permission_required = "imports.import_meetings"
    kind = ImportLog.Kind.MEETINGS

    def may_approve(self):
        return False


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@requires_permission("imports.import_engagements")
def engagements_template(request):
    return _xlsx(workbook.engagements_template(), _("engagements-import-template"))


@requires_permission("imports.import_meetings")
def meetings_template(request):
    return _xlsx(workbook.meetings_template(), _("meetings-import-template"))


def _visible_log(request, pk) -> ImportLog:
    return get_object_or_404(
        ImportLog.objects.visible_to(request.user).select_related("uploaded_by"), pk=pk
    )


def _detail(request, log, commit_form=None, status=200):
    report = log.report or {}
    errors = report.get("errors", [])
    records = report.get("records", [])
    may_commit = (
        log.status == ImportLog.Status.DRY_RUN
        and not log.error_count
        and log.uploaded_by_id == request.user.pk
        and request.user.has_perm(services.PERMISSIONS[log.kind])
    )
    if may_commit and commit_form is None:
        commit_form = CommitForm(needs_reason=services.needs_reason(log))
    return render(
        request,
        "imports/detail.html",
        {
            "log": log,
            "errors": errors[:SHOWN_ERRORS],
            "more_errors": max(0, len(errors) - SHOWN_ERRORS),
            "records": records[:SHOWN_RECORDS],
            "more_records": max(0, len(records) - SHOWN_RECORDS),
            "late_positions": report.get("late_positions", 0),
            "late_decisions": report.get("late_decisions", 0),
            "commit_form": commit_form if may_commit else None,
            "form": commit_form if may_commit else None,
            "upload_url": _upload_url(log),
            "crumbs": [{"label": log.original_name}],
        },
        status=status,
    )


UPLOAD_URLS = {
    ImportLog.Kind.ENGAGEMENTS: "imports:engagements",
    ImportLog.Kind.MEETINGS: "imports:meetings",
}


def _upload_url(log):
    return reverse(UPLOAD_URLS[log.kind])


@requires_permission("imports.view_importlog")
def import_detail(request, pk):
    """Step 2: what the dry run found (or what the commit did)."""
    return _detail(request, _visible_log(request, pk))


@require_POST
@requires_permission("imports.view_importlog")
def import_commit(request, pk):
    """Step 3: write the stored file, all rows or none."""
    log = _visible_log(request, pk)
    if log.uploaded_by_id != request.user.pk or not request.user.has_perm(
        services.PERMISSIONS[log.kind]
    ):
        return _detail(request, log, status=403)
    form = CommitForm(request.POST, needs_reason=services.needs_reason(log))
    if not form.is_valid():
        return _detail(request, log, commit_form=form, status=400)
    try:
        log = services.commit(actor=request.user, log=log, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        log.refresh_from_db()
        return _detail(request, log, commit_form=form, status=400)
    if log.status == ImportLog.Status.COMMITTED:
        messages.success(
            request,
            _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": log.created, "updated": log.updated, "unchanged": log.unchanged},
        )
    else:
        messages.error(request, _("Nothing was imported: the file has errors, listed below."))
    return redirect(log)


@requires_permission("imports.view_importlog")
def import_file(request, pk):
    """The stored upload, as an attachment, to whoever may see the import."""
    log = _visible_log(request, pk)
    try:
        handle = log.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = XLSX if log.file_format == "xlsx" else "text/csv; charset=utf-8"
    response = FileResponse(
        handle, as_attachment=True, filename=log.original_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
