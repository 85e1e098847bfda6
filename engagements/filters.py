import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import PortalDateFilter, SearchFilter, YesNoFilter, contains_any
from core.fiscal import FiscalYear, fiscal_year_choices
from forums.models import Forum, Meeting
from partners.models import ContributionAgreement, Organization

from .forms import officers
from .models import Engagement, Position, Theme


class FiscalYearNumberFilter(django_filters.ChoiceFilter):
    """ "2013-14" in the query string, matched against the indexed `fiscal_year` column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Fiscal year"))
        kwargs.setdefault("choices", fiscal_year_choices)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(fiscal_year=FiscalYear.parse(value).start_year)


class EngagementFilter(django_filters.FilterSet):
    q = SearchFilter(method="search")
    fiscal_year = FiscalYearNumberFilter()
    forum = django_filters.ModelChoiceFilter(
        label=_("Forum"), queryset=Forum.objects.order_by("acronym_en")
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"), queryset=Meeting.objects.select_related("forum").order_by("-start_date")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Engagement.Kind.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), method="by_theme"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Engagement.Status.choices)
    officer = django_filters.ModelChoiceFilter(
        label=_("Officer"), queryset=officers(), method="by_officer"
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Organization.objects.order_by("acronym_en"),
        method="by_partner",
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Position outcome"), choices=Position.Outcome.choices, method="by_outcome"
    )
    agreement = django_filters.ModelChoiceFilter(
        label=_("Contribution agreement"),
        queryset=ContributionAgreement.objects.select_related("recipient").order_by(
            "-start_date", "number"
        ),
    )

    class Meta:
        model = Engagement
        fields = [
            "q",
            "fiscal_year",
            "forum",
            "meeting",
            "kind",
            "theme",
            "status",
            "officer",
            "partner",
            "outcome",
            "agreement",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["officer"].field.label_from_instance = lambda user: str(user)
        self.filters["theme"].field.label_from_instance = lambda theme: theme.name

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        in_positions = Position.objects.filter(engagement=OuterRef("pk"), text__icontains=value)
        # an officer's name ("Olivia", "Tremblay", "Olivia Tremblay") finds the engagements they
        # lead or are in the delegation of
        named = (
            get_user_model()
            .objects.alias(full_name=Concat("first_name", Value(" "), "last_name"))
            .filter(Q(full_name__icontains=value) | Q(username__iexact=value))
            .values("pk")
        )
        in_delegation = Engagement.delegation.through.objects.filter(
            engagement=OuterRef("pk"), user__in=named
        )
        return queryset.filter(
            contains_any(value, "summary", "city", "meeting__name_*", "forum__acronym_*")
            | Exists(in_positions)
            | Q(lead_officer__in=named)
            | Exists(in_delegation)
        )

    # Many-valued relations filter with EXISTS: no duplicate rows, no DISTINCT.
    def by_theme(self, queryset, name, value):
        through = Engagement.themes.through.objects.filter(engagement=OuterRef("pk"), theme=value)
        return queryset.filter(Exists(through))

    def by_partner(self, queryset, name, value):
        through = Engagement.partners.through.objects.filter(
            engagement=OuterRef("pk"), organization=value
        )
        return queryset.filter(Exists(through))

    def by_officer(self, queryset, name, value):
        delegation = Engagement.delegation.through.objects.filter(
            engagement=OuterRef("pk"), user=value
        )
        return queryset.filter(Q(lead_officer=value) | Exists(delegation))

    def by_outcome(self, queryset, name, value):
        return queryset.filter(
            Exists(Position.objects.filter(engagement=OuterRef("pk"), outcome=value))
        )


class ReviewQueueFilter(django_filters.FilterSet):
    """The review queue's filters: forum, kind, officer, submitted since, and whether the record
    counts for the official indicator (a position aimed at an outcome document of an important
    meeting: `official_position_count`, annotated by selectors.review_queue)."""

    forum = django_filters.ModelChoiceFilter(
        label=_("Forum"), queryset=Forum.objects.order_by("acronym_en")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Engagement.Kind.choices)
    officer = django_filters.ModelChoiceFilter(
        label=_("Officer"), queryset=officers(), method="by_officer"
    )
    submitted_since = PortalDateFilter(
        label=_("Submitted since"), field_name="updated_at", method="since"
    )
    official = YesNoFilter(label=_("Counts for the official indicator"), method="by_official")

    class Meta:
        model = Engagement
        fields = ["forum", "kind", "officer", "submitted_since", "official"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["officer"].field.label_from_instance = lambda user: str(user)

    def by_officer(self, queryset, name, value):
        # who submitted it: the lead officer or whoever logged it (the record's authors)
        return queryset.filter(Q(lead_officer=value) | Q(created_by=value))

    def since(self, queryset, name, value):
        # from the start of that day, in the portal's time zone
        start = timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
        return queryset.filter(updated_at__gte=start)

    def by_official(self, queryset, name, value):
        official = Position.objects.filter(
            engagement=OuterRef("pk"), outcome_document__meeting__is_important=True
        )
        return queryset.filter(Exists(official) if value else ~Exists(official))
