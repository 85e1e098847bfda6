"""The program managers' weekly digest (once per manager and ISO week): the review queue (its size
and the oldest waiting), returned records waiting on officers, outcomes overdue, agreement
reports due and overdue, and the official indicator of the current fiscal year against its
target (on track / at risk)."""

import datetime

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone

from core.fiscal import FiscalYear
from engagements import selectors as engagement_selectors
from engagements.models import Engagement, Position
from indicators import selectors as indicator_selectors
from indicators.models import Indicator
from partners.models import ReportingRequirement

from . import services
from .models import Kind, ReminderOptOut

Status = Engagement.Status


def digest_figures(now) -> dict:
    today = timezone.localdate(now)
    # the same items as the review queue and the officers' "My work": records and mandates, and
    # the outcomes of approved mandates in their own step; `updated_at` is when each was submitted
    counts = Engagement.objects.aggregate(
        queue=Count("pk", filter=engagement_selectors.awaiting_review_q()),
        oldest=Min("updated_at", filter=engagement_selectors.awaiting_review_q()),
        returned=Count("pk", filter=engagement_selectors.returned_q()),
    )
    oldest = counts["oldest"]
    outcome_cutoff = today - datetime.timedelta(days=settings.REMINDER_PENDING_OUTCOME_DAYS)
    outcomes_overdue = (
        Engagement.objects.filter(
            meeting__end_date__lte=outcome_cutoff,
            positions__outcome=Position.Outcome.PENDING,
        )
        .values("pk")
        .distinct()
        .count()
    )
    pending_reports = ReportingRequirement.objects.filter(received_date__isnull=True)
    report_days = settings.REMINDER_REPORT_DUE_DAYS
    reports = pending_reports.aggregate(
        due=Count(
            "pk",
            filter=Q(
                due_date__gte=today, due_date__lte=today + datetime.timedelta(days=report_days)
            ),
        ),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
    )
    figures = {
        "queue": counts["queue"],
        "oldest": timezone.localdate(oldest).isoformat() if oldest else "",
        "returned": counts["returned"],
        "outcomes_overdue": outcomes_overdue,
        "reports_due": reports["due"],
        "reports_overdue": reports["overdue"],
        "report_days": report_days,
    }
    figures.update(_official_indicator(FiscalYear.from_date(today)))
    return figures


def _official_indicator(year: FiscalYear) -> dict:
    indicator = Indicator.objects.filter(kind=Indicator.Kind.OFFICIAL).order_by("pk").first()
    if indicator is None:
        return {}
    reading = indicator_selectors.indicator_trend(indicator, [year]).reading(year)
    target = reading.target.lower if reading.target is not None else None
    return {
        "year": year.start_year,
        "indicator_value": None if reading.value is None else str(reading.value),
        "indicator_target": None if target is None else str(target),
        "indicator_status_key": str(reading.status),
    }


def send_weekly_digest(now=None) -> list:
    now = now or timezone.now()
    year, week, _weekday = timezone.localdate(now).isocalendar()
    off = set(
        ReminderOptOut.objects.filter(kind=Kind.WEEKLY_DIGEST).values_list("user_id", flat=True)
    )
    recipients = [m for m in services.managers() if m.pk not in off]
    if not recipients:
        return []
    return services.notify(
        recipients,
        services.Notice(
            kind=Kind.WEEKLY_DIGEST,
            record="",
            period=f"{year}-W{week:02d}",
            url_name="engagements:review_queue",
            params=digest_figures(now),
        ),
    )
