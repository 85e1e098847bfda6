import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import SearchFilter, contains_any

from .models import Event, Level


def country_choices():
    return list(countries)


class EventFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Event.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind of event"), choices=Event.Kind.choices)
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Event.Region.choices)
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="in_country"
    )
    level = django_filters.ChoiceFilter(
        label=_("Assessed at level"), choices=Level.choices, method="assessed_at"
    )

    class Meta:
        model = Event
        fields = ["q", "status", "kind", "region", "country", "level"]

    def search(self, queryset, name, value):
        return queryset.filter(contains_any(value, "title_*", "summary_*"))

    def in_country(self, queryset, name, value):
        # the countries are stored as "SY,LB,JO": a two-letter code only ever matches a whole code
        return queryset.filter(countries__contains=value)

    def assessed_at(self, queryset, name, value):
        return queryset.assessed(value)
