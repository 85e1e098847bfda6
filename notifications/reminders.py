"""Reminders, computed from the records' state by the periodic task (hourly; see scheduler.py).

Each kind has its delay in settings (REMINDER_*_DAYS) and each user can turn it off on their
profile page. A reminder goes at most once per recipient, kind, record and period, the period
being chosen so that it repeats only when it should:

| kind | to | period |
| --- | --- | --- |
| pending outcome, N days after the meeting ended (meetings of the past year) | lead officer | the month |
| draft untouched for N days | lead officer | the record's version (a new stretch after an edit) |
| returned, not resubmitted after N days | lead officer | the return step |
| agreement report due within N days | responsible officer | "due" |
| agreement report overdue (due in the past year) | responsible officer | "overdue" |
| important meeting within N days, no engagement logged | program managers | "soon" |
| international event past its review date, not closed | the officer who follows it, else the program managers | the review date |
"""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from engagements.models import Engagement, Position, Transition
from events.models import Event
from forums.models import Meeting
from partners.models import ReportingRequirement

from . import services
from .models import Kind, ReminderOptOut

Status = Engagement.Status
# outcomes and reports older than this are history, not something to chase by e-mail
LOOK_BACK = datetime.timedelta(days=365)


def _opted_out(kind) -> set[int]:
    return set(ReminderOptOut.objects.filter(kind=kind).values_list("user_id", flat=True))


def _send(kind, rows):
    """rows: (recipient, Notice) pairs; the recipients who turned this kind off are left out."""
    off = _opted_out(kind)
    created = []
    for recipient, notice in rows:
        if recipient is None or recipient.pk in off or not recipient.is_active:
            continue
        created += services.notify([recipient], notice)
    return created


def _engagement_notice(kind, engagement, period, **params):
    return services.Notice(
        kind=kind,
        record=f"engagement:{engagement.pk}",
        period=period,
        url_name="engagements:detail",
        url_args=[engagement.pk],
        params={**services.labels(engagement), **params},
        engagement=engagement,
    )


def pending_outcomes(today):
    cutoff = today - datetime.timedelta(days=settings.REMINDER_PENDING_OUTCOME_DAYS)
    engagements = (
        Engagement.objects.filter(
            meeting__end_date__lte=cutoff, meeting__end_date__gt=today - LOOK_BACK
        )
        .annotate(pending=Count("positions", filter=Q(positions__outcome=Position.Outcome.PENDING)))
        .filter(pending__gt=0)
        .select_related("meeting__forum", "forum", "lead_officer")
    )
    return _send(
        Kind.PENDING_OUTCOME,
        (
            (
                e.lead_officer,
                _engagement_notice(
                    Kind.PENDING_OUTCOME,
                    e,
                    f"{today:%Y-%m}",
                    meeting_end=e.meeting.end_date.isoformat(),
                    positions=e.pending,
                ),
            )
            for e in engagements
        ),
    )


def stale_drafts(now):
    days = settings.REMINDER_DRAFT_DAYS
    engagements = Engagement.objects.filter(
        status=Status.DRAFT, updated_at__lte=now - datetime.timedelta(days=days)
    ).select_related("meeting", "forum", "lead_officer")
    return _send(
        Kind.STALE_DRAFT,
        (
            (e.lead_officer, _engagement_notice(Kind.STALE_DRAFT, e, f"v{e.version}", days=days))
            for e in engagements
        ),
    )


def returned_waiting(now):
    days = settings.REMINDER_RETURNED_DAYS
    last_return = Transition.objects.filter(
        engagement=OuterRef("pk"), to_status=Status.RETURNED
    ).order_by("-at", "-pk")
    engagements = (
        Engagement.objects.filter(status=Status.RETURNED)
        .annotate(
            return_id=Subquery(last_return.values("pk")[:1]),
            returned_at=Subquery(last_return.values("at")[:1]),
            reason=Subquery(last_return.values("reason")[:1]),
        )
        .filter(returned_at__lte=now - datetime.timedelta(days=days))
        .select_related("meeting", "forum", "lead_officer")
    )
    return _send(
        Kind.RETURNED_WAITING,
        (
            (
                e.lead_officer,
                _engagement_notice(
                    Kind.RETURNED_WAITING, e, f"step:{e.return_id}", days=days, reason=e.reason
                ),
            )
            for e in engagements
        ),
    )


def _report_notice(kind, report, period):
    return services.Notice(
        kind=kind,
        record=f"report:{report.pk}",
        period=period,
        url_name="partners:agreement_detail",
        url_args=[report.agreement_id],
        params={
            **{
                key: f"{report.agreement.number} — {value}"
                for key, value in services.labels(report).items()
            },
            "due": report.due_date.isoformat(),
        },
    )


def reports(today):
    pending = ReportingRequirement.objects.filter(received_date__isnull=True).select_related(
        "agreement__responsible_officer"
    )
    due = pending.filter(
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=settings.REMINDER_REPORT_DUE_DAYS),
    )
    overdue = pending.filter(due_date__lt=today, due_date__gte=today - LOOK_BACK)
    return _send(
        Kind.REPORT_DUE,
        ((r.agreement.responsible_officer, _report_notice(Kind.REPORT_DUE, r, "due")) for r in due),
    ) + _send(
        Kind.REPORT_OVERDUE,
        (
            (r.agreement.responsible_officer, _report_notice(Kind.REPORT_OVERDUE, r, "overdue"))
            for r in overdue
        ),
    )


def uncovered_meetings(today):
    meetings = (
        Meeting.objects.filter(
            is_important=True,
            start_date__gte=today,
            start_date__lte=today + datetime.timedelta(days=settings.REMINDER_MEETING_DAYS),
        )
        .filter(~Exists(Engagement.objects.filter(meeting=OuterRef("pk"))))
        .select_related("forum")
    )
    recipients = list(services.managers())
    rows = []
    for meeting in meetings:
        notice = services.Notice(
            kind=Kind.MEETING_UNCOVERED,
            record=f"meeting:{meeting.pk}",
            period="soon",
            url_name="forums:meeting_detail",
            url_args=[meeting.pk],
            params={**services.labels(meeting), "start": meeting.start_date.isoformat()},
        )
        rows += [(manager, notice) for manager in recipients]
    return _send(Kind.MEETING_UNCOVERED, rows)


def events_to_review(today):
    """An event still watched whose review date has passed: once per review date (a new date,
    once passed, reminds again)."""
    events = Event.objects.review_due(today).select_related("followed_by")
    recipients = None
    rows = []
    for event in events:
        notice = services.Notice(
            kind=Kind.EVENT_REVIEW_DUE,
            record=f"event:{event.pk}",
            period=f"review:{event.next_review.isoformat()}",
            url_name="events:detail",
            url_args=[event.pk],
            params={**services.labels(event), "review": event.next_review.isoformat()},
        )
        if event.followed_by is not None:
            rows.append((event.followed_by, notice))
        else:
            if recipients is None:
                recipients = list(services.managers())
            rows += [(manager, notice) for manager in recipients]
    return _send(Kind.EVENT_REVIEW_DUE, rows)


def send_reminders(now=None) -> list:
    """Every kind of reminder, for whoever is due one now (safe to run again at any time)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (
        pending_outcomes(today)
        + stale_drafts(now)
        + returned_waiting(now)
        + reports(today)
        + uncovered_meetings(today)
        + events_to_review(today)
    )
