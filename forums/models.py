from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.fiscal import FiscalYear, date_in_range_constraint
from core.models import Audited, PortalDateField, Translated, current_language
from core.signals import writing_records


class Forum(Audited, models.Model):
    """A multilateral, regional or bilateral forum where Canada advances its positions."""

    class Kind(models.TextChoices):
        UN_GOVERNING_BODY = "un_governing_body", _("UN governing body")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
        REGIONAL_PROCESS = "regional_process", _("Regional consultative process")
        GLOBAL_FORUM = "global_forum", _("Global forum")
        INTERREGIONAL = "interregional", _("Interregional consultation")
        BILATERAL = "bilateral", _("Bilateral dialogue")

    class Scope(models.TextChoices):
        MULTILATERAL = "multilateral", _("Multilateral")
        REGIONAL = "regional", _("Regional")
        BILATERAL = "bilateral", _("Bilateral")

    acronym_en = models.CharField(_("acronym (English)"), max_length=30)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=30)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent forum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    year_established = models.PositiveSmallIntegerField(
        _("year established"), null=True, blank=True
    )
    secretariat = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("secretariat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums_served",
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    acronym = Translated("acronym")
    name = Translated("name")

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["acronym_en"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "acronym_en"], name="forum_unique_acronym_en"),
            models.UniqueConstraint(fields=["kind", "acronym_fr"], name="forum_unique_acronym_fr"),
            models.CheckConstraint(
                condition=~models.Q(name_en="") & ~models.Q(name_fr=""),
                name="forum_names_required",
            ),
            models.CheckConstraint(
                condition=models.Q(year_established__isnull=True)
                | models.Q(year_established__gte=1800),
                name="forum_year_established_plausible",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="forum_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.acronym} — {self.name}"

    def get_absolute_url(self):
        return reverse("forums:forum_detail", args=[self.pk])

    @staticmethod
    def get_list_url():
        return reverse("forums:forum_list")

    def clean(self):
        super().clean()
        if self.year_established and self.year_established > timezone.localdate().year:
            raise ValidationError(
                {"year_established": _("The year established cannot be in the future.")}
            )
        if self.year_established is not None and self.year_established < 1800:
            raise ValidationError(
                {"year_established": _("The year established must be 1800 or later.")}
            )
        ancestor = self.parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A forum cannot be its own parent or ancestor.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class MeetingQuerySet(models.QuerySet):
    def in_fiscal_year(self, year: FiscalYear):
        return self.filter(start_date__range=(year.start, year.end))

    def important(self):
        return self.filter(is_important=True)

    def identified_late(self):
        return self.filter(identified_late_q())


def identified_late_q(prefix: str = "") -> models.Q:
    """Meetings identified as important on or after the day they began (`prefix` reaches the
    meeting from another model, e.g. "meeting__"): the flag the dashboards, drill-downs and
    exports show beside every figure that counts them."""
    return models.Q(
        **{
            f"{prefix}importance": "important",
            f"{prefix}importance_decided_on__gte": models.F(f"{prefix}start_date"),
        }
    )


class MeetingImportance(models.TextChoices):
    NONE = "none", _("Not identified")
    PROPOSED = "proposed", _("Proposed by an officer")
    IMPORTANT = "important", _("Identified as important")
    DECLINED = "declined", _("Not important (decided)")


class Meeting(Audited, models.Model):
    """A session of a forum. Only meetings identified as important count for the indicator.

    Importance is a program manager's decision for the meeting (and so for its fiscal year), dated
    and, when taken on or after the day the meeting began, explained; officers may propose it.
    `is_important` is what the figures count: the database keeps it equal to "importance is
    identified", and only forums.services changes either (each change a history row)."""

    Importance = MeetingImportance

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="meetings"
    )
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    start_date = PortalDateField(_("start date"))
    end_date = PortalDateField(_("end date"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    city_fr = models.CharField(
        _("city (French)"),
        max_length=120,
        blank=True,
        help_text=_("Only when French writes it differently: Genève for Geneva."),
    )
    country = CountryField(_("country"), blank=True)
    chair = models.CharField(
        _("chair"), max_length=200, blank=True, help_text=_("Who chaired, e.g. Canada.")
    )
    is_important = models.BooleanField(
        _("identified as important"),
        default=False,
        help_text=_("Only meetings identified as important count for the program's indicator."),
    )
    importance = models.CharField(
        _("importance"),
        max_length=16,
        choices=Importance.choices,
        default=Importance.NONE,
    )
    importance_decided_on = models.DateField(_("importance decided on"), null=True, blank=True)
    importance_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importance decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="importance_decisions",
    )
    importance_reason = models.TextField(_("reason for the decision"), blank=True)
    importance_proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    importance_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="importance_proposals",
    )
    importance_proposal_reason = models.TextField(_("why it was proposed"), blank=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    name = Translated("name")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date", "forum__acronym_en"]
        permissions = [
            ("decide_importance", _("Can identify a meeting as important, or decide it is not")),
            ("propose_importance", _("Can propose a meeting as important")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="meeting_end_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(name_en="") & ~models.Q(name_fr=""),
                name="meeting_names_required",
            ),
            models.UniqueConstraint(
                fields=["forum", "name_en", "start_date"], name="meeting_unique_per_forum_and_date"
            ),
            date_in_range_constraint("start_date", name="meeting_start_in_portal_range"),
            date_in_range_constraint("end_date", name="meeting_end_in_portal_range"),
            models.CheckConstraint(
                condition=models.Q(importance__in=MeetingImportance.values),
                name="meeting_importance_valid",
            ),
            # what the figures count is exactly what a manager identified
            models.CheckConstraint(
                condition=models.Q(is_important=True, importance=MeetingImportance.IMPORTANT)
                | (
                    models.Q(is_important=False) & ~models.Q(importance=MeetingImportance.IMPORTANT)
                ),
                name="meeting_important_iff_identified",
            ),
            models.CheckConstraint(
                condition=~models.Q(
                    importance__in=[MeetingImportance.IMPORTANT, MeetingImportance.DECLINED]
                )
                | models.Q(importance_decided_on__isnull=False),
                name="meeting_importance_decision_dated",
            ),
            models.CheckConstraint(
                condition=models.Q(importance_decided_on__isnull=True)
                | models.Q(importance_decided_on__lt=models.F("start_date"))
                | ~models.Q(importance_reason=""),
                name="meeting_late_decision_has_reason",
            ),
        ]
        indexes = [
            # meeting list and dashboards: meetings of a fiscal year, newest first
            models.Index(fields=["start_date"], name="meeting_start_idx"),
            # program dashboard, official indicator's "awaiting approval" count: PostgreSQL keeps
            # statistics on an indexed expression, so it knows how many meetings fall in the
            # dashboard's fiscal years (the same expression as indicators.calculations'
            # fiscal_year_of) and joins by hash: 3 s at 1 000 000 engagements, 0.45 s with it
            models.Index(
                ExtractYear("start_date")
                - models.Case(
                    models.When(start_date__month__lt=4, then=models.Value(1)),
                    default=models.Value(0),
                    output_field=models.IntegerField(),
                ),
                name="meeting_fiscal_year_idx",
            ),
        ]

    def __str__(self):
        return f"{self.forum.acronym} — {self.name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # the fiscal year of an engagement at a meeting is the meeting's (indicators count by it)
        if self.start_date:
            moving = self.engagements.exclude(fiscal_year=self.year.start_year)
            ids = list(moving.values_list("pk", flat=True))
            if ids:
                with writing_records(moving.model, ids):
                    moving.model.objects.filter(pk__in=ids).update(fiscal_year=self.year.start_year)

    def get_absolute_url(self):
        return reverse("forums:meeting_detail", args=[self.pk])

    @staticmethod
    def get_list_url():
        return reverse("forums:meeting_list")

    @property
    def year(self) -> FiscalYear:
        return FiscalYear.from_date(self.start_date)

    @property
    def identified_late(self) -> bool:
        """Identified as important on or after the day it began (flagged wherever counted)."""
        return bool(
            self.importance == self.Importance.IMPORTANT
            and self.importance_decided_on
            and self.start_date
            and self.importance_decided_on >= self.start_date
        )

    @property
    def city_name(self) -> str:
        """The city in the active language: « Genève » in French, Geneva in English."""
        if current_language() == "fr" and self.city_fr:
            return self.city_fr
        return self.city

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)


class OutcomeDocument(Audited, models.Model):
    """A decision, report, conclusion or resolution a meeting adopted: what Canada's positions aim at.

    Titles are kept in the language(s) the forum published them in; French is optional."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        CONCLUSION = "conclusion", _("Conclusion")
        RESOLUTION = "resolution", _("Resolution")
        REPORT = "report", _("Report")
        DECLARATION = "declaration", _("Declaration or chair's summary")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="outcome_documents",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    reference = models.CharField(
        _("reference or link"),
        max_length=500,
        blank=True,
        help_text=_("Document symbol or web address."),
    )
    adopted_on = PortalDateField(_("adopted on"), null=True, blank=True)
    history = HistoricalRecords()

    title = Translated("title")

    class Meta:
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")
        ordering = ["meeting", "kind", "title_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "title_en"], name="outcome_document_unique_title"
            ),
            models.CheckConstraint(
                condition=~models.Q(title_en=""), name="outcome_document_title_required"
            ),
            date_in_range_constraint("adopted_on", name="outcome_document_adopted_in_range"),
        ]

    def __str__(self):
        # Translators: an outcome document's kind and title, "Report: …" / « Rapport : … »
        return gettext("%(kind)s: %(title)s") % {
            "kind": self.get_kind_display(),
            "title": self.title,
        }
