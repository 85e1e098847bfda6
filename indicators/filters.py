import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, YesNoFilter, contains_any

from .models import Indicator


class IndicatorFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Indicator.Kind.choices)
    computed = YesNoFilter(label=_("Computed by the portal"), method="by_computed")

    class Meta:
        model = Indicator
        fields = ["q", "kind", "computed"]

    def search(self, queryset, name, value):
        return queryset.filter(contains_any(value, "code", "name_*"))

    def by_computed(self, queryset, name, value):
        if value is None:
            return queryset
        manual = Q(measurement=Indicator.MANUAL)
        return queryset.exclude(manual) if value else queryset.filter(manual)
