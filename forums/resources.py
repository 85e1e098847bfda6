"""Forums in Django admin's import and export (django-import-export, see imports.resources): a
forum is matched by its English acronym; its parent by a forum's acronym or name and its
secretariat by an organization's, in either language."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from imports.resources import (
    ChoiceWidget,
    NaturalKeyWidget,
    PortalResource,
    YesNoWidget,
    text_field,
)
from partners.models import Organization

from .models import Forum

NAMES = ("acronym_en", "acronym_fr", "name_en", "name_fr")


class ForumResource(PortalResource):
    acronym_en = text_field("acronym_en")
    acronym_fr = text_field("acronym_fr")
    name_en = text_field("name_en")
    name_fr = text_field("name_fr")
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(_("kind"), Forum.Kind)
    )
    scope = fields.Field(
        attribute="scope", column_name="scope", widget=ChoiceWidget(_("scope"), Forum.Scope)
    )
    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=NaturalKeyWidget(Forum, NAMES, _("forum")),
    )
    year_established = fields.Field(attribute="year_established", column_name="year_established")
    secretariat = fields.Field(
        attribute="secretariat",
        column_name="secretariat",
        widget=NaturalKeyWidget(Organization, NAMES, _("organization")),
    )
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())

    class Meta(PortalResource.Meta):
        model = Forum
        import_id_fields = ["acronym_en"]
        fields = [
            "acronym_en",
            "acronym_fr",
            "name_en",
            "name_fr",
            "kind",
            "scope",
            "parent",
            "year_established",
            "secretariat",
            "is_active",
        ]

    @classmethod
    def get_display_name(cls):
        return _("forums")
