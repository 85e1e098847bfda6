"""Imports from spreadsheets: each upload is kept (its file, who, when, its hash) with what its
dry run found and what its commit did; each record an import wrote links back to it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportLogQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see every import; others the ones they uploaded."""
        if not user.is_authenticated or not user.has_perm("imports.view_importlog"):
            return self.none()
        if user.has_perm("imports.view_all_imports"):
            return self
        return self.filter(uploaded_by=user)


def import_upload_to(instance, filename):
    return f"imports/{timezone.now():%Y/%m}/{filename}"


class ImportLog(models.Model):
    """One uploaded file: its dry run, then (once) its commit."""

    class Kind(models.TextChoices):
        ENGAGEMENTS = "engagements", _("Engagements and positions")
        MEETINGS = "meetings", _("Meetings and outcome documents")

    class Status(models.TextChoices):
        DRY_RUN = "dry_run", _("Dry run")
        COMMITTED = "committed", _("Committed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRY_RUN
    )
    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="imports",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    as_approved = models.BooleanField(_("imported as approved"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    committed_at = models.DateTimeField(_("committed"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # what the last dry run (or refused commit) found: {"errors": [...], "records": [...]}
    report = models.JSONField(_("report"), default=dict, blank=True)

    objects = ImportLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at", "-pk"]
        default_permissions = ("view",)
        permissions = [
            ("import_engagements", _("Can import engagements from a spreadsheet")),
            ("import_approved_engagements", _("Can import past engagements as approved")),
            ("import_meetings", _("Can import meetings from a spreadsheet")),
            ("view_all_imports", _("Can see every import")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["engagements", "meetings"]), name="import_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["dry_run", "committed"]),
                name="import_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status="dry_run") | models.Q(committed_at__isnull=False),
                name="import_committed_is_dated",
            ),
            models.CheckConstraint(
                condition=models.Q(status="dry_run")
                | models.Q(as_approved=False)
                | ~models.Q(reason=""),
                name="import_approved_needs_reason",
            ),
            models.CheckConstraint(
                condition=models.lookups.Exact(models.functions.Length("sha256"), 64),
                name="import_sha256_length",
            ),
        ]
        indexes = [
            # the upload page: "your recent imports"
            models.Index(fields=["uploaded_by", "-uploaded_at"], name="import_by_user_idx"),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("imports:detail", args=[self.pk])


class ImportedEngagement(models.Model):
    """The link from an engagement to the import that wrote it, and the key that finds it again:
    the importer and the file's `reference` (re-importing the same file changes nothing)."""

    engagement = models.OneToOneField(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="imported",
    )
    importer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("reference"), max_length=100)
    first_import = models.ForeignKey(
        ImportLog, verbose_name=_("created by import"), on_delete=models.PROTECT, related_name="+"
    )
    last_import = models.ForeignKey(
        ImportLog,
        verbose_name=_("last changed by import"),
        on_delete=models.PROTECT,
        related_name="engagements",
    )

    class Meta:
        verbose_name = _("imported engagement")
        verbose_name_plural = _("imported engagements")
        constraints = [
            models.UniqueConstraint(
                fields=["importer", "reference"], name="imported_engagement_unique_reference"
            ),
            models.CheckConstraint(
                condition=~models.Q(reference=""), name="imported_engagement_reference_required"
            ),
        ]

    def __str__(self):
        return self.reference


class ImportedMeeting(models.Model):
    """The link from a meeting to the import that created it, found again by importer and
    `reference` (as ImportedEngagement)."""

    meeting = models.OneToOneField(
        "forums.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="imported",
    )
    importer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("reference"), max_length=100)
    first_import = models.ForeignKey(
        ImportLog, verbose_name=_("created by import"), on_delete=models.PROTECT, related_name="+"
    )
    last_import = models.ForeignKey(
        ImportLog,
        verbose_name=_("last changed by import"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )

    class Meta:
        verbose_name = _("imported meeting")
        verbose_name_plural = _("imported meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["importer", "reference"], name="imported_meeting_unique_reference"
            ),
            models.CheckConstraint(
                condition=~models.Q(reference=""), name="imported_meeting_reference_required"
            ),
        ]

    def __str__(self):
        return self.reference
