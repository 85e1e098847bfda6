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

from core.dates import long_date
from core.fiscal import (
    FIRST_YEAR,
    LAST_YEAR,
    FiscalYear,
    date_in_range_constraint,
    fiscal_year_range,
)
from core.models import PortalDateField, Translated


class Organization(models.Model):
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


class TransferPayment(models.Model):
    """One of the program's named transfer payments (Public Accounts / GC InfoBase line)."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant")
        CONTRIBUTION = "contribution", _("Contribution")
        ASSESSED = "assessed", _("Assessed contribution")

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
                condition=models.Q(kind__in=["grant", "contribution", "assessed"]),
                name="transferpayment_kind_valid",
            ),
        ]

    def __str__(self):
        return str(self.name)


class ContributionAgreement(models.Model):
    """A funding agreement under one transfer payment: who receives what, for which years.

    The recipient is an Organization, except for an umbrella agreement whose money goes to
    several recipients chosen during the year (the Grant for Migration Policy Development):
    then `recipient` is empty and `recipient_other_*` says who, in both languages.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("agreement status", "Draft")
        ACTIVE = "active", pgettext_lazy("agreement status", "Active")
        CLOSED = "closed", pgettext_lazy("agreement status", "Closed")
        TERMINATED = "terminated", pgettext_lazy("agreement status", "Terminated")

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
                condition=models.Q(status__in=["draft", "active", "closed", "terminated"]),
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


class AgreementAmount(models.Model):
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
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def lapsed(self):
        return None if self.actual is None else self.authorized - self.actual

    @property
    def percent_used(self):
        if self.actual is None or not self.authorized:
            return None
        return (self.actual * 100 / self.authorized).quantize(Decimal("0.1"))

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


class ReportingRequirement(models.Model):
    """A report the recipient owes: what, when it is due, and when it came in."""

    class Kind(models.TextChoices):
        FINANCIAL = "financial", _("Financial report")
        ACTIVITY = "activity", _("Activity report")
        FINAL = "final", _("Final report")
        AUDIT = "audit", _("Audited financial statement")

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
                condition=models.Q(kind__in=["financial", "activity", "final", "audit"]),
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
