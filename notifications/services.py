"""Writes on notifications. Events are recorded in the same transaction as the workflow action that
caused them (engagements/services.py, indicators/services.py); their e-mails are enqueued for the
task worker once that transaction commits, so a failing mail server never fails the action."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from accounts.roles import MANAGERS
from core.fiscal import FiscalYear
from engagements.models import Engagement

from . import tasks  # the module (it imports this one): its tasks are looked up when used
from .models import REMINDER_KINDS, Kind, Notification, ReminderOptOut

User = get_user_model()


@dataclass
class Notice:
    """One thing to tell: to whom, what, about which record, for which occurrence."""

    kind: str
    record: str
    period: str
    url_name: str
    url_args: list = field(default_factory=list)
    params: dict = field(default_factory=dict)
    engagement: object = None
    actor: object = None


def labels(obj) -> dict:
    """A record's label in both languages (str() follows the active language)."""
    result = {}
    for language in ("en", "fr"):
        with translation.override(language):
            result[f"label_{language}"] = str(obj)
    return result


def managers():
    return User.objects.filter(groups__name=MANAGERS, is_active=True).distinct()


def notify(recipients: Iterable, notice: Notice) -> list[Notification]:
    """Create the notice's notification for each recipient who does not have it yet (the unique
    constraint decides), and enqueue their e-mails once the transaction commits."""
    created = []
    with transaction.atomic():
        for recipient in recipients:
            notification, is_new = Notification.objects.get_or_create(
                recipient=recipient,
                kind=notice.kind,
                record=notice.record,
                period=notice.period,
                defaults={
                    "engagement": notice.engagement,
                    "actor": notice.actor,
                    "url_name": notice.url_name,
                    "url_args": notice.url_args,
                    "params": notice.params,
                    "email_status": (
                        Notification.EmailStatus.PENDING
                        if recipient.email
                        else Notification.EmailStatus.SKIPPED
                    ),
                },
            )
            if is_new:
                created.append(notification)
        recount_unread([n.recipient_id for n in created])
    for notification in created:
        if notification.email_status == Notification.EmailStatus.PENDING:
            transaction.on_commit(
                partial(tasks.send_notification_email.enqueue, notification.pk), robust=True
            )
    return created


def recount_unread(user_ids: Iterable[int]) -> None:
    """Set each user's unread count from their notifications (exact, whatever happened before)."""
    ids = set(user_ids)
    if not ids:
        return
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    User.objects.filter(pk__in=ids).update(unread_notifications=Coalesce(Subquery(unread), 0))


@transaction.atomic
def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when no ids are given)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    changed = qs.update(read_at=timezone.now())
    recount_unread([user.pk])
    return changed


@transaction.atomic
def save_preferences(*, user, preferred_language: str, reminders_on: Iterable[str]) -> None:
    """The profile page: the language of the user's notifications, and which reminders they get."""
    user.preferred_language = preferred_language
    user.full_clean(validate_unique=False)
    user._history_user = user
    user.save(update_fields=["preferred_language"])
    wanted_off = {k.value for k in REMINDER_KINDS} - set(reminders_on)
    ReminderOptOut.objects.filter(user=user).exclude(kind__in=wanted_off).delete()
    existing = set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))
    for kind in sorted(wanted_off - existing):
        opt_out = ReminderOptOut(user=user, kind=kind)
        opt_out.full_clean()
        opt_out.save()


# --- events --------------------------------------------------------------------------------------


def engagement_transition(*, transition) -> list[Notification]:
    """Who hears of one workflow step (engagements.services._transition calls this):
    submitted → the program managers (not the author); resubmitted → the manager who returned it;
    returned → the author, with the reason; approved and reopened → the author."""
    Status = Engagement.Status
    engagement = transition.engagement
    actor = transition.actor
    # a mandate's outcomes have their own steps: the same kinds, their messages say "outcomes"
    outcomes = transition.step == transition.Step.OUTCOMES
    authors = User.objects.filter(
        pk__in={engagement.lead_officer_id, engagement.created_by_id}, is_active=True
    ).exclude(pk=actor.pk)
    params = {**labels(engagement), "actor": str(actor)}
    if outcomes:
        params["step"] = transition.Step.OUTCOMES
    recipients: Iterable
    if transition.to_status == Status.SUBMITTED:
        returned_by = None
        if transition.from_status == Status.RETURNED:
            last_return = (
                engagement.transitions.filter(
                    step=transition.step, to_status=Status.RETURNED, at__lte=transition.at
                )
                .exclude(pk=transition.pk)
                .select_related("actor")
                .order_by("-at", "-pk")
                .first()
            )
            returned_by = last_return.actor if last_return else None
        if returned_by is not None and returned_by.is_active and returned_by != actor:
            kind, recipients = Kind.RESUBMITTED, [returned_by]
            if transition.reason:
                params["answer"] = transition.reason  # the author's answer to the return
        else:
            author_ids = {engagement.lead_officer_id, engagement.created_by_id}
            kind, recipients = Kind.SUBMITTED, managers().exclude(pk__in=author_ids)
    elif transition.to_status == Status.APPROVED:
        kind, recipients = Kind.APPROVED, authors
        if transition.reason:
            params["reason"] = transition.reason
    elif transition.to_status == Status.RETURNED:
        kind = Kind.RETURNED if transition.from_status == Status.SUBMITTED else Kind.REOPENED
        recipients = authors
        params["reason"] = transition.reason
    else:
        return []
    return notify(
        recipients,
        Notice(
            kind=kind,
            record=f"engagement:{engagement.pk}",
            period=f"step:{transition.pk}",
            url_name="engagements:detail",
            url_args=[engagement.pk],
            params=params,
            engagement=engagement,
            actor=actor,
        ),
    )


def result_recorded(*, result, actor, revised: bool = False) -> list[Notification]:
    """A result recorded or revised → the other program managers."""
    when = timezone.now()
    return notify(
        managers().exclude(pk=actor.pk),
        Notice(
            kind=Kind.RESULT_REVISED if revised else Kind.RESULT_RECORDED,
            record=f"result:{result.pk}",
            period=f"revised:{when.isoformat()}" if revised else "recorded",
            url_name="indicators:indicator_year",
            url_args=[result.indicator.code, FiscalYear(result.fiscal_year).slug],
            params={**labels(result.indicator), "actor": str(actor), "year": result.fiscal_year},
            actor=actor,
        ),
    )
