"""The summaries the figures read (EngagementTally, PositionTally, PartnerTally), kept exact in the
same transaction as every write that changes them.

Why: at a million engagements the official indicator computed from the records is an aggregate over
two million positions (145 s with nothing cached, benchmarks/RESULTS.md), paid again on the first view
after every approval. The summaries hold, per key (fiscal year, forum, meeting, outcome document or
organization), what the approved records of that key contribute: the dashboards add up a few hundred
rows instead.

How: every record's *contribution* to the summaries is computed by the database from the records
(`_contribution`), with the same rules the figures use (`outcomes_counted_q`, LEADERSHIP_ROLES). A
write reads the contribution of the records it touches before and after, and adds the difference to
the summaries: an UPDATE … SET n = n + d per key, or an INSERT for a key that has no row yet. The differences add up whatever the order of concurrent transactions (each row's update
takes its lock; the services lock the engagement before changing it), so the summaries stay exact
with any number of app servers and task workers: nothing is kept in a process.

- Model signals (save, delete, the partners' many-to-many) cover one record at a time; the before
  state is read in the pre_ signal and kept on the instance, or for a delete cascading to
  positions, each position's own signals take its part away (`_delete_contribution`).
- Writes that send no model signal (bulk inserts, QuerySet.update) send core.signals'
  records_changing / records_written around them (core.signals.writing_records); with no sender,
  records_written rebuilds every summary (seed_demo).
- Data migrations use historical models, which send no signal: one that changes engagements,
  positions or their partners ends with `rebuild(Models.of(apps))`, as 0009 does.

`manage.py verify_figures` compares the summaries with a full recomputation (`differences()`), and
`--repair` rebuilds them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from core import signals as core_signals

from .models import NONE

ENGAGEMENT_COUNTS = ("engagements", "leading")
POSITION_COUNTS = (
    "positions",
    "reflected",
    "partially_reflected",
    "not_reflected",
    "pending",
    "set_late",
    "outcome_known",
    "outcome_reflected",
)
PARTNER_COUNTS = ("engagements",)

ENGAGEMENTS, POSITIONS, PARTNERS = "engagements", "positions", "partners"


@dataclass(frozen=True)
class Models:
    """The models the summaries are computed from and written to: the current ones, or a
    migration's historical ones (`Models.of(apps)`)."""

    Engagement: type
    Position: type
    EngagementTally: type
    PositionTally: type
    PartnerTally: type

    @classmethod
    def of(cls, apps) -> Models:
        return cls(
            Engagement=apps.get_model("engagements", "Engagement"),
            Position=apps.get_model("engagements", "Position"),
            EngagementTally=apps.get_model("indicators", "EngagementTally"),
            PositionTally=apps.get_model("indicators", "PositionTally"),
            PartnerTally=apps.get_model("indicators", "PartnerTally"),
        )

    @classmethod
    def current(cls) -> Models:
        from django.apps import apps

        return cls.of(apps)

    def table(self, part: str):
        return {
            ENGAGEMENTS: self.EngagementTally,
            POSITIONS: self.PositionTally,
            PARTNERS: self.PartnerTally,
        }[part]


KEYS = {
    ENGAGEMENTS: ("fiscal_year", "forum_id", "meeting_id"),
    POSITIONS: ("fiscal_year", "forum_id", "meeting_id", "document_id"),
    PARTNERS: ("fiscal_year", "organization_id"),
}
COUNTS = {ENGAGEMENTS: ENGAGEMENT_COUNTS, POSITIONS: POSITION_COUNTS, PARTNERS: PARTNER_COUNTS}

# A contribution: (part, key, count name) → number. Counters add and subtract.
Contribution = Counter


def _approved():
    from engagements.models import EngagementStatus

    return EngagementStatus.APPROVED


def _engagement_part(m: Models, where: Q) -> Contribution:
    from .calculations import LEADERSHIP_ROLES

    rows = (
        m.Engagement.objects.filter(where, status=_approved())
        .order_by()
        .values("fiscal_year", "forum_id", "meeting_id")
        .annotate(
            n_engagements=Count("pk"),
            n_leading=Count("pk", filter=Q(leadership_role__in=LEADERSHIP_ROLES)),
        )
    )
    result = Contribution()
    for row in rows:
        key = (row["fiscal_year"], row["forum_id"] or NONE, row["meeting_id"] or NONE)
        for name in ENGAGEMENT_COUNTS:
            result[(ENGAGEMENTS, key, name)] += row[f"n_{name}"]
    return result


def _position_part(m: Models, where: Q) -> Contribution:
    from engagements.models import OUTCOMES_COUNTED, PositionOutcome

    counted = Q(engagement__outcome_step__in=OUTCOMES_COUNTED)  # the engagement is approved
    rows = (
        m.Position.objects.filter(where, engagement__status=_approved())
        .order_by()
        .values(
            fy=F("engagement__fiscal_year"),
            forum=F("engagement__forum_id"),
            meeting=F("engagement__meeting_id"),
            document=F("outcome_document_id"),
        )
        .annotate(
            n_positions=Count("pk"),
            n_reflected=Count("pk", filter=counted & Q(outcome=PositionOutcome.REFLECTED)),
            n_partially_reflected=Count(
                "pk", filter=counted & Q(outcome=PositionOutcome.PARTIALLY_REFLECTED)
            ),
            n_not_reflected=Count("pk", filter=counted & Q(outcome=PositionOutcome.NOT_REFLECTED)),
            n_pending=Count("pk", filter=~counted | Q(outcome=PositionOutcome.PENDING)),
            n_set_late=Count("pk", filter=Q(set_late=True)),
            n_outcome_known=Count("pk", filter=~Q(outcome=PositionOutcome.PENDING)),
            n_outcome_reflected=Count("pk", filter=Q(outcome=PositionOutcome.REFLECTED)),
        )
    )
    result = Contribution()
    for row in rows:
        key = (row["fy"], row["forum"] or NONE, row["meeting"] or NONE, row["document"] or NONE)
        for name in POSITION_COUNTS:
            result[(POSITIONS, key, name)] += row[f"n_{name}"]
    return result


def _partner_part(m: Models, where: Q) -> Contribution:
    through = m.Engagement.partners.through
    engagement_where = Q(engagement__status=_approved()) & _prefixed(where, "engagement__")
    rows = (
        through.objects.filter(engagement_where)
        .order_by()
        .values(fy=F("engagement__fiscal_year"), org=F("organization_id"))
        .annotate(n=Count("pk"))
    )
    result = Contribution()
    for row in rows:
        result[(PARTNERS, (row["fy"], row["org"]), "engagements")] += row["n"]
    return result


def _prefixed(where: Q, prefix: str) -> Q:
    """`where` (a Q on engagements) read from a model that points to the engagement."""
    prefixed = Q()
    prefixed.connector, prefixed.negated = where.connector, where.negated
    for child in where.children:
        if isinstance(child, Q):
            prefixed.children.append(_prefixed(child, prefix))
        else:
            lookup, value = child
            prefixed.children.append((prefix + ("pk" if lookup == "pk" else lookup), value))
    return prefixed


def _contribution(m: Models, where: Q, parts=(ENGAGEMENTS, POSITIONS, PARTNERS)) -> Contribution:
    """What the engagements matching `where` (a Q on engagements) contribute to the summaries."""
    result = Contribution()
    if ENGAGEMENTS in parts:
        result += _engagement_part(m, where)
    if POSITIONS in parts:
        result += _position_part(m, _prefixed(where, "engagement__"))
    if PARTNERS in parts:
        result += _partner_part(m, where)
    return result


def _of_engagements(ids, parts=(ENGAGEMENTS, POSITIONS, PARTNERS)) -> Contribution:
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return Contribution()
    m = Models.current()
    if not m.Engagement.objects.filter(pk__in=ids, status=_approved()).exists():
        return Contribution()
    return _contribution(m, Q(pk__in=ids), parts)


def _of_positions(ids) -> Contribution:
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return Contribution()
    return _position_part(Models.current(), Q(pk__in=ids))


# --- writing the differences ---------------------------------------------------------------------


def apply(before: Contribution, after: Contribution) -> None:
    """Adds `after - before` to the summaries, in the caller's transaction."""
    change = Counter(after)
    change.subtract(before)
    rows: dict[tuple, dict[str, int]] = {}
    for (part, key, name), n in change.items():
        if n:
            rows.setdefault((part, key), {})[name] = n
    if not rows:
        return
    m = Models.current()
    with transaction.atomic():
        # sorted, so that two transactions touching the same rows take their locks in one order
        for part, key in sorted(rows):
            _add(m, part, key, rows[(part, key)])


def _add(m: Models, part, key, counts) -> None:
    """Adds the counts to the key's row: an UPDATE … SET n = n + d (the row's lock makes
    concurrent additions add up), or the row itself when the key has none yet."""
    table = m.table(part)
    where = dict(zip(KEYS[part], key, strict=True))
    additions = {name: F(name) + n for name, n in counts.items()}
    if table.objects.filter(**where).update(**additions):
        return
    if min(counts.values()) < 0:
        raise OutOfStep(part, key)
    try:
        with transaction.atomic():
            table.objects.create(**where, **counts)
    except IntegrityError:
        # another transaction created the row since the UPDATE: add to it
        if not table.objects.filter(**where).update(**additions):
            raise OutOfStep(part, key) from None


class OutOfStep(RuntimeError):
    """A summary row that should exist (a record it counted is changing) does not: the summaries
    were written around (a bulk write that did not say so). `verify_figures --repair` rebuilds."""

    def __init__(self, part, key):
        super().__init__(f"the {part} summary has no row {key}; run manage.py verify_figures")


# --- full recomputation ------------------------------------------------------------------------


def recomputed(m: Models | None = None) -> Contribution:
    """Every summary computed afresh from the records."""
    return _contribution(m or Models.current(), Q())


def stored(m: Models | None = None) -> Contribution:
    """The summaries as stored (rows whose counts are all zero left out)."""
    m = m or Models.current()
    result = Contribution()
    for part in (ENGAGEMENTS, POSITIONS, PARTNERS):
        for row in m.table(part).objects.values(*KEYS[part], *COUNTS[part]).iterator():
            key = tuple(row[column] for column in KEYS[part])
            for name in COUNTS[part]:
                if row[name]:
                    result[(part, key, name)] = row[name]
    return result


def differences(m: Models | None = None) -> list[tuple]:
    """(part, key, count, stored, recomputed) for every count where the summaries and the records
    disagree: none, when the summaries are exact."""
    have, want = stored(m), recomputed(m)
    return sorted(
        (part, key, name, have.get((part, key, name), 0), want.get((part, key, name), 0))
        for part, key, name in set(have) | set(want)
        if have.get((part, key, name), 0) != want.get((part, key, name), 0)
    )


def rebuild(m: Models | None = None) -> None:
    """Replaces every summary with one computed afresh from the records, in one transaction (on
    PostgreSQL the summaries are locked against concurrent writes meanwhile)."""
    m = m or Models.current()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            tables = ", ".join(
                connection.ops.quote_name(m.table(part)._meta.db_table)
                for part in (ENGAGEMENTS, POSITIONS, PARTNERS)
            )
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        wanted = recomputed(m)
        rows: dict[tuple, dict[str, int]] = {}
        for (part, key, name), n in wanted.items():
            rows.setdefault((part, key), {})[name] = n
        for part in (ENGAGEMENTS, POSITIONS, PARTNERS):
            table = m.table(part)
            table.objects.all().delete()
            table.objects.bulk_create(
                [
                    table(**dict(zip(KEYS[part], key, strict=True)), **counts)
                    for (row_part, key), counts in sorted(rows.items())
                    if row_part == part
                ],
                batch_size=1000,
            )


# --- the signals ---------------------------------------------------------------------------------

BEFORE = "_tally_before"


def _engagement_pre_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    setattr(instance, BEFORE, _of_engagements([instance.pk]) if instance.pk else Contribution())


def _engagement_post_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, BEFORE, Contribution())
    after = _of_engagements([instance.pk]) if instance.status == _approved() else Contribution()
    apply(before, after)
    setattr(instance, BEFORE, after)


def _engagement_pre_delete(sender, instance, **kwargs):
    # its positions are deleted first, each taking its own part away (their signals): here only
    # the engagement's own row and its partners
    setattr(instance, BEFORE, _of_engagements([instance.pk], parts=(ENGAGEMENTS, PARTNERS)))


def _engagement_post_delete(sender, instance, **kwargs):
    apply(getattr(instance, BEFORE, Contribution()), Contribution())


def _position_pre_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    setattr(instance, BEFORE, _of_positions([instance.pk]) if instance.pk else Contribution())


def _position_post_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    after = _of_positions([instance.pk])
    apply(getattr(instance, BEFORE, Contribution()), after)
    setattr(instance, BEFORE, after)


def _position_pre_delete(sender, instance, **kwargs):
    setattr(instance, BEFORE, _of_positions([instance.pk]))


def _position_post_delete(sender, instance, **kwargs):
    apply(getattr(instance, BEFORE, Contribution()), Contribution())


def _partners_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """The partners of approved engagements changed (from either side of the relation)."""
    if action not in (
        "pre_add",
        "pre_remove",
        "pre_clear",
        "post_add",
        "post_remove",
        "post_clear",
    ):
        return
    if not reverse:
        ids = [instance.pk]
    elif action == "pre_clear":
        ids = list(instance.engagements.values_list("pk", flat=True))
        instance._tally_cleared = ids
    elif action == "post_clear":
        ids = getattr(instance, "_tally_cleared", [])
    else:
        ids = sorted(pk_set or [])
    if action.startswith("pre_"):
        setattr(instance, BEFORE, _of_engagements(ids, parts=(PARTNERS,)))
    else:
        apply(getattr(instance, BEFORE, Contribution()), _of_engagements(ids, parts=(PARTNERS,)))


# records written without model signals, around which the writer sent records_changing and
# records_written (core.signals.writing_records): their contribution before, per model and ids
_changing: dict[tuple, list[Contribution]] = {}


def _records_changing(sender, pks=None, **kwargs):
    from engagements.models import Engagement

    if sender is Engagement and pks is not None:
        _changing.setdefault((sender, tuple(pks)), []).append(_of_engagements(pks))


def _records_written(sender, pks=None, **kwargs):
    from engagements.models import Engagement

    if sender is None or pks is None:
        rebuild()
    elif sender is Engagement:
        stack = _changing.get((sender, tuple(pks)))
        before = stack.pop() if stack else Contribution()
        if stack == []:
            del _changing[(sender, tuple(pks))]
        apply(before, _of_engagements(pks))


def connect() -> None:
    from engagements.models import Engagement, Position

    uid = "indicators.tallies"
    pre_save.connect(_engagement_pre_save, sender=Engagement, dispatch_uid=f"{uid}.e1")
    post_save.connect(_engagement_post_save, sender=Engagement, dispatch_uid=f"{uid}.e2")
    pre_delete.connect(_engagement_pre_delete, sender=Engagement, dispatch_uid=f"{uid}.e3")
    post_delete.connect(_engagement_post_delete, sender=Engagement, dispatch_uid=f"{uid}.e4")
    pre_save.connect(_position_pre_save, sender=Position, dispatch_uid=f"{uid}.p1")
    post_save.connect(_position_post_save, sender=Position, dispatch_uid=f"{uid}.p2")
    pre_delete.connect(_position_pre_delete, sender=Position, dispatch_uid=f"{uid}.p3")
    post_delete.connect(_position_post_delete, sender=Position, dispatch_uid=f"{uid}.p4")
    m2m_changed.connect(
        _partners_changed, sender=Engagement.partners.through, dispatch_uid=f"{uid}.m"
    )
    core_signals.records_changing.connect(_records_changing, dispatch_uid=f"{uid}.r1")
    core_signals.records_written.connect(_records_written, dispatch_uid=f"{uid}.r2")
