import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, YesNoFilter, contains_any
from core.fiscal import FiscalYear, fiscal_year_choices

from .models import Forum, Meeting


class ForumFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Forum.Kind.choices)
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=Forum.Scope.choices)
    is_active = YesNoFilter(label=_("Active"))

    class Meta:
        model = Forum
        fields = ["q", "kind", "scope", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(contains_any(value, "acronym_*", "name_*"))


class FiscalYearFilter(django_filters.ChoiceFilter):
    """Filters a date field to one fiscal year; the choice value is "2013-14" in every language."""

    def __init__(self, *args, date_field: str, **kwargs):
        self.date_field = date_field
        kwargs.setdefault("label", _("Fiscal year"))
        kwargs.setdefault("choices", fiscal_year_choices)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        year = FiscalYear.parse(value)
        return qs.filter(**{f"{self.date_field}__range": (year.start, year.end)})


class MeetingFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    fiscal_year = FiscalYearFilter(date_field="start_date")
    forum = django_filters.ModelChoiceFilter(label=_("Forum"), queryset=Forum.objects.all())
    is_important = YesNoFilter(label=_("Identified as important"))

    class Meta:
        model = Meeting
        fields = ["q", "fiscal_year", "forum", "is_important"]

    def search(self, queryset, name, value):
        return queryset.filter(contains_any(value, "name_*", "city"))


class PlanFilter(django_filters.FilterSet):
    """The year's plan: one fiscal year (the current one unless another is asked for)."""

    fiscal_year = FiscalYearFilter(date_field="start_date", required=True, empty_label=None)
    importance = django_filters.ChoiceFilter(
        label=_("Importance"), choices=Meeting.Importance.choices
    )
    forum = django_filters.ModelChoiceFilter(label=_("Forum"), queryset=Forum.objects.all())

    class Meta:
        model = Meeting
        fields = ["fiscal_year", "importance", "forum"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("fiscal_year"):
            data["fiscal_year"] = FiscalYear.current().slug
        super().__init__(data, *args, **kwargs)

    @property
    def year(self) -> FiscalYear:
        try:
            return FiscalYear.parse(self.form.cleaned_data["fiscal_year"])
        except (AttributeError, KeyError, ValueError):
            return FiscalYear.current()
