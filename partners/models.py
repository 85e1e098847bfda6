from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.models import Translated


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
