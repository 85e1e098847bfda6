"""The program's expected result, its indicators, their targets and recorded results, and resources.

Mirrors GC InfoBase: a program (activity code `LJZ00`) has an expected result (`NR050-0051-2017`),
which has indicators (`NI050-0377-2017`), each with a target and, per fiscal year, a result whose
status is `met`, `not_met`, `not_available` or `future`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fiscal import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR, FiscalYear
from core.models import Audited, Translated

HUNDRED = Decimal(100)


def calculation_choices():
    """The named calculations an indicator may use (callable, so migrations do not copy them)."""
    from .calculations import REGISTRY

    return [(key, calculation.label) for key, calculation in REGISTRY.items()]


def fiscal_year_field(verbose_name=None, **kwargs):
    """A fiscal year stored as the calendar year it starts in (2013 for 2013-14)."""
    return models.PositiveSmallIntegerField(
        verbose_name or _("fiscal year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("The calendar year the fiscal year starts in: 2013 for 2013-14."),
        **kwargs,
    )


class TargetType(models.TextChoices):
    """GC InfoBase's target types."""

    PERCENT = "percent", _("Percentage")
    NUM = "num", _("Number")
    PERCENT_RANGE = "percent_range", _("Percentage range")
    NUM_RANGE = "num_range", _("Number range")
    TEXT = "text", _("Text")
    TBD = "tbd", _("To be determined")


PERCENT_TYPES = (TargetType.PERCENT, TargetType.PERCENT_RANGE)
NUMERIC_TYPES = (
    TargetType.PERCENT,
    TargetType.PERCENT_RANGE,
    TargetType.NUM,
    TargetType.NUM_RANGE,
)


class Status(models.TextChoices):
    """GC InfoBase's status keys, plus the in-year readings the portal gives the current year."""

    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NOT_AVAILABLE = "not_available", _("Not available")
    FUTURE = "future", _("Future")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")


RECORDED_STATUSES = [
    (Status.MET.value, Status.MET.label),
    (Status.NOT_MET.value, Status.NOT_MET.label),
    (Status.NOT_AVAILABLE.value, Status.NOT_AVAILABLE.label),
]


class Program(Audited, models.Model):
    """A program of the department's Program Alignment Architecture (PAA)."""

    code = models.CharField(
        _("activity code"), max_length=20, unique=True, help_text=_("GC InfoBase code, e.g. LJZ00.")
    )
    number = models.CharField(_("PAA number"), max_length=10, help_text=_("e.g. 4.3"))
    department_code = models.CharField(_("department code"), max_length=10, default="CI")
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    description_en = models.TextField(_("description (English)"))
    description_fr = models.TextField(_("description (French)"))
    strategic_outcome_en = models.CharField(_("strategic outcome (English)"), max_length=300)
    strategic_outcome_fr = models.CharField(_("strategic outcome (French)"), max_length=300)
    history = HistoricalRecords()

    name = Translated("name")
    description = Translated("description")
    strategic_outcome = Translated("strategic_outcome")

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(name_fr=""), name="program_names_required"
            ),
            models.CheckConstraint(
                condition=~Q(description_en="") & ~Q(description_fr=""),
                name="program_descriptions_required",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"


class Outcome(Audited, models.Model):
    """An expected result of a program (GC InfoBase "result")."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="outcomes"
    )
    code = models.CharField(
        _("result id"),
        max_length=30,
        unique=True,
        help_text=_("GC InfoBase id, e.g. NR050-0051-2017."),
    )
    name_en = models.CharField(_("expected result (English)"), max_length=400)
    name_fr = models.CharField(_("expected result (French)"), max_length=400)
    doc = models.CharField(
        _("source document"),
        max_length=20,
        blank=True,
        help_text=_("e.g. dp17: Departmental Plan 2017-18."),
    )
    history = HistoricalRecords()

    name = Translated("name")

    class Meta:
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="") & ~Q(name_fr=""), name="outcome_names_required"
            ),
        ]

    def __str__(self):
        return self.name


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_display(self):
        """Official indicators first, then the portal's own, in the order administrators set."""
        return self.select_related("outcome").order_by("-kind", "position", "code")


class SeekingTo(models.TextChoices):
    INCREASE = "increase", _("Increase")
    DECREASE = "decrease", _("Decrease")
    TARGET = "target", _("Reach the target")


class Indicator(Audited, models.Model):
    """A performance indicator: entered by hand, or computed by a named calculation."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official (Departmental Plan)")
        SUPPLEMENTARY = "supplementary", _("Supplementary (the portal's own)")

    SeekingTo = SeekingTo

    MANUAL = "manual"

    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("expected result"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.CharField(
        _("indicator id"),
        max_length=30,
        unique=True,
        help_text=_("GC InfoBase id (NI050-0377-2017), or the portal's own (P43-S1)."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=400)
    name_fr = models.CharField(_("name (French)"), max_length=400)
    definition_en = models.TextField(_("definition (English)"))
    definition_fr = models.TextField(_("definition (French)"))
    methodology_en = models.TextField(_("methodology (English)"))
    methodology_fr = models.TextField(_("methodology (French)"))
    data_source_en = models.CharField(_("data source (English)"), max_length=300)
    data_source_fr = models.CharField(_("data source (French)"), max_length=300)
    frequency_en = models.CharField(_("frequency (English)"), max_length=100)
    frequency_fr = models.CharField(_("frequency (French)"), max_length=100)
    target_type = models.CharField(_("target type"), max_length=16, choices=TargetType.choices)
    seeking_to = models.CharField(_("seeking to"), max_length=10, choices=SeekingTo.choices)
    baseline_en = models.CharField(_("baseline (English)"), max_length=200, blank=True)
    baseline_fr = models.CharField(_("baseline (French)"), max_length=200, blank=True)
    measurement = models.CharField(
        _("how it is measured"),
        max_length=50,
        default=MANUAL,
        choices=calculation_choices,
        help_text=_("Entered by hand, or computed by one of the portal's named calculations."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    name = Translated("name")
    definition = Translated("definition")
    methodology = Translated("methodology")
    data_source = Translated("data_source")
    frequency = Translated("frequency")
    baseline = Translated("baseline")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["-kind", "position", "code"]
        permissions = [("record_result", _("Can record an indicator's result for a fiscal year"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="")
                & ~Q(name_fr="")
                & ~Q(methodology_en="")
                & ~Q(methodology_fr="")
                & ~Q(definition_en="")
                & ~Q(definition_fr=""),
                name="indicator_texts_required",
            ),
            models.CheckConstraint(
                condition=(Q(baseline_en="") & Q(baseline_fr=""))
                | (~Q(baseline_en="") & ~Q(baseline_fr="")),
                name="indicator_baseline_both_languages",
            ),
            models.CheckConstraint(
                condition=Q(target_type__in=TargetType.values), name="indicator_target_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(seeking_to__in=SeekingTo.values),
                name="indicator_seeking_to_valid",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def get_absolute_url(self):
        return reverse("indicators:indicator_detail", args=[self.code])

    @property
    def is_computed(self) -> bool:
        return self.measurement != self.MANUAL

    @property
    def is_official(self) -> bool:
        return self.kind == self.Kind.OFFICIAL

    @property
    def is_percentage(self) -> bool:
        return self.target_type in PERCENT_TYPES

    @property
    def calculation(self):
        from .calculations import REGISTRY

        return REGISTRY.get(self.measurement)

    @property
    def decimals(self) -> int:
        """Places its percentages are shown with: its calculation's (0 for the official one, as
        GC InfoBase publishes it), else one."""
        calculation = self.calculation if self.is_computed else None
        return calculation.decimals if calculation is not None else 1

    def clean(self):
        super().clean()
        if self.measurement != self.MANUAL:
            calculation = self.calculation
            if calculation is None:
                raise ValidationError({"measurement": _("This calculation does not exist.")})
            if calculation.is_percentage != self.is_percentage:
                raise ValidationError(
                    {
                        "target_type": _(
                            "This calculation gives a percentage: choose a percentage target type."
                        )
                        if calculation.is_percentage
                        else _("This calculation gives a number: choose a number target type.")
                    }
                )


def _within_percent(field):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 100})


class Target(Audited, models.Model):
    """An indicator's target for a fiscal year, as GC InfoBase records it per plan."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    fiscal_year = fiscal_year_field()
    target_type = models.CharField(_("target type"), max_length=16, choices=TargetType.choices)
    target_min = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_max = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    narrative_en = models.CharField(_("narrative target (English)"), max_length=400, blank=True)
    narrative_fr = models.CharField(_("narrative target (French)"), max_length=400, blank=True)
    target_year = models.PositiveSmallIntegerField(
        _("year to achieve"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_DAY.year), MaxValueValidator(LAST_DAY.year)],
        help_text=_("Calendar year, e.g. 2018."),
    )
    target_month = models.PositiveSmallIntegerField(
        _("month to achieve"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 to 12, e.g. 3 for March."),
    )
    doc = models.CharField(
        _("source document"),
        max_length=20,
        blank=True,
        help_text=_("e.g. dp17: Departmental Plan 2017-18."),
    )
    history = HistoricalRecords()

    narrative = Translated("narrative")

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="target_one_per_indicator_and_year"
            ),
            models.CheckConstraint(
                condition=Q(target_min__isnull=True)
                | Q(target_max__isnull=True)
                | Q(target_min__lte=models.F("target_max")),
                name="target_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=~Q(target_type__in=PERCENT_TYPES)
                | (_within_percent("target_min") & _within_percent("target_max")),
                name="target_percentages_within_0_100",
            ),
            models.CheckConstraint(
                condition=~Q(target_type__in=NUMERIC_TYPES)
                | Q(target_min__isnull=False)
                | Q(target_max__isnull=False),
                name="target_numeric_value_required",
            ),
            models.CheckConstraint(
                condition=~Q(target_type__in=[TargetType.PERCENT_RANGE, TargetType.NUM_RANGE])
                | (Q(target_min__isnull=False) & Q(target_max__isnull=False)),
                name="target_range_bounds_required",
            ),
            models.CheckConstraint(
                condition=~Q(target_type=TargetType.TEXT)
                | (~Q(narrative_en="") & ~Q(narrative_fr="")),
                name="target_narrative_required",
            ),
            models.CheckConstraint(
                condition=Q(target_month__isnull=True)
                | Q(target_month__gte=1, target_month__lte=12),
                name="target_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(target_year__gte=FIRST_DAY.year, target_year__lte=LAST_DAY.year),
                name="target_year_in_portal_range",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {FiscalYear(self.fiscal_year).label_en}"

    @property
    def year(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def is_percentage(self) -> bool:
        return self.target_type in PERCENT_TYPES

    @property
    def lower(self):
        return self.target_min if self.target_min is not None else self.target_max

    @property
    def upper(self):
        return self.target_max if self.target_max is not None else self.target_min

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.target_min is not None
            and self.target_max is not None
            and self.target_min > self.target_max
        ):
            errors["target_max"] = _("The maximum cannot be below the minimum.")
        if self.target_type in PERCENT_TYPES:
            for field in ("target_min", "target_max"):
                value = getattr(self, field)
                if value is not None and not 0 <= value <= HUNDRED:
                    errors[field] = _("A percentage must be between 0 and 100.")
        if (
            self.target_type in NUMERIC_TYPES
            and self.target_min is None
            and self.target_max is None
        ):
            errors["target_min"] = _("Give the target value.")
        if self.target_type in (TargetType.PERCENT_RANGE, TargetType.NUM_RANGE) and (
            self.target_min is None or self.target_max is None
        ):
            errors["target_max"] = _("A range needs both a minimum and a maximum.")
        if self.target_type == TargetType.TEXT and not (self.narrative_en and self.narrative_fr):
            errors["narrative_fr"] = _("A narrative target needs both English and French.")
        if errors:
            raise ValidationError(errors)


class Result(Audited, models.Model):
    """A fiscal year's result as a manager recorded it: the value is frozen, so a closed year does
    not drift when late records arrive. Computed indicators keep their numerator and denominator."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="results"
    )
    fiscal_year = fiscal_year_field()
    is_percentage = models.BooleanField(_("percentage"), default=False)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    numerator = models.DecimalField(
        _("numerator"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("denominator"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    lenient_value = models.DecimalField(
        _("lenient value (reflected or partially)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    lenient_numerator = models.DecimalField(
        _("lenient numerator"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_result_en = models.CharField(_("result (English)"), max_length=400, blank=True)
    actual_result_fr = models.CharField(_("result (French)"), max_length=400, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RECORDED_STATUSES)
    explanation_en = models.TextField(
        _("explanation (English)"),
        error_messages={"blank": _("Give the explanation in English.")},
    )
    explanation_fr = models.TextField(
        _("explanation (French)"),
        error_messages={"blank": _("Give the explanation in French.")},
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_results",
        help_text=_("Empty only for a result loaded from a GC InfoBase publication."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    source = models.CharField(
        _("source"),
        max_length=20,
        blank=True,
        help_text=_(
            "The GC InfoBase document the result was published in (drr16: Departmental Results "
            "Report 2016-17); empty for a result recorded on the portal."
        ),
    )
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revised_results",
    )
    revised_at = models.DateTimeField(_("revised at"), null=True, blank=True)
    revision_reason = models.TextField(_("reason for the revision"), blank=True)
    published = models.JSONField(
        _("row as published"),
        default=dict,
        blank=True,
        help_text=_("The GC InfoBase row as published, column by column (exported as is)."),
    )
    history = HistoricalRecords()

    explanation = Translated("explanation")
    actual_result = Translated("actual_result")

    class Meta:
        verbose_name = _("recorded result")
        verbose_name_plural = _("recorded results")
        ordering = ["indicator", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="result_one_per_indicator_and_year"
            ),
            models.CheckConstraint(
                condition=~Q(explanation_en="") & ~Q(explanation_fr=""),
                name="result_explanation_both_languages",
            ),
            models.CheckConstraint(
                condition=Q(is_percentage=False)
                | (_within_percent("value") & _within_percent("lenient_value")),
                name="result_percentages_within_0_100",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(denominator__gte=0, numerator__gte=0),
                name="result_counts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[value for value, _label in RECORDED_STATUSES]),
                name="result_status_recorded",
            ),
            models.CheckConstraint(
                condition=Q(recorded_by__isnull=False) | ~Q(source=""),
                name="result_recorded_by_or_published",
            ),
            models.CheckConstraint(
                condition=Q(revised_at__isnull=True) | ~Q(revision_reason=""),
                name="result_revision_has_reason",
            ),
        ]
        indexes = [
            # program dashboard and indicator detail: results of the indicators for a year
            models.Index(fields=["fiscal_year"], name="result_fiscal_year_idx"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {FiscalYear(self.fiscal_year).label_en}"

    def get_absolute_url(self):
        return reverse(
            "indicators:indicator_year", args=[self.indicator.code, FiscalYear(self.fiscal_year)]
        )

    @property
    def year(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    def clean(self):
        super().clean()
        errors = {}
        if self.is_percentage:
            for field in ("value", "lenient_value"):
                value = getattr(self, field)
                if value is not None and not 0 <= value <= HUNDRED:
                    errors[field] = _("A percentage must be between 0 and 100.")
        if bool(self.actual_result_en.strip()) != bool(self.actual_result_fr.strip()):
            errors["actual_result_fr"] = _("Give the result in both English and French.")
        if self._state.adding and self.fiscal_year and self.year >= FiscalYear.current():
            errors[NON_FIELD_ERRORS] = _(
                "A result can be recorded once the fiscal year has ended (after 31 March %(year)s)."
            ) % {"year": self.fiscal_year + 1}
        if errors:
            raise ValidationError(errors)

    def unique_error_message(self, model_class, unique_check):
        # result_one_per_indicator_and_year, said the way a manager reads it
        if tuple(unique_check) == ("indicator", "fiscal_year"):
            return self.already_recorded_error()
        return super().unique_error_message(model_class, unique_check)

    def already_recorded_error(self) -> ValidationError:
        return ValidationError(
            _("A result for %(year)s has already been recorded.") % {"year": self.year.label},
            code="unique",
        )


class ProgramResource(Audited, models.Model):
    """A program's spending (dollars) and full-time equivalents for a fiscal year (GC InfoBase)."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="resources"
    )
    fiscal_year = fiscal_year_field()
    planned_spending = models.DecimalField(
        _("planned spending"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    authorities = models.DecimalField(
        _("total authorities available"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual_spending = models.DecimalField(
        _("actual spending"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    planned_ftes = models.DecimalField(
        _("planned FTEs"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    actual_ftes = models.DecimalField(
        _("actual FTEs"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program resources")
        verbose_name_plural = _("program resources")
        ordering = ["program", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "fiscal_year"], name="program_resource_one_per_year"
            ),
            models.CheckConstraint(
                condition=(Q(planned_spending__isnull=True) | Q(planned_spending__gte=0))
                & (Q(authorities__isnull=True) | Q(authorities__gte=0))
                & (Q(actual_spending__isnull=True) | Q(actual_spending__gte=0))
                & (Q(planned_ftes__isnull=True) | Q(planned_ftes__gte=0))
                & (Q(actual_ftes__isnull=True) | Q(actual_ftes__gte=0)),
                name="program_resource_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.program.code} {FiscalYear(self.fiscal_year).label_en}"

    @property
    def year(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def share_spent(self):
        if not self.authorities:
            return None
        return (self.actual_spending or 0) * HUNDRED / self.authorities


# --- summaries of the records, kept exact by indicators.tallies -----------------------------------
#
# The figures read these instead of aggregating a million engagements: each row is what the
# approved records of one key contribute (a fiscal year, a forum, a meeting, an outcome document),
# kept up to date in the same transaction as every write that changes them (indicators.tallies).
# Keys are plain integers, 0 for "none" (a bilateral engagement has no forum, a position may aim at
# no outcome document), so that a key is one unique row on every database. `manage.py
# verify_figures` recomputes them from the records.

NONE = 0  # the key part of a record that has no forum, meeting or outcome document


class EngagementTally(models.Model):
    """Approved engagements of a fiscal year at one forum and meeting, and how many of them had a
    leadership role."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    forum_id = models.PositiveIntegerField(_("forum"), default=NONE)
    meeting_id = models.PositiveIntegerField(_("meeting"), default=NONE)
    engagements = models.PositiveIntegerField(_("approved engagements"), default=0)
    leading = models.PositiveIntegerField(_("with a leadership role"), default=0)

    class Meta:
        verbose_name = _("summary of approved engagements")
        verbose_name_plural = _("summaries of approved engagements")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "forum_id", "meeting_id"], name="engagement_tally_key"
            ),
            models.CheckConstraint(
                condition=Q(leading__lte=models.F("engagements")),
                name="engagement_tally_leading_within",
            ),
        ]
        indexes = [models.Index(fields=["meeting_id"], name="engagement_tally_meeting_idx")]

    def __str__(self):
        return f"{self.fiscal_year} {self.forum_id}/{self.meeting_id}: {self.engagements}"


class PositionTally(models.Model):
    """Positions of approved engagements of a fiscal year aimed at one outcome document (or at none)
    of one forum and meeting, by outcome. `reflected`, `partially_reflected` and `not_reflected`
    count only outcomes the figures count (engagements.models.outcomes_counted_q); `pending` the
    rest: not known yet, or recorded and not yet approved. `outcome_known` and `outcome_reflected`
    count the outcomes recorded, approved or not (the by-forum table's columns)."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    forum_id = models.PositiveIntegerField(_("forum"), default=NONE)
    meeting_id = models.PositiveIntegerField(_("meeting"), default=NONE)
    document_id = models.PositiveIntegerField(_("outcome document"), default=NONE)
    positions = models.PositiveIntegerField(_("positions"), default=0)
    reflected = models.PositiveIntegerField(_("reflected"), default=0)
    partially_reflected = models.PositiveIntegerField(_("partially reflected"), default=0)
    not_reflected = models.PositiveIntegerField(_("not reflected"), default=0)
    pending = models.PositiveIntegerField(_("pending"), default=0)
    set_late = models.PositiveIntegerField(_("set after the meeting"), default=0)
    outcome_known = models.PositiveIntegerField(_("with an outcome recorded"), default=0)
    outcome_reflected = models.PositiveIntegerField(_("recorded as reflected"), default=0)

    class Meta:
        verbose_name = _("summary of positions")
        verbose_name_plural = _("summaries of positions")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["document_id", "meeting_id", "forum_id", "fiscal_year"],
                name="position_tally_key",
            ),
            models.CheckConstraint(
                condition=Q(
                    positions=models.F("reflected")
                    + models.F("partially_reflected")
                    + models.F("not_reflected")
                    + models.F("pending")
                ),
                name="position_tally_outcomes_add_up",
            ),
            models.CheckConstraint(
                condition=Q(set_late__lte=models.F("positions"))
                & Q(outcome_known__lte=models.F("positions"))
                & Q(outcome_reflected__lte=models.F("outcome_known")),
                name="position_tally_counts_within",
            ),
        ]
        indexes = [
            models.Index(fields=["meeting_id"], name="position_tally_meeting_idx"),
            models.Index(fields=["fiscal_year"], name="position_tally_fy_idx"),
        ]

    def __str__(self):
        return f"{self.fiscal_year} {self.meeting_id}/{self.document_id}: {self.positions}"


class PartnerTally(models.Model):
    """Approved engagements of a fiscal year that named one partner organization."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    organization_id = models.PositiveIntegerField(_("organization"))
    engagements = models.PositiveIntegerField(_("approved engagements"), default=0)

    class Meta:
        verbose_name = _("summary of partner organizations")
        verbose_name_plural = _("summaries of partner organizations")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "organization_id"], name="partner_tally_key"
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} {self.organization_id}: {self.engagements}"
