"""What officers log: engagements at forums and meetings, the positions Canada delivered there and
what the outcome documents made of them, the evidence behind them, and the approval workflow.

Approved positions aimed at the outcome documents of important meetings are what the program's
indicator ("decisions/reports ... that reflect the delivered CIC position") is computed from.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact, IsNull
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.fiscal import FIRST_YEAR, LAST_YEAR, FiscalYear, date_in_range_constraint
from core.formatting import long_date
from core.models import Audited, PortalDateField, Translated


class Theme(Audited, models.Model):
    """A theme of the program description (refugee protection, resettlement, ...): reference data."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    name = Translated("name")

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_en="") & ~models.Q(name_fr="") & ~models.Q(code=""),
                name="theme_names_required",
            ),
        ]

    def __str__(self):
        return self.name

    def delete(self, *args, **kwargs):
        # The themes an engagement is tagged with are a many-to-many link whose rows the database
        # would drop with the theme, quietly erasing it from those records: refuse like PROTECT.
        # (A theme no longer used going forward is made inactive instead.)
        tagged = list(self.engagements.all()[:20])
        if tagged:
            raise models.ProtectedError(
                _("This theme is used by engagements: make it inactive instead."), set(tagged)
            )
        return super().delete(*args, **kwargs)


class EngagementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What a user may see: managers (and administrators) everything; officers every approved
        record plus the ones they lead, wrote or are in the delegation of."""
        if not user.is_authenticated or not user.has_perm("engagements.view_engagement"):
            return self.none()
        if user.has_perm("engagements.view_all_engagements"):
            return self
        # "In the delegation" is asked of each row, as a scalar subquery that the M2M's
        # (engagement, user) indexes answer: PostgreSQL asks it only of the rows the cheaper terms
        # do not already admit (not approved, not their own), so a page read in the order of an
        # index stops at its LIMIT. As `pk IN (SELECT engagement_id ...)`, or as EXISTS (which
        # PostgreSQL 15 plans as the same hashed subplan), each query first hashed every
        # delegation row of the officer (14 225 at 100 000 engagements): the API's first page
        # took 9-22 ms in the database, now 0.3-0.8 ms; the year's plan page, which asks it in
        # subqueries per meeting, 6.6-9.1 s, now 0.35-0.55 s. Counting all an officer's rows
        # costs more (52-95 ms then, 134-341 ms now, mostly JIT compilation that the planner's
        # estimate sets off); the lists keep their counts in the cache. benchmarks/visibility.py
        # and RESULTS.md ("The officer's visibility rule").
        in_delegation = models.Subquery(
            Engagement.delegation.through.objects.filter(
                engagement=models.OuterRef("pk"), user=user
            ).values("pk")[:1]
        )
        return self.filter(
            models.Q(status=Engagement.Status.APPROVED)
            | models.Q(lead_officer=user)
            | models.Q(created_by=user)
            | IsNull(in_delegation, False)
        )

    def in_fiscal_year(self, year: FiscalYear):
        return self.filter(fiscal_year=year.start_year)

    def approved(self):
        return self.filter(status=Engagement.Status.APPROVED)


# The choices of an engagement (Engagement.Kind, ...), at module level so that Meta's
# constraints can name their values.


class EngagementKind(models.TextChoices):
    MEETING = "meeting", _("Meeting participation")
    STATEMENT = "statement", _("Statement or intervention")
    LEADERSHIP = "leadership", _("Chairing or leadership role")
    BILATERAL = "bilateral", _("Bilateral meeting")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    INFORMATION_SHARING = "information_sharing", _("Information-sharing arrangement")


class LeadershipRole(models.TextChoices):
    NONE = "none", _("None")
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    HOST = "host", _("Host")


class SummaryLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class EngagementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class OutcomeStep(models.TextChoices):
    """Where the positions' outcomes are in the workflow. A record logged before its meeting
    ended is a mandate: approving it approves the positions Canada will deliver, and the
    outcomes, recorded after the meeting, are approved in their own step. A record logged
    after the meeting ended has its outcomes approved with it (one step)."""

    WITH_RECORD = "with_record", _("Approved with the record")
    AWAITING = "awaiting", _("To record after the meeting")
    SUBMITTED = "submitted", _("Outcomes submitted for approval")
    RETURNED = "returned", _("Outcomes returned for changes")
    APPROVED = "approved", _("Outcomes approved")


# Engagement's history, kept as a name so that services.py can write one history row per user
# action (many-to-many state included) instead of one per table touched.
engagement_history = HistoricalRecords(
    m2m_fields=["partners", "delegation", "themes"],
    excluded_fields=["updated_at", "creation_token"],
)


class Engagement(Audited, models.Model):
    """One piece of forum work an officer logs: a meeting attended, a statement, a chairing role,
    a bilateral meeting, technical assistance or an information-sharing arrangement."""

    # The choices live at module level so that the constraints below can name their values.
    Kind = EngagementKind
    LeadershipRole = LeadershipRole
    Language = SummaryLanguage
    Status = EngagementStatus
    OutcomeStep = OutcomeStep

    kind = models.CharField(_("kind of engagement"), max_length=32, choices=Kind.choices)
    leadership_role = models.CharField(
        _("leadership role"),
        max_length=16,
        choices=LeadershipRole.choices,
        default=LeadershipRole.NONE,
        help_text=_("Only for a chairing or leadership role."),
    )
    forum = models.ForeignKey(
        "forums.Forum",
        verbose_name=_("forum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
        help_text=_("Required except for bilateral meetings."),
    )
    meeting = models.ForeignKey(
        "forums.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
    )
    agreement = models.ForeignKey(
        "partners.ContributionAgreement",
        verbose_name=_("contribution agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
        help_text=_(
            "The agreement this work served, if any (IOM Council participation and the IOM "
            "assessed contribution, for example)."
        ),
    )
    partners = models.ManyToManyField(
        "partners.Organization",
        verbose_name=_("partner organizations"),
        blank=True,
        related_name="engagements",
    )
    start_date = PortalDateField(_("start date"))
    end_date = PortalDateField(_("end date"))
    # FiscalYear.start_year of start_date, kept by save() and by the services (bulk inserts too).
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), editable=False)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead officer"),
        on_delete=models.PROTECT,
        related_name="engagements_led",
    )
    delegation = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegation"),
        blank=True,
        related_name="engagements_joined",
        help_text=_("Other members of the Canadian delegation."),
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="engagements")
    summary = models.TextField(
        _("summary"), help_text=_("What happened and what Canada did, in your own words.")
    )
    language = models.CharField(
        _("language of the summary"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    outcome_step = models.CharField(
        _("outcomes"),
        max_length=16,
        choices=OutcomeStep.choices,
        default=OutcomeStep.WITH_RECORD,
        help_text=_(
            "A record logged before its meeting ended is a mandate: its outcomes are recorded "
            "after the meeting and approved in their own step."
        ),
    )
    # Optimistic locking: every save through the services increments it; an edit form carries the
    # version it started from and is refused when the row has moved on.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="engagements_created",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The one-time token of the "Log an engagement" form that created the record: the same form
    # sent twice (a double click, a resent request) finds this record instead of making another.
    creation_token = models.UUIDField(_("creation token"), null=True, blank=True, editable=False)
    history = engagement_history

    objects = EngagementQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-start_date", "-pk"]
        permissions = [
            ("approve_engagement", _("Can approve or return submitted engagements")),
            ("reopen_engagement", _("Can reopen approved engagements")),
            ("view_all_engagements", _("Can see every engagement, drafts included")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="engagement_end_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(forum__isnull=False) | models.Q(kind=EngagementKind.BILATERAL),
                name="engagement_forum_required_unless_bilateral",
            ),
            # The meeting must belong to the forum: the database can only check that there is a
            # forum; Engagement.clean() checks that it is the right one.
            models.CheckConstraint(
                condition=models.Q(meeting__isnull=True) | models.Q(forum__isnull=False),
                name="engagement_meeting_needs_forum",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=EngagementKind.LEADERSHIP)
                    & ~models.Q(leadership_role=LeadershipRole.NONE)
                )
                | (
                    ~models.Q(kind=EngagementKind.LEADERSHIP)
                    & models.Q(leadership_role=LeadershipRole.NONE)
                ),
                name="engagement_leadership_role_iff_leadership",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EngagementKind.values),
                name="engagement_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=EngagementStatus.values),
                name="engagement_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=SummaryLanguage.values),
                name="engagement_language_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_step__in=OutcomeStep.values),
                name="engagement_outcome_step_valid",
            ),
            # the outcomes' own step starts once the mandate is approved
            models.CheckConstraint(
                condition=models.Q(outcome_step__in=[OutcomeStep.WITH_RECORD, OutcomeStep.AWAITING])
                | models.Q(status=EngagementStatus.APPROVED),
                name="engagement_outcome_step_after_approval",
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_year__gte=FIRST_YEAR, fiscal_year__lte=LAST_YEAR),
                name="engagement_fiscal_year_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="engagement_version_positive"
            ),
            models.UniqueConstraint(
                fields=["creation_token"], name="engagement_creation_token_unique"
            ),
            date_in_range_constraint("start_date", name="engagement_start_in_portal_range"),
            date_in_range_constraint("end_date", name="engagement_end_in_portal_range"),
            models.CheckConstraint(
                condition=~models.Q(summary=""), name="engagement_summary_required"
            ),
        ]
        indexes = [
            # dashboards and indicators: approved engagements grouped by fiscal year
            models.Index(fields=["status", "fiscal_year"], name="engagement_status_fy_idx"),
            # engagements list filtered by fiscal year, newest first: the page's rows come in
            # order from here (EXPLAIN ANALYZE at 1 000 000: 1.2 s walking engagement_start_idx
            # past 719 000 other years' rows, 1 ms with this index)
            models.Index(
                fields=["fiscal_year", "-start_date", "-id"], name="engagement_fy_start_idx"
            ),
            # "My work": an officer's drafts, returned and submitted records
            models.Index(fields=["lead_officer", "status"], name="engagement_lead_status_idx"),
            # manager review queue (oldest submission first) and its navigation badge count
            models.Index(fields=["status", "updated_at"], name="engagement_status_upd_idx"),
            # the review queue's outcomes submitted for approval (a handful of rows at most)
            models.Index(
                fields=["updated_at"],
                condition=models.Q(outcome_step="submitted"),
                name="engagement_outcomes_sub_idx",
            ),
            # engagements list default order, newest first
            models.Index(fields=["-start_date", "-id"], name="engagement_start_idx"),
            # engagements list and API filtered by forum, newest first (EXPLAIN ANALYZE at
            # 1 000 000, ?forum=5&status=approved: 111 ms walking engagement_start_idx past
            # 30 000 other forums' rows, where that forum's recent records are few)
            models.Index(fields=["forum", "-start_date", "-id"], name="engagement_forum_start_idx"),
        ]

    def __str__(self):
        where = self.meeting or self.forum
        label = self.get_kind_display()
        return (
            f"{label} — {where} ({self.start_date:%Y-%m-%d})"
            if where
            else f"{label} ({self.start_date:%Y-%m-%d})"
        )

    def save(self, *args, **kwargs):
        if self.start_date:
            self.fiscal_year = self.counted_fiscal_year().start_year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("engagements:detail", args=[self.pk])

    @staticmethod
    def get_list_url():
        return reverse("engagements:list")

    @property
    def year(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    def counted_fiscal_year(self) -> FiscalYear:
        """The fiscal year the figures count this record in: its meeting's, when it has one (the
        dates overlap, so they can differ only for a meeting that spans 31 March), else the one
        its start date falls in."""
        if self.meeting_id and self.meeting.start_date:
            return self.meeting.year
        return FiscalYear.from_date(self.start_date)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.kind and self.kind != self.Kind.BILATERAL and not self.forum_id:
            errors["forum"] = _("Choose the forum (only bilateral meetings may have none).")
        if self.meeting_id and self.forum_id and self.meeting.forum_id != self.forum_id:
            errors["meeting"] = _(
                "This meeting belongs to another forum (%(forum)s): choose a meeting of %(chosen)s."
            ) % {"forum": self.meeting.forum.acronym, "chosen": self.forum.acronym}
        dates_error = self.meeting_dates_error()
        if dates_error and "end_date" not in errors:
            errors["start_date"] = dates_error
        if self.kind == self.Kind.LEADERSHIP and self.leadership_role == self.LeadershipRole.NONE:
            errors["leadership_role"] = _("Choose the role Canada held.")
        agreement_error = self.agreement_error()
        if agreement_error:
            errors["agreement"] = agreement_error
        if errors:
            raise ValidationError(errors)

    def meeting_dates_error(self) -> str | None:
        """Why the engagement's dates cannot be at its meeting, or None: they must overlap the
        meeting's dates (a day or more in common)."""
        if not self.meeting_id or not (self.start_date and self.end_date):
            return None
        meeting = self.meeting
        if self.start_date <= meeting.end_date and self.end_date >= meeting.start_date:
            return None
        return _(
            "The engagement's dates must overlap the meeting's: %(meeting)s ran from %(start)s "
            "to %(end)s. Correct the dates, or choose the meeting you attended."
        ) % {
            "meeting": meeting.name,
            "start": long_date(meeting.start_date),
            "end": long_date(meeting.end_date),
        }

    def agreement_error(self) -> str | None:
        """Why the linked agreement cannot be this engagement's, or None: it must have been in
        force (not a draft, its period covering the engagement's dates)."""
        if not self.agreement_id or not (self.start_date and self.end_date):
            return None
        agreement = self.agreement
        if agreement.status == agreement.Status.DRAFT:
            return _(
                "Agreement %(number)s is still a draft: link the engagement once it is in force."
            ) % {"number": agreement.number}
        if agreement.start_date > self.start_date or agreement.end_date < self.end_date:
            return _(
                "Agreement %(number)s was not in force on the engagement's dates: it ran from "
                "%(start)s to %(end)s. Choose an agreement in force on those dates, or none."
            ) % {
                "number": agreement.number,
                "start": long_date(agreement.start_date),
                "end": long_date(agreement.end_date),
            }
        return None

    # Small questions about one record and one user (used by views and templates).

    def is_author(self, user) -> bool:
        return user.is_authenticated and user.pk in (self.lead_officer_id, self.created_by_id)

    def can_edit(self, user) -> bool:
        return (
            self.status in (self.Status.DRAFT, self.Status.RETURNED)
            and self.is_author(user)
            and user.has_perm("engagements.change_engagement")
        )

    def can_submit(self, user) -> bool:
        return self.can_edit(user)

    def is_reviewer(self, user) -> bool:
        """A manager may review a record at either step, never one they wrote."""
        return user.has_perm("engagements.approve_engagement") and not self.is_author(user)

    def can_review(self, user) -> bool:
        return self.review_step is not None and self.is_reviewer(user)

    @property
    def review_step(self) -> str | None:
        """Which step awaits a manager: "record" (the record, or its mandate), "outcomes" (the
        outcomes recorded after the meeting), or None."""
        if self.status == self.Status.SUBMITTED:
            return Transition.Step.RECORD
        if self.status == self.Status.APPROVED and self.outcome_step == self.OutcomeStep.SUBMITTED:
            return Transition.Step.OUTCOMES
        return None

    def can_reopen(self, user) -> bool:
        return (
            self.status == self.Status.APPROVED
            and self.outcome_step != self.OutcomeStep.SUBMITTED
            and user.has_perm("engagements.reopen_engagement")
        )

    # The outcomes' own step (a mandate logged before its meeting).

    @property
    def is_mandate(self) -> bool:
        return self.outcome_step != self.OutcomeStep.WITH_RECORD

    @property
    def outcomes_counted(self) -> bool:
        """Whether the figures count its positions' outcomes (see outcomes_counted_q)."""
        return self.status == self.Status.APPROVED and self.outcome_step in OUTCOMES_COUNTED

    def meeting_has_ended(self, today: datetime.date | None = None) -> bool:
        """Whether outcomes can be known: the meeting's last day is past (no meeting: yes)."""
        if not self.meeting_id:
            return True
        return (today or timezone.localdate()) > self.meeting.end_date

    def can_record_outcomes(self, user) -> bool:
        """The author records the outcomes of an approved mandate (after the meeting)."""
        return (
            self.status == self.Status.APPROVED
            and self.outcome_step in (self.OutcomeStep.AWAITING, self.OutcomeStep.RETURNED)
            and self.is_author(user)
            and user.has_perm("engagements.change_engagement")
        )

    def can_withdraw(self, user) -> bool:
        """The author takes a submitted record back to draft (before a manager decides)."""
        return (
            self.status == self.Status.SUBMITTED
            and self.is_author(user)
            and user.has_perm("engagements.change_engagement")
        )

    def can_delete(self, user) -> bool:
        """The author deletes a draft that was never submitted (its trail is empty)."""
        return (
            self.status == self.Status.DRAFT
            and self.is_author(user)
            and user.has_perm("engagements.change_engagement")
            and not self.transitions.all()
        )

    def latest_return(self):
        """The step that sent a returned record back (its reason heads the record and its edit
        form); read from the prefetched trail where the page has one."""
        if self.status != self.Status.RETURNED:
            return None
        steps = [
            t
            for t in self.transitions.all()
            if t.to_status == self.Status.RETURNED and t.step == Transition.Step.RECORD
        ]
        return max(steps, key=lambda t: (t.at, t.pk)) if steps else None

    def latest_outcomes_return(self):
        """The step that sent the outcomes back (returned or reopened), from the trail."""
        if self.outcome_step != self.OutcomeStep.RETURNED:
            return None
        steps = [
            t
            for t in self.transitions.all()
            if t.to_status == self.OutcomeStep.RETURNED and t.step == Transition.Step.OUTCOMES
        ]
        return max(steps, key=lambda t: (t.at, t.pk)) if steps else None


# The outcome steps whose outcomes the figures count (with an approved record): the rest count as
# pending, awaiting their approval.
OUTCOMES_COUNTED = (OutcomeStep.WITH_RECORD, OutcomeStep.APPROVED)


def outcomes_counted_q(prefix: str = "") -> models.Q:
    """Positions whose outcome the figures count: their engagement approved, and its outcomes
    approved (with the record, or in their own step). `prefix` leads to the position."""
    return models.Q(
        **{
            f"{prefix}engagement__status": EngagementStatus.APPROVED,
            f"{prefix}engagement__outcome_step__in": OUTCOMES_COUNTED,
        }
    )


class PositionOutcome(models.TextChoices):
    # one position's outcome: French agrees in number (« Reflétée »; the count columns say
    # « Reflétées »)
    REFLECTED = "reflected", pgettext_lazy("one position", "Reflected")
    PARTIALLY_REFLECTED = (
        "partially_reflected",
        pgettext_lazy("one position", "Partially reflected"),
    )
    NOT_REFLECTED = "not_reflected", pgettext_lazy("one position", "Not reflected")
    PENDING = "pending", _("Pending (no outcome document yet)")


class Position(Audited, models.Model):
    """A Canadian position delivered at an engagement, and what the outcome document made of it.

    `set_late` flags a position added or changed (its text, theme or outcome document) after its
    meeting ended or on or after the day its outcome document was adopted: it was set when the
    outcome could be known. The flag needs a reason (`set_late_reason`) and shows wherever the
    position is counted. Set it only through services.flag_position_set_late (the engagement
    form, imports, the data migration that flagged records logged after their meeting)."""

    Outcome = PositionOutcome

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="positions",
    )
    text = models.TextField(_("position delivered"))
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="positions"
    )
    outcome_document = models.ForeignKey(
        "forums.OutcomeDocument",
        verbose_name=_("outcome document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text=_("The decision or report of the meeting that the position aimed at."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    outcome_reference = models.CharField(
        _("where the outcome document says it"),
        max_length=200,
        blank=True,
        help_text=_("Paragraph or page, e.g. para. 12."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    set_late = models.BooleanField(
        _("set after the meeting"),
        default=False,
        help_text=_(
            "Added or changed after the meeting ended or after its outcome document was adopted."
        ),
    )
    set_late_reason = models.TextField(_("why it was set after the meeting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["engagement", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="position_text_required"),
            models.CheckConstraint(
                condition=models.Q(outcome__in=PositionOutcome.values),
                name="position_outcome_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(set_late=False) | ~models.Q(set_late_reason=""),
                name="position_set_late_needs_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(set_late=True) | models.Q(set_late_reason=""),
                name="position_late_reason_only_if_set_late",
            ),
        ]
        indexes = [
            # indicator and engagements list "outcome" filter
            models.Index(fields=["outcome", "engagement"], name="position_outcome_idx"),
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        super().clean()
        engagement = self.engagement_or_none()
        if (
            self.outcome_document_id
            and engagement is not None
            and self.outcome_document.meeting_id != engagement.meeting_id
        ):
            raise ValidationError(
                {"outcome_document": _("Choose an outcome document of the engagement's meeting.")}
            )
        outcome_error = self.early_outcome_error()
        if outcome_error:
            raise ValidationError({"outcome": outcome_error})

    def engagement_or_none(self) -> Engagement | None:
        """The engagement the rules read: the one being edited (the engagement form's positions
        are given the record as the form has it, meeting changes included), saved or not."""
        try:
            return self.engagement
        except Engagement.DoesNotExist:
            return None

    def early_outcome_error(self, today: datetime.date | None = None) -> str | None:
        """Why the outcome cannot be recorded yet, or None: not before the meeting has ended."""
        engagement = self.engagement_or_none()
        if self.outcome == self.Outcome.PENDING or engagement is None:
            return None
        if engagement.meeting_has_ended(today):
            return None
        return _(
            "The outcome cannot be recorded before the meeting has ended: %(meeting)s ends on "
            "%(end)s. Leave it pending until then."
        ) % {"meeting": engagement.meeting.name, "end": long_date(engagement.meeting.end_date)}

    def outcome_known_on(self) -> datetime.date | None:
        """The first day the outcome could be known: the day after the meeting's last day, or
        the day its outcome document was adopted, whichever is earlier (None: no meeting)."""
        days = []
        if self.engagement_id and self.engagement.meeting_id:
            days.append(self.engagement.meeting.end_date + datetime.timedelta(days=1))
        if self.outcome_document_id and self.outcome_document.adopted_on:
            days.append(self.outcome_document.adopted_on)
        return min(days) if days else None

    def is_set_late_on(self, today: datetime.date | None = None) -> bool:
        """Whether setting the position on `today` would be setting it late."""
        known = self.outcome_known_on()
        return known is not None and (today or timezone.localdate()) >= known

    @property
    def outcome_counted(self) -> bool:
        return self.engagement.outcomes_counted

    def outcome_label(self) -> str:
        """Its outcome as the figures read it: one recorded and not yet approved says so."""
        if self.outcome == self.Outcome.PENDING or self.outcome_counted:
            return str(self.get_outcome_display())
        return _("%(outcome)s (awaiting approval: counted as pending)") % {
            "outcome": self.get_outcome_display()
        }


def evidence_upload_to(instance, filename):
    """Evidence is stored under a generated name; the sanitised original name is kept apart."""
    return f"evidence/{timezone.now():%Y/%m}/{filename}"


class Evidence(Audited, models.Model):
    """A file supporting an engagement (a statement, an outcome document, a report)."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="evidence_uploaded",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["engagement", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gte=0), name="evidence_size_positive"),
            models.CheckConstraint(
                condition=~models.Q(original_name=""), name="evidence_name_required"
            ),
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64), name="evidence_sha256_length"
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("engagements:evidence_download", args=[self.engagement_id, self.pk])


TRANSITION_STATUSES = [
    *Engagement.Status.choices,
    (Engagement.OutcomeStep.AWAITING.value, Engagement.OutcomeStep.AWAITING.label),
]


class TransitionStep(models.TextChoices):
    RECORD = "record", _("Record")
    OUTCOMES = "outcomes", _("Outcomes")


class Transition(models.Model):
    """One step of the workflow: who moved the record from which status to which, when and why.
    A mandate's outcomes have their own steps (`step` = outcomes): from and to are then the
    record's outcome_step."""

    Step = TransitionStep

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    step = models.CharField(_("step"), max_length=16, choices=Step.choices, default=Step.RECORD)
    from_status = models.CharField(_("from"), max_length=16, choices=TRANSITION_STATUSES)
    to_status = models.CharField(_("to"), max_length=16, choices=TRANSITION_STATUSES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="engagement_transitions",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["engagement", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="transition_changes_status",
            ),
            models.CheckConstraint(
                condition=~models.Q(to_status=EngagementStatus.RETURNED) | ~models.Q(reason=""),
                name="transition_return_needs_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(step__in=TransitionStep.values), name="transition_step_valid"
            ),
        ]
        indexes = [
            # engagement detail page: its trail in order; "My work": the latest return reason
            models.Index(fields=["engagement", "at"], name="transition_engagement_at_idx"),
        ]

    def __str__(self):
        return f"{self.from_label()} → {self.to_label()}"

    def _label(self, value) -> str:
        if self.step == self.Step.OUTCOMES:
            return str(Engagement.OutcomeStep(value).label)
        return str(dict(TRANSITION_STATUSES).get(value, value))

    def from_label(self) -> str:
        return self._label(self.from_status)

    def to_label(self) -> str:
        return self._label(self.to_status)
