import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.models import translated_field

from .models import Organization


class OrganizationTable(tables.Table):
    acronym = tables.Column(verbose_name=_("Acronym"), linkify=True, order_by="acronym_en")
    name = tables.Column(verbose_name=_("Name"), order_by="name_en")
    kind = tables.Column(verbose_name=_("Kind"))
    country = tables.Column(verbose_name=_("Country"), accessor="country__name", order_by="country")
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = Organization
        fields = ["acronym", "name", "kind", "country", "is_active"]
        order_by = "acronym"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns["acronym"].column.order_by = (translated_field("acronym"),)
        self.columns["name"].column.order_by = (translated_field("name"),)
