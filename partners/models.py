import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.fiscal import (
    FIRST_YEAR,
    LAST_YEAR,
    FiscalYear,
    date_in_range_constraint,
    fiscal_year_range,
)
from core.formatting import long_date, percentage
from core.models import Audited, PortalDateField, Translated


class Organization(Audited, models.Model):
    """A partner: an international organization, a foreign government, a federal partner, ..."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organization")
        FOREIGN_GOVERNMENT = "foreign_government", _("Foreign government")
        FEDERAL_PARTNER = "federal_partner", _("Federal partner")
        RESEARCH = "research", _("Research institute")
        CIVIL_SOCIETY = "civil_society", _("Civil society organization")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    acronym_en = models.CharField(_("acronym (English)"), max_length=30)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=30)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    country = CountryField(_("country"), blank=True, help_text=_("Headquarters or home country."))
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    acronym = Translated("acronym")
    name = Translated("name")

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["acronym_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "acronym_en"], name="organization_unique_acronym_en"
            ),
            models.UniqueConstraint(
                fields=["kind", "acronym_fr"], name="organization_unique_acronym_fr"
            ),
            models.CheckConstraint(
                condition=~models.Q(name_en="") & ~models.Q(name_fr=""),
                name="organization_names_required",
            ),
        ]

    def __str__(self):
        return f"{self.acronym} — {self.name}" if self.acronym != self.name else self.name

    def get_absolute_url(self):
        return reverse("partners:organization_detail", args=[self.pk])


# --- Contribution agreements and funding (transfer payments, agreements, amounts, reports) ---

MONEY = {"max_digits": 14, "decimal_places": 2}


def _parent(instance, name):
    """The related object, saved or not (an admin inline's parent is unsaved while adding)."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


class TransferPaymentKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    CONTRIBUTION = "contribution", _("Contribution")
    ASSESSED = "assessed", _("Assessed contribution")


class TransferPayment(Audited, models.Model):
    """One of the program's named transfer payments (Public Accounts / GC InfoBase line)."""

    Kind = TransferPaymentKind

    code = models.SlugField(
        _("code"), max_length=40, help_text=_("A short, stable identifier, e.g. iom-assessed.")
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    name = Translated("name")

    class Meta:
        verbose_name = _("transfer payment")
        verbose_name_plural = _("transfer payments")
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="transferpayment_unique_code"),
            models.CheckConstraint(
                condition=~models.Q(name_en="") & ~models.Q(name_fr=""),
                name="transferpayment_names_required",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=TransferPaymentKind.values),
                name="transferpayment_kind_valid",
            ),
        ]

    def __str__(self):
        return str(self.name)


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("agreement status", "Draft")
    ACTIVE = "active", pgettext_lazy("agreement status", "Active")
    CLOSED = "closed", pgettext_lazy("agreement status", "Closed")
    TERMINATED = "terminated", pgettext_lazy("agreement status", "Terminated")


class ContributionAgreement(Audited, models.Model):
    """A funding agreement under one transfer payment: who receives what, for which years.

    The recipient is an Organization, except for an umbrella agreement whose money goes to
    several recipients chosen during the year (the Grant for Migration Policy Development):
    then `recipient` is empty and `recipient_other_*` says who, in both languages.
    """

    Status = AgreementStatus

    number = models.CharField(_("agreement number"), max_length=40)
    transfer_payment = models.ForeignKey(
        TransferPayment,
        verbose_name=_("transfer payment"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    recipient = models.ForeignKey(
        Organization,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("Leave empty for an umbrella agreement with several recipients."),
    )
    recipient_other_en = models.CharField(
        _("recipients, when not one organization (English)"), max_length=250, blank=True
    )
    recipient_other_fr = models.CharField(
        _("recipients, when not one organization (French)"), max_length=250, blank=True
    )
    purpose_en = models.TextField(_("purpose (English)"))
    purpose_fr = models.TextField(_("purpose (French)"))
    start_date = PortalDateField(_("start date"))
    end_date = PortalDateField(_("end date"))
    total_amount = models.DecimalField(
        _("total amount (CAD)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements_responsible",
    )
    history = HistoricalRecords()

    purpose = Translated("purpose")
    recipient_other = Translated("recipient_other")

    class Meta:
        verbose_name = _("contribution agreement")
        verbose_name_plural = _("contribution agreements")
        ordering = ["-start_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="agreement_unique_number"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="agreement_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=models.Q(total_amount__gte=0),
                name="agreement_total_not_negative",
                violation_error_message=_("The total amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~models.Q(purpose_en="") & ~models.Q(purpose_fr=""),
                name="agreement_purpose_required",
            ),
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False)
                | (~models.Q(recipient_other_en="") & ~models.Q(recipient_other_fr="")),
                name="agreement_has_recipient",
                violation_error_message=_(
                    "Choose the recipient organization, or describe the recipients in both "
                    "languages for an umbrella agreement."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AgreementStatus.values),
                name="agreement_status_valid",
            ),
            date_in_range_constraint("start_date", name="agreement_start_in_portal_range"),
            date_in_range_constraint("end_date", name="agreement_end_in_portal_range"),
        ]
        indexes = [
            # Attention list (agreements page, dashboard): active agreements ending soon.
            models.Index(fields=["status", "end_date"], name="agreement_status_end_idx"),
        ]

    def __str__(self):
        return f"{self.number} — {self.recipient_name}"

    def get_absolute_url(self):
        return reverse("partners:agreement_detail", args=[self.pk])

    @property
    def recipient_name(self) -> str:
        return str(self.recipient.name) if self.recipient_id else str(self.recipient_other)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.recipient_id is None and not (self.recipient_other_en and self.recipient_other_fr):
            errors["recipient"] = _(
                "Choose the recipient organization, or describe the recipients in both "
                "languages for an umbrella agreement."
            )
        if errors:
            raise ValidationError(errors)

    def fiscal_years(self) -> list[FiscalYear]:
        """The fiscal years the agreement's dates touch."""
        return fiscal_year_range(
            FiscalYear.from_date(self.start_date).start_year,
            FiscalYear.from_date(self.end_date).start_year,
        )

    def covers_fiscal_year(self, year: FiscalYear) -> bool:
        return year.start <= self.end_date and year.end >= self.start_date


class AgreementAmount(Audited, models.Model):
    """What an agreement may spend (authorized) and did spend (actual) in one fiscal year.

    `actual` is empty until the year's expenditures are known. Actual above authorized is
    refused: under the Financial Administration Act no payment may exceed its authority, and
    the Public Accounts figures loaded from GC InfoBase respect it in every year.
    """

    agreement = models.ForeignKey(
        ContributionAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="amounts",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), help_text=_("The year the fiscal year starts in: 2014 for 2014-15.")
    )
    authorized = models.DecimalField(
        _("authorized (CAD)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    actual = models.DecimalField(
        _("actual (CAD)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty until the year's expenditures are known."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fiscal-year amount")
        verbose_name_plural = _("fiscal-year amounts")
        ordering = ["agreement", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "fiscal_year"],
                name="agreementamount_one_per_year",
                violation_error_message=_(
                    "This agreement already has an amount for that fiscal year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(authorized__gte=0),
                name="agreementamount_authorized_not_negative",
                violation_error_message=_("The authorized amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(actual__isnull=True) | models.Q(actual__gte=0),
                name="agreementamount_actual_not_negative",
                violation_error_message=_("The actual amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(actual__isnull=True)
                | models.Q(actual__lte=models.F("authorized")),
                name="agreementamount_actual_within_authorized",
                violation_error_message=_("The actual amount cannot exceed the authorized amount."),
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_year__gte=FIRST_YEAR, fiscal_year__lte=LAST_YEAR),
                name="agreementamount_fiscal_year_range",
            ),
        ]
        indexes = [
            # Funding summary: amounts grouped by fiscal year.
            models.Index(fields=["fiscal_year"], name="agreementamount_fy_idx"),
        ]

    def __str__(self):
        return f"{self.agreement.number} {FiscalYear(self.fiscal_year).label}"

    @property
    def year(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def lapsed(self):
        return None if self.actual is None else self.authorized - self.actual

    @property
    def percent_used(self):
        if self.actual is None or not self.authorized:
            return None
        return percentage(self.actual, self.authorized)

    def clean(self):
        errors = {}
        if (
            self.actual is not None
            and self.authorized is not None
            and self.actual > self.authorized
        ):
            errors["actual"] = _("The actual amount cannot exceed the authorized amount.")
        if self.fiscal_year is not None:
            if not FIRST_YEAR <= self.fiscal_year <= LAST_YEAR:
                errors["fiscal_year"] = _("Enter a fiscal year between %(first)s and %(last)s.") % {
                    "first": FIRST_YEAR,
                    "last": LAST_YEAR,
                }
            elif (
                (agreement := _parent(self, "agreement"))
                and agreement.start_date
                and agreement.end_date
                and not agreement.covers_fiscal_year(FiscalYear(self.fiscal_year))
            ):
                errors["fiscal_year"] = _(
                    "Fiscal year %(year)s is outside the agreement's dates (%(start)s to %(end)s)."
                ) % {
                    "year": FiscalYear(self.fiscal_year).label,
                    "start": long_date(agreement.start_date),
                    "end": long_date(agreement.end_date),
                }
        if errors:
            raise ValidationError(errors)


class ReportKind(models.TextChoices):
    FINANCIAL = "financial", _("Financial report")
    ACTIVITY = "activity", _("Activity report")
    FINAL = "final", _("Final report")
    AUDIT = "audit", _("Audited financial statement")


class ReportingRequirement(Audited, models.Model):
    """A report the recipient owes: what, when it is due, and when it came in."""

    Kind = ReportKind

    agreement = models.ForeignKey(
        ContributionAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    kind = models.CharField(_("report"), max_length=16, choices=Kind.choices)
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("What the report covers, in the language it was agreed in."),
    )
    due_date = PortalDateField(_("due date"))
    received_date = PortalDateField(_("received on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting requirement")
        verbose_name_plural = _("reporting requirements")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ReportKind.values),
                name="report_kind_valid",
            ),
            date_in_range_constraint("due_date", name="report_due_in_portal_range"),
            date_in_range_constraint("received_date", name="report_received_in_portal_range"),
        ]
        indexes = [
            # Attention list (agreements page, dashboard): reports not received, by due date.
            models.Index(fields=["received_date", "due_date"], name="report_received_due_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {long_date(self.due_date)}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.received_date is None and self.due_date < today

    def clean(self):
        agreement = _parent(self, "agreement")
        if (
            agreement
            and self.received_date
            and agreement.start_date
            and self.received_date < agreement.start_date
        ):
            raise ValidationError(
                {
                    "received_date": _(
                        "A report cannot be received before the agreement starts (%(start)s)."
                    )
                    % {"start": long_date(agreement.start_date)}
                }
            )


# --- Services Canada uses from IOM and UNHCR (service lines and their yearly volumes) ---


class ServiceLine(Audited, models.Model):
    """A service that Canada uses from a partner organization (the program description: « Le
    Canada fait aussi appel aux services d'immigration de l'OIM ... »): what it is, who delivers
    it, the Canadian program it serves and the department that runs it, its dates and, when there
    is one, the agreement or transfer payment it is paid under. Every line names its source."""

    class Kind(models.TextChoices):
        TRANSPORTATION = "transportation", _("Refugee transportation for resettlement")
        ORIENTATION = "orientation", _("Canadian Orientation Abroad")
        MEDICAL = "medical", _("Medical examinations")
        RETURN = "return", _("Assisted voluntary return and reintegration")
        PROTECTION = "protection", _("Protection")
        CAPACITY = "capacity", _("Migration-management capacity building")
        TECHNICAL = "technical", _("Technical assistance")
        REFERRALS = "referrals", _("Resettlement referrals")

    kind = models.CharField(_("kind of service"), max_length=16, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    partner = models.ForeignKey(
        Organization,
        verbose_name=_("partner organization"),
        on_delete=models.PROTECT,
        related_name="service_lines",
        limit_choices_to={"kind": Organization.Kind.INTERNATIONAL},
    )
    program_en = models.CharField(_("Canadian program served (English)"), max_length=200)
    program_fr = models.CharField(_("Canadian program served (French)"), max_length=200)
    department = models.ForeignKey(
        Organization,
        verbose_name=_("department that runs it"),
        on_delete=models.PROTECT,
        related_name="service_lines_run",
        limit_choices_to={"kind": Organization.Kind.FEDERAL_PARTNER},
    )
    start_date = PortalDateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the source does not say."),
    )
    end_date = PortalDateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while the service runs.")
    )
    budget = models.DecimalField(
        _("budget over the whole period (CAD)"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Only a published figure; leave empty when it is not known."),
    )
    agreement = models.ForeignKey(
        ContributionAgreement,
        verbose_name=_("contribution agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_lines",
    )
    transfer_payment = models.ForeignKey(
        TransferPayment,
        verbose_name=_("transfer payment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_lines",
    )
    source_name_en = models.CharField(_("source (English)"), max_length=250)
    source_name_fr = models.CharField(_("source (French)"), max_length=250)
    source_url = models.URLField(_("source address"), max_length=500)
    history = HistoricalRecords()

    name = Translated("name")
    description = Translated("description")
    program = Translated("program")
    source_name = Translated("source_name")

    class Meta:
        verbose_name = _("service line")
        verbose_name_plural = _("service lines")
        ordering = ["partner__acronym_en", "name_en"]
        permissions = [
            ("record_service_volumes", _("Can record service lines and their yearly volumes"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_en="") & ~models.Q(name_fr=""),
                name="serviceline_names_required",
                violation_error_message=_("Enter the name in English and in French."),
            ),
            models.CheckConstraint(
                condition=~models.Q(program_en="") & ~models.Q(program_fr=""),
                name="serviceline_program_required",
                violation_error_message=_(
                    "Name the Canadian program served in English and in French."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "transportation",
                        "orientation",
                        "medical",
                        "return",
                        "protection",
                        "capacity",
                        "technical",
                        "referrals",
                    ]
                ),
                name="serviceline_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="serviceline_end_on_or_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="serviceline_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~models.Q(source_name_en="")
                & ~models.Q(source_name_fr="")
                & ~models.Q(source_url=""),
                name="serviceline_source_required",
                violation_error_message=_(
                    "Name the source in English and in French, with its address."
                ),
            ),
            date_in_range_constraint("start_date", name="serviceline_start_in_portal_range"),
            date_in_range_constraint("end_date", name="serviceline_end_in_portal_range"),
        ]

    def __str__(self):
        return f"{self.name} ({self.partner.acronym})"

    def get_absolute_url(self):
        return reverse("partners:service_detail", args=[self.pk])

    @staticmethod
    def get_list_url():
        return reverse("partners:service_list")

    def covers_fiscal_year(self, year: FiscalYear) -> bool:
        """Whether the line's dates touch the fiscal year (open ends touch every year)."""
        return (self.start_date is None or self.start_date <= year.end) and (
            self.end_date is None or self.end_date >= year.start
        )

    def period_text(self) -> str:
        if self.start_date and self.end_date:
            return _("%(start)s to %(end)s") % {
                "start": long_date(self.start_date),
                "end": long_date(self.end_date),
            }
        if self.start_date:
            return _("since %(start)s") % {"start": long_date(self.start_date)}
        if self.end_date:
            return _("until %(end)s") % {"end": long_date(self.end_date)}
        return _("dates not published")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        elif self.pk and (self.start_date or self.end_date):
            outside = [
                FiscalYear(v.fiscal_year).label
                for v in self.volumes.all()
                if not self.covers_fiscal_year(FiscalYear(v.fiscal_year))
            ]
            if outside:
                errors["start_date" if self.start_date else "end_date"] = _(
                    "Volumes are recorded for %(years)s, outside these dates: change the dates "
                    "or those volumes first."
                ) % {"years": ", ".join(outside)}
        if errors:
            raise ValidationError(errors)


class ServiceVolume(Audited, models.Model):
    """What a service line delivered in one fiscal year, and what it cost, when known. Each figure
    is empty until a manager enters it: nothing is estimated."""

    service_line = models.ForeignKey(
        ServiceLine,
        verbose_name=_("service line"),
        on_delete=models.CASCADE,
        related_name="volumes",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), help_text=_("The year the fiscal year starts in: 2014 for 2014-15.")
    )
    people_served = models.IntegerField(_("people served"), null=True, blank=True)
    sessions = models.IntegerField(_("sessions"), null=True, blank=True)
    referrals = models.IntegerField(_("referrals"), null=True, blank=True)
    amount = models.DecimalField(_("amount (CAD)"), **MONEY, null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Where the figures come from, in your own language.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yearly volume")
        verbose_name_plural = _("yearly volumes")
        ordering = ["service_line", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_line", "fiscal_year"],
                name="servicevolume_one_per_year",
                violation_error_message=_(
                    "This service line already has volumes for that fiscal year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(people_served__isnull=True) | models.Q(people_served__gte=0),
                name="servicevolume_people_not_negative",
                violation_error_message=_("The number of people served cannot be below zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(sessions__isnull=True) | models.Q(sessions__gte=0),
                name="servicevolume_sessions_not_negative",
                violation_error_message=_("The number of sessions cannot be below zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(referrals__isnull=True) | models.Q(referrals__gte=0),
                name="servicevolume_referrals_not_negative",
                violation_error_message=_("The number of referrals cannot be below zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="servicevolume_amount_not_negative",
                violation_error_message=_("The amount cannot be below zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_year__gte=FIRST_YEAR, fiscal_year__lte=LAST_YEAR),
                name="servicevolume_fiscal_year_range",
            ),
            models.CheckConstraint(
                condition=models.Q(people_served__isnull=False)
                | models.Q(sessions__isnull=False)
                | models.Q(referrals__isnull=False)
                | models.Q(amount__isnull=False),
                name="servicevolume_has_a_figure",
                violation_error_message=_(
                    "Enter at least one figure: people served, sessions, referrals or amount."
                ),
            ),
        ]
        indexes = [
            # the funding dashboard and the services list's year filter: volumes by fiscal year
            models.Index(fields=["fiscal_year"], name="servicevolume_fy_idx"),
        ]

    def __str__(self):
        return f"{self.service_line} {FiscalYear(self.fiscal_year).label}"

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    def clean(self):
        super().clean()
        if self.fiscal_year is None:
            return
        if not FIRST_YEAR <= self.fiscal_year <= LAST_YEAR:
            raise ValidationError(
                {
                    "fiscal_year": _("Enter a fiscal year between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR}
                }
            )
        line = _parent(self, "service_line")
        if line is not None and not line.covers_fiscal_year(FiscalYear(self.fiscal_year)):
            raise ValidationError(
                {
                    "fiscal_year": _(
                        "Fiscal year %(year)s is outside the service line's dates (%(period)s)."
                    )
                    % {"year": FiscalYear(self.fiscal_year).label, "period": line.period_text()}
                }
            )
