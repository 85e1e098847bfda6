"""Writes that touch several agreement rows, each in one transaction, recording who did it.

The admin's inline formsets and these functions share the same checks, so a rule is stated once:
`check_authorities_within_total` (fiscal-year authorities may not add up to more than the
agreement's total) and each model's `full_clean()` (the per-row rules and the database constraints).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.fiscal import FiscalYear
from core.formatting import money

from .models import (
    AgreementAmount,
    ContributionAgreement,
    ReportingRequirement,
    ServiceLine,
    ServiceVolume,
)


@dataclass(frozen=True)
class AmountInput:
    fiscal_year: FiscalYear
    authorized: Decimal
    actual: Decimal | None = None


@dataclass(frozen=True)
class ReportInput:
    kind: str
    due_date: datetime.date
    received_date: datetime.date | None = None
    description: str = ""


def _money(value: Decimal) -> str:
    return money(value)


def check_authorities_within_total(*, total: Decimal | None, authorized: Iterable[Decimal]):
    """Refuse fiscal-year authorities that add up to more than the agreement's total."""
    if total is None:
        return
    added = sum((amount for amount in authorized if amount is not None), Decimal("0"))
    if added > total:
        raise ValidationError(
            {
                "total_amount": _(
                    "The fiscal-year authorized amounts add up to %(sum)s, more than the "
                    "agreement's total amount of %(total)s. Raise the total amount or lower "
                    "the authorized amounts."
                )
                % {"sum": _money(added), "total": _money(total)}
            },
            code="authorities_over_total",
        )


def _stamp(instance, user):
    """Let django-simple-history record who made the change outside a request."""
    if user is not None:
        instance._history_user = user
    return instance


@transaction.atomic
def create_agreement(
    *,
    agreement: ContributionAgreement,
    amounts: Iterable[AmountInput] = (),
    reports: Iterable[ReportInput] = (),
    user=None,
) -> ContributionAgreement:
    """Save a new agreement with its fiscal-year amounts and reports, all or nothing."""
    amounts = list(amounts)
    agreement.full_clean()
    check_authorities_within_total(
        total=agreement.total_amount, authorized=[a.authorized for a in amounts]
    )
    _stamp(agreement, user).save()
    for item in amounts:
        _save_amount(agreement=agreement, item=item, user=user)
    for report in reports:
        row = ReportingRequirement(
            agreement=agreement,
            kind=report.kind,
            description=report.description,
            due_date=report.due_date,
            received_date=report.received_date,
        )
        row.full_clean()
        _stamp(row, user).save()
    return agreement


def _save_amount(*, agreement, item: AmountInput, user, instance=None) -> AgreementAmount:
    row = instance or AgreementAmount(agreement=agreement, fiscal_year=item.fiscal_year.start_year)
    row.authorized = item.authorized
    row.actual = item.actual
    row.full_clean()
    _stamp(row, user).save()
    return row


@transaction.atomic
def set_amount(
    *, agreement: ContributionAgreement, item: AmountInput, user=None
) -> AgreementAmount:
    """Add or change one fiscal year's authorized and actual amounts.

    The agreement row is locked so that two people changing different years cannot together
    push the authorities past the total.
    """
    agreement = ContributionAgreement.objects.select_for_update().get(pk=agreement.pk)
    existing = agreement.amounts.filter(fiscal_year=item.fiscal_year.start_year).first()
    others = agreement.amounts.exclude(fiscal_year=item.fiscal_year.start_year)
    check_authorities_within_total(
        total=agreement.total_amount,
        authorized=[*others.values_list("authorized", flat=True), item.authorized],
    )
    return _save_amount(agreement=agreement, item=item, user=user, instance=existing)


@transaction.atomic
def record_report_received(
    *, report: ReportingRequirement, received_on: datetime.date, user=None
) -> ReportingRequirement:
    """Mark a report as received on a date (not before the agreement began)."""
    report = (
        ReportingRequirement.objects.select_for_update()
        .select_related("agreement")
        .get(pk=report.pk)
    )
    report.received_date = received_on
    report.full_clean()
    _stamp(report, user).save(update_fields=["received_date"])
    return report


# --- Services Canada uses from IOM and UNHCR ---


def save_service_line(*, line: ServiceLine, actor) -> ServiceLine:
    """Create or update a service line; its dates are checked against the volumes it already has
    (under a lock, so a volume recorded meanwhile cannot fall outside them)."""
    with transaction.atomic():
        if line.pk:
            ServiceLine.objects.select_for_update().filter(pk=line.pk).first()
            list(line.volumes.select_for_update())
        line._history_user = actor
        line.full_clean()
        line.save()
        return line


@dataclass(frozen=True)
class VolumeInput:
    fiscal_year: int
    people_served: int | None = None
    sessions: int | None = None
    referrals: int | None = None
    amount: Decimal | None = None
    note: str = ""


def record_volumes(*, line: ServiceLine, data: VolumeInput, actor) -> ServiceVolume:
    """Record (or correct) one fiscal year's volumes of a service line: one row per line and year,
    checked against the line's dates under a lock on the line, one history row with who did it."""
    with transaction.atomic():
        line = ServiceLine.objects.select_for_update().get(pk=line.pk)
        volume = (
            ServiceVolume.objects.select_for_update()
            .filter(service_line=line, fiscal_year=data.fiscal_year)
            .first()
        ) or ServiceVolume(service_line=line, fiscal_year=data.fiscal_year)
        volume.people_served = data.people_served
        volume.sessions = data.sessions
        volume.referrals = data.referrals
        volume.amount = data.amount
        volume.note = data.note
        volume.recorded_by = actor
        volume._history_user = actor
        volume.full_clean()
        volume.save()
        return volume
