import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Organization


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organization.Kind.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organization
        fields = ["q", "kind", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(acronym_en__icontains=value)
            | Q(acronym_fr__icontains=value)
            | Q(name_en__icontains=value)
            | Q(name_fr__icontains=value)
        )
