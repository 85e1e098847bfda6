"""Organizations and agreement amounts in Django admin's import and export
(django-import-export, see imports.resources). An organization is matched by its English name;
a fiscal-year amount by its agreement's number and its fiscal year, and the amounts of one
agreement may not add up to more than its total (the rule of the agreement's admin page)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from imports.resources import (
    AmountWidget,
    ChoiceWidget,
    CountryWidget,
    FiscalYearWidget,
    PortalResource,
    YesNoWidget,
    text_field,
)

from .models import AgreementAmount, ContributionAgreement, Organization
from .services import check_authorities_within_total


class OrganizationResource(PortalResource):
    name_en = text_field("name_en")
    name_fr = text_field("name_fr")
    acronym_en = text_field("acronym_en")
    acronym_fr = text_field("acronym_fr")
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(_("kind"), Organization.Kind)
    )
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    website = text_field("website")
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())

    class Meta(PortalResource.Meta):
        model = Organization
        import_id_fields = ["name_en"]
        fields = [
            "name_en",
            "name_fr",
            "acronym_en",
            "acronym_fr",
            "kind",
            "country",
            "website",
            "is_active",
        ]

    @classmethod
    def get_display_name(cls):
        return _("organizations")


class AgreementNumberWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(ContributionAgreement, field="number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(str(value or "").strip(), row, **kwargs)
        except ContributionAgreement.DoesNotExist as error:
            raise ValueError(
                _("No agreement has the number “%(number)s”.") % {"number": value}
            ) from error


class AgreementAmountResource(PortalResource):
    agreement = fields.Field(
        attribute="agreement", column_name="agreement", widget=AgreementNumberWidget()
    )
    fiscal_year = fields.Field(
        attribute="fiscal_year", column_name="fiscal_year", widget=FiscalYearWidget()
    )
    authorized = fields.Field(
        attribute="authorized", column_name="authorized", widget=AmountWidget()
    )
    actual = fields.Field(attribute="actual", column_name="actual", widget=AmountWidget())

    class Meta(PortalResource.Meta):
        model = AgreementAmount
        import_id_fields = ["agreement", "fiscal_year"]
        fields = ["agreement", "fiscal_year", "authorized", "actual"]

    @classmethod
    def get_display_name(cls):
        return _("fiscal-year amounts")

    def get_queryset(self):
        return super().get_queryset().select_related("agreement")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        # the rows of this file written before this one are in the transaction already
        others = AgreementAmount.objects.filter(agreement=instance.agreement).exclude(
            pk=instance.pk
        )
        try:
            check_authorities_within_total(
                total=instance.agreement.total_amount,
                authorized=[*others.values_list("authorized", flat=True), instance.authorized],
            )
        except ValidationError as error:
            raise ValidationError({"authorized": error.messages}) from error
