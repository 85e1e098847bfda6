"""What the portal tells people: one Notification per recipient and event (or reminder, or
digest), shown in the portal and sent by e-mail by the task worker; the reminders each user has
turned off; the periodic runs already enqueued.

"At most once" is the database's job: a notification is unique per recipient, kind, record and
period, so a reminder run that crashed half-way and runs again creates only what is missing.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # events of the approval workflow and of results
    SUBMITTED = "submitted", _("Record submitted for review")
    RESUBMITTED = "resubmitted", _("Returned record resubmitted")
    RETURNED = "returned", _("Record returned to you")
    APPROVED = "approved", _("Record approved")
    REOPENED = "reopened", _("Approved record reopened")
    RESULT_RECORDED = "result_recorded", _("Indicator result recorded")
    RESULT_REVISED = "result_revised", _("Indicator result revised")
    # reminders (each user can turn each one off)
    PENDING_OUTCOME = "pending_outcome", _("Outcome still pending after the meeting")
    STALE_DRAFT = "stale_draft", _("Draft left untouched")
    RETURNED_WAITING = "returned_waiting", _("Returned record not resubmitted")
    REPORT_DUE = "report_due", _("Agreement report due soon")
    REPORT_OVERDUE = "report_overdue", _("Agreement report overdue")
    MEETING_UNCOVERED = "meeting_uncovered", _("Important meeting with no engagement logged")
    EVENT_REVIEW_DUE = "event_review_due", _("International event past its review date")
    # the managers' weekly digest
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")


REMINDER_KINDS = [
    Kind.PENDING_OUTCOME,
    Kind.STALE_DRAFT,
    Kind.RETURNED_WAITING,
    Kind.REPORT_DUE,
    Kind.REPORT_OVERDUE,
    Kind.MEETING_UNCOVERED,
    Kind.EVENT_REVIEW_DUE,
    Kind.WEEKLY_DIGEST,
]


class NotificationQuerySet(models.QuerySet):
    def for_list(self, user):
        """The notifications page: unread first, newest first."""
        return self.filter(recipient=user).order_by(
            models.F("read_at").desc(nulls_first=True), "-created_at", "-pk"
        )

    def unread(self):
        return self.filter(read_at__isnull=True)


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (no more attempts)")
    SKIPPED = "skipped", _("Not sent (no e-mail address)")


class Notification(models.Model):
    EmailStatus = EmailStatus

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # what it is about, as "engagement:42", "report:7" ... ("" for the digest) and which occurrence:
    # the workflow step, the record's version, the week ... (see services.py and reminders.py)
    record = models.CharField(_("record"), max_length=64, blank=True)
    period = models.CharField(_("period"), max_length=64)
    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # the link: a URL name and its arguments, reversed under the reader's language prefix
    url_name = models.CharField(_("link"), max_length=100)
    url_args = models.JSONField(_("link arguments"), default=list, blank=True)
    # what the message says besides its kind: the record's label in both languages, a reason, dates
    params = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    email_status = models.CharField(
        _("e-mail"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    # when the next attempt is due; a worker that takes the e-mail pushes it forward first, so a
    # second worker (or a duplicate task) leaves it alone, and a crashed attempt is retried then
    email_next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    email_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    email_last_error = models.TextField(_("last e-mail error"), blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "record", "period"],
                name="notification_once_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="notification_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(email_status__in=EmailStatus.values),
                name="notification_email_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(period=""), name="notification_period_required"
            ),
        ]
        indexes = [
            # the notifications page (unread first) and the unread recount
            models.Index(
                fields=["recipient", "read_at", "-created_at"], name="notification_list_idx"
            ),
            # the worker's sweep: e-mails waiting whose attempt is due
            models.Index(
                fields=["email_status", "email_next_attempt_at"], name="notification_email_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    def get_absolute_url(self):
        return reverse(self.url_name, args=self.url_args)

    def url_in(self, language: str) -> str:
        with translation.override(language):
            return self.get_absolute_url()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def label(self) -> str:
        """The record's label in the active language (kept in both when the event happened)."""
        language = translation.get_language() or "en"
        key = "label_fr" if language.startswith("fr") else "label_en"
        return self.params.get(key) or self.params.get("label_en", "")


class ReminderOptOut(models.Model):
    """A reminder kind a user has turned off on their profile page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="reminder_opt_outs",
    )
    kind = models.CharField(_("reminder"), max_length=32, choices=Kind.choices)

    class Meta:
        verbose_name = _("reminder turned off")
        verbose_name_plural = _("reminders turned off")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminder_opt_out_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in REMINDER_KINDS]),
                name="reminder_opt_out_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"


class PeriodicRun(models.Model):
    """A periodic job enqueued for one period (an hour, a week): the unique pair is how several
    workers' schedulers agree that only one of them enqueues it."""

    job = models.CharField(_("job"), max_length=64)
    period = models.CharField(_("period"), max_length=64)
    enqueued_at = models.DateTimeField(_("enqueued"), default=timezone.now)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        ordering = ["-enqueued_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="periodic_run_once"),
        ]

    def __str__(self):
        return f"{self.job} {self.period}"
