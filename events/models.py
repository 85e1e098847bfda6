"""The watch of international events: conflicts, disasters, famines and epidemics that could move
people in large numbers and so affect Canada's own programs (the program description: « CIC suit
de près les événements internationaux qui pourraient avoir des répercussions sur nos programmes »).

An event carries its sources, a figure of people displaced or refugees only with the date and the
source it was read from, the officers' assessment of its effect on each of Canada's programs, and
the engagements that responded to it (an engagement says which events it addressed).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.fiscal import date_in_range_constraint
from core.models import Audited, PortalDateField, Translated


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


# the order of the levels, for "the highest level assessed" (list, filter, dashboard)
LEVEL_RANK = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


class EventQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Event.Status.CLOSED)

    def assessed(self, level):
        return self.filter(
            models.Exists(Assessment.objects.filter(event=models.OuterRef("pk"), level=level))
        )

    def review_due(self, today):
        """Events still watched whose next review date has passed (the reminders)."""
        return self.open().filter(next_review__lt=today)


class Event(Audited, models.Model):
    """An international event watched for its effect on Canada's programs."""

    class Kind(models.TextChoices):
        ARMED_CONFLICT = "armed_conflict", _("Armed conflict")
        NATURAL_DISASTER = "natural_disaster", _("Natural disaster")
        FAMINE = "famine", _("Famine or food crisis")
        EPIDEMIC = "epidemic", _("Epidemic")
        CRISIS = "crisis", _("Political or economic crisis")
        OTHER = "other", _("Other")

    class Region(models.TextChoices):
        # UNHCR's regions
        AFRICA = "africa", _("Africa")
        AMERICAS = "americas", _("Americas")
        ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
        EUROPE = "europe", _("Europe")
        MENA = "mena", _("Middle East and North Africa")

    class Status(models.TextChoices):
        WATCHING = "watching", _("Watching")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind of event"), max_length=24, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    countries = CountryField(_("countries concerned"), multiple=True)
    region = models.CharField(_("region"), max_length=16, choices=Region.choices)
    start_date = PortalDateField(_("start date"))
    end_date = PortalDateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WATCHING
    )
    # where the event is described (every event has one)
    source_name_en = models.CharField(_("source (English)"), max_length=200)
    source_name_fr = models.CharField(_("source (French)"), max_length=200)
    source_url = models.URLField(_("source address"), max_length=500)
    # people displaced or refugees: a figure only with its date and its source
    displaced = models.PositiveIntegerField(
        _("people displaced or refugees"),
        null=True,
        blank=True,
        help_text=_("Leave empty rather than estimate: a figure needs its date and its source."),
    )
    displaced_on = PortalDateField(_("figure as of"), null=True, blank=True)
    displaced_source_name = models.CharField(_("source of the figure"), max_length=200, blank=True)
    displaced_source_url = models.URLField(
        _("address of the figure's source"), max_length=500, blank=True
    )
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_followed",
        help_text=_("The officer who follows the event and keeps its assessment current."),
    )
    next_review = PortalDateField(_("next review"), null=True, blank=True)
    forums = models.ManyToManyField(
        "forums.Forum",
        verbose_name=_("forums that took it up"),
        blank=True,
        related_name="events",
    )
    engagements = models.ManyToManyField(
        "engagements.Engagement",
        verbose_name=_("engagements that addressed it"),
        through="EventResponse",
        blank=True,
        related_name="events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_created",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=["forums"], excluded_fields=["updated_at"])

    objects = EventQuerySet.as_manager()

    title = Translated("title")
    summary = Translated("summary")
    source_name = Translated("source_name")

    class Meta:
        verbose_name = _("international event")
        verbose_name_plural = _("international events")
        ordering = ["-start_date", "pk"]
        permissions = [("watch_event", _("Can record and assess international events"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title_en="") & ~models.Q(title_fr=""),
                name="event_titles_required",
            ),
            models.CheckConstraint(
                condition=~models.Q(countries=""), name="event_countries_required"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "armed_conflict",
                        "natural_disaster",
                        "famine",
                        "epidemic",
                        "crisis",
                        "other",
                    ]
                ),
                name="event_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    region__in=["africa", "americas", "asia_pacific", "europe", "mena"]
                ),
                name="event_region_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["watching", "active", "closed"]),
                name="event_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_end_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(source_name_en="")
                & ~models.Q(source_name_fr="")
                & ~models.Q(source_url=""),
                name="event_source_required",
            ),
            # no figure without its date and its source; no date or source without a figure
            models.CheckConstraint(
                condition=models.Q(
                    displaced__isnull=False,
                    displaced_on__isnull=False,
                )
                & ~models.Q(displaced_source_name="")
                & ~models.Q(displaced_source_url="")
                | models.Q(
                    displaced__isnull=True,
                    displaced_on__isnull=True,
                    displaced_source_name="",
                    displaced_source_url="",
                ),
                name="event_figure_sourced",
            ),
            date_in_range_constraint("start_date", name="event_start_in_portal_range"),
            date_in_range_constraint("end_date", name="event_end_in_portal_range"),
            date_in_range_constraint("displaced_on", name="event_figure_date_in_range"),
            date_in_range_constraint("next_review", name="event_review_in_portal_range"),
        ]
        indexes = [
            # the watch list (newest first) and its status filter; the dashboard's active events
            models.Index(fields=["status", "-start_date"], name="event_status_start_idx"),
            # the hourly reminders: open events whose review date has passed
            models.Index(fields=["next_review"], name="event_next_review_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    @staticmethod
    def get_list_url():
        return reverse("events:list")

    @property
    def country_names(self) -> str:
        """The countries concerned, named in the active language."""
        return ", ".join(str(country.name) for country in self.countries)

    def review_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(
            self.status != self.Status.CLOSED and self.next_review and self.next_review < today
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.displaced is not None:
            if not self.displaced_on:
                errors["displaced_on"] = _("Enter the date of the figure.")
            if not self.displaced_source_name:
                errors["displaced_source_name"] = _("Name the source of the figure.")
            if not self.displaced_source_url:
                errors["displaced_source_url"] = _("Enter the address of the figure's source.")
        elif self.displaced_on or self.displaced_source_name or self.displaced_source_url:
            errors["displaced"] = _(
                "Enter the figure these date and source are for, or clear them."
            )
        if self.pk is None and self.next_review and self.next_review < timezone.localdate():
            errors["next_review"] = _("The next review of a new event cannot be in the past.")
        if self.pk is None and not self.next_review and self.status != self.Status.CLOSED:
            errors["next_review"] = _("Enter the date of the next review.")
        if errors:
            raise ValidationError(errors)


class Assessment(Audited, models.Model):
    """The expected effect of an event on one of Canada's programs, with its level and why."""

    class Effect(models.TextChoices):
        RESETTLEMENT = "resettlement", _("Resettlement")
        ASYLUM = "asylum", _("Asylum claims in Canada")
        TEMPORARY = "temporary", _("Temporary residence and visas")
        FAMILY = "family", _("Family reunification")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="assessments"
    )
    effect = models.CharField(_("program affected"), max_length=16, choices=Effect.choices)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    note = models.TextField(_("assessment"))
    language = models.CharField(
        _("language of the assessment"), max_length=2, choices=Language.choices, default="en"
    )
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["event", "effect"]
        constraints = [
            models.UniqueConstraint(fields=["event", "effect"], name="assessment_one_per_effect"),
            models.CheckConstraint(
                condition=models.Q(effect__in=["resettlement", "asylum", "temporary", "family"]),
                name="assessment_effect_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=["low", "medium", "high"]),
                name="assessment_level_valid",
            ),
            models.CheckConstraint(condition=~models.Q(note=""), name="assessment_note_required"),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "fr"]), name="assessment_language_valid"
            ),
        ]
        indexes = [
            # the dashboard's "active events assessed high" and the list's level filter
            models.Index(fields=["level", "event"], name="assessment_level_idx"),
        ]

    def __str__(self):
        return f"{self.event} — {self.get_effect_display()}: {self.get_level_display()}"


class EventResponse(Audited, models.Model):
    """An engagement that addressed an event (said on the engagement's page)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="responses"
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="event_responses",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("engagement that addressed an event")
        verbose_name_plural = _("engagements that addressed events")
        ordering = ["event", "engagement"]
        constraints = [
            models.UniqueConstraint(fields=["event", "engagement"], name="event_response_once"),
        ]

    def __str__(self):
        return f"{self.event} — {self.engagement}"
