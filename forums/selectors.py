"""Reads that several forum pages share."""

from django.db.models import Count, Q

from core.fiscal import FiscalYear
from partners.models import Organization

from .models import Forum, Meeting


def forums_with_counts():
    """Forums with their parent and meeting count, in one query (forum list)."""
    return (
        Forum.objects.select_related("parent")
        .annotate(meeting_count=Count("meetings"))
        .order_by("acronym_en")
    )


def meetings_with_forum():
    return Meeting.objects.select_related("forum")


def reference_overview(*, fiscal_year: FiscalYear) -> dict:
    """Counts for the home page, each one query aggregated by the database."""
    meetings = Meeting.objects.aggregate(
        in_year=Count("pk", filter=Q(start_date__range=(fiscal_year.start, fiscal_year.end))),
        important_in_year=Count(
            "pk",
            filter=Q(start_date__range=(fiscal_year.start, fiscal_year.end), is_important=True),
        ),
        total=Count("pk"),
    )
    return {
        "forums": Forum.objects.filter(is_active=True).count(),
        "organizations": Organization.objects.filter(is_active=True).count(),
        **{f"meetings_{key}": value for key, value in meetings.items()},
    }
