"""Reads that engagement pages share. Every lookup starts from what the user may see."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from accounts.models import User
from forums.models import Forum, Meeting, OutcomeDocument
from partners.models import ContributionAgreement, Organization

from .models import Engagement, Position, Theme, Transition

Status = Engagement.Status


def _position_count():
    """Positions per engagement as a correlated subquery rather than a JOIN + GROUP BY: the list
    then counts and pages its rows from the (start_date, id) index, and only the rows shown are
    counted (100 000 engagements: a page in tens of milliseconds instead of seconds)."""
    return Coalesce(
        Subquery(
            Position.objects.filter(engagement=OuterRef("pk"))
            .order_by()
            .values("engagement")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        ),
        0,
    )


def engagements_for_list(user):
    """Engagements list and its exports: one query for the rows, one for their themes."""
    return (
        Engagement.objects.visible_to(user)
        .select_related("forum", "meeting", "lead_officer")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name_en")))
        .annotate(position_count=_position_count())
        .order_by("-start_date", "-pk")
    )


def visible_engagement(user, pk) -> Engagement:
    """One engagement the user may see, else 404 (someone else's draft does not exist for them)."""
    return get_object_or_404(Engagement.objects.visible_to(user), pk=pk)


def engagement_for_detail(user, pk) -> Engagement:
    return get_object_or_404(
        Engagement.objects.visible_to(user)
        .select_related(
            "forum",
            "meeting",
            "meeting__forum",
            "lead_officer",
            "created_by",
            "agreement__recipient",
            "agreement__transfer_payment",
        )
        .prefetch_related(
            "partners",
            "delegation",
            "themes",
            Prefetch(
                "positions",
                queryset=Position.objects.select_related(
                    "theme", "outcome_document", "outcome_document__meeting"
                ),
            ),
            Prefetch("evidence", queryset=_evidence_queryset()),
            Prefetch("transitions", queryset=Transition.objects.select_related("actor")),
        ),
        pk=pk,
    )


def _evidence_queryset():
    from .models import Evidence

    return Evidence.objects.select_related("uploaded_by")


def _latest_reason():
    return Subquery(
        Transition.objects.filter(engagement=OuterRef("pk"))
        .order_by("-at", "-pk")
        .values("reason")[:1]
    )


MY_WORK_LIMIT = 50


def my_work(user) -> dict:
    """ "My work": the officer's drafts, returned records (with the latest reason) and records
    awaiting approval — records they lead or wrote. Three queries, whatever the numbers."""

    mine = (
        Engagement.objects.filter(Q(lead_officer=user) | Q(created_by=user))
        .select_related("forum", "meeting")
        .order_by("-updated_at", "-pk")
    )
    counts = mine.order_by().aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        returned=Count("pk", filter=Q(status=Status.RETURNED)),
        submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
    )
    return {
        "counts": counts,
        "limit": MY_WORK_LIMIT,
        "drafts": list(mine.filter(status=Status.DRAFT)[:MY_WORK_LIMIT]),
        "returned": list(
            mine.filter(status=Status.RETURNED).annotate(reason=_latest_reason())[:MY_WORK_LIMIT]
        ),
        "submitted": list(mine.filter(status=Status.SUBMITTED)[:MY_WORK_LIMIT]),
    }


def review_queue():
    """Submitted records, oldest first, with who submitted them (manager review queue)."""
    return (
        Engagement.objects.filter(status=Status.SUBMITTED)
        .select_related("forum", "meeting", "lead_officer")
        .annotate(position_count=_position_count())
        .order_by("updated_at", "pk")
    )


def review_count(request) -> int:
    """The navigation badge: one COUNT on the (status, updated_at) index."""
    if not request.user.has_perm("engagements.approve_engagement"):
        return 0
    return Engagement.objects.filter(status=Status.SUBMITTED).count()


# --- change history ------------------------------------------------------------------------------

_HIDDEN_FIELDS = {"version", "fiscal_year", "created_at", "created_by"}
_M2M = {
    "partners": ("organization", Organization),
    "delegation": ("user", User),
    "themes": ("theme", Theme),
}
_FOREIGN = {
    "forum": Forum,
    "meeting": Meeting,
    "lead_officer": User,
    "agreement": ContributionAgreement,
}


def _label(model, obj) -> str:
    if obj is None:
        return "—"
    if model is User:
        return obj.get_full_name() or obj.username
    if model is Meeting:
        return str(obj.name)
    return str(obj)


def engagement_history(engagement: Engagement) -> list[dict]:
    """Who changed which field from what to what, newest first. Uses simple-history's
    diff_against for the record's own fields; labels of related rows and many-to-many states are
    loaded in bulk, so the page costs the same few queries however long the history is."""
    records = list(
        engagement.history.select_related("history_user").order_by("history_date", "history_id")
    )
    if not records:
        return []
    ids = [record.history_id for record in records]
    m2m_state: dict[str, dict[int, set]] = {}
    wanted: dict[type, set] = {model: set() for model in [*_FOREIGN.values(), Organization, Theme]}
    for name, (column, model) in _M2M.items():
        m2m_model = engagement_history_m2m_model(name)
        state: dict[int, set] = {history_id: set() for history_id in ids}
        for history_id, value in m2m_model.objects.filter(history_id__in=ids).values_list(
            "history_id", f"{column}_id"
        ):
            state[history_id].add(value)
            wanted[model].add(value)
        m2m_state[name] = state
    for record in records:
        for name, model in _FOREIGN.items():
            value = getattr(record, f"{name}_id")
            if value:
                wanted[model].add(value)
    labels = {}
    for model, pks in wanted.items():
        if not pks:
            continue
        queryset = model.objects.filter(pk__in=pks)
        if model is Meeting:
            queryset = queryset.select_related("forum")
        if model is ContributionAgreement:
            queryset = queryset.select_related("recipient")
        labels[model] = {obj.pk: _label(model, obj) for obj in queryset}

    fields = {f.name: f for f in Engagement._meta.get_fields() if hasattr(f, "verbose_name")}
    entries = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=[*_M2M, *_HIDDEN_FIELDS])
            for change in delta.changes:
                changes.append(_describe(fields, change.field, change.old, change.new, labels))
        for name, (_column, model) in _M2M.items():
            old = m2m_state[name][previous.history_id] if previous is not None else set()
            new = m2m_state[name][record.history_id]
            if old != new:
                changes.append(
                    {
                        "field": fields[name].verbose_name,
                        "old": ", ".join(sorted(labels[model].get(pk, str(pk)) for pk in old))
                        or "—",
                        "new": ", ".join(sorted(labels[model].get(pk, str(pk)) for pk in new))
                        or "—",
                    }
                )
        entries.append(
            {
                "record": record,
                "created": record.history_type == "+",
                "user": record.history_user,
                "date": record.history_date,
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
        previous = record
    entries += position_history(engagement)
    # an engagement save that changed none of its own fields is shown only through the position
    # changes it carried
    entries = [
        e for e in entries if e["created"] or e["changes"] or e["reason"] or e.get("subject")
    ]
    entries.sort(key=lambda e: (e["date"], e.get("order", 0)), reverse=True)
    return entries


_POSITION_FIELDS = [
    "text",
    "theme",
    "outcome",
    "outcome_document",
    "outcome_reference",
    "outcome_note",
]


def _raw(record, name):
    return getattr(record, f"{name}_id" if name in ("theme", "outcome_document") else name)


def changes_since(engagement: Engagement, version: int) -> list[dict]:
    """What changed after `version` (the one a stale edit form started from), newest first."""
    entries = engagement_history(engagement)
    newer = [e["date"] for e in entries if not e.get("subject") and e["record"].version > version]
    if not newer:
        return []
    since = min(newer)
    return [
        e
        for e in entries
        if e["date"] >= since and (e.get("subject") or e["record"].version > version)
    ]


def position_history(engagement: Engagement) -> list[dict]:
    """The positions' own history (added, changed, removed), in three queries."""
    history_model = Position.history.model
    records = list(
        history_model.objects.filter(engagement_id=engagement.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    theme_ids = {r.theme_id for r in records if r.theme_id}
    document_ids = {r.outcome_document_id for r in records if r.outcome_document_id}
    themes = {t.pk: str(t.name) for t in Theme.objects.filter(pk__in=theme_ids)}
    documents = {d.pk: str(d) for d in OutcomeDocument.objects.filter(pk__in=document_ids)}
    fields = {f.name: f for f in Position._meta.get_fields() if hasattr(f, "verbose_name")}
    outcomes = dict(Position.Outcome.choices)

    def shown(name, value):
        if value in (None, ""):
            return "—"
        if name == "theme":
            return themes.get(value, str(value))
        if name == "outcome_document":
            return documents.get(value, str(value))
        if name == "outcome":
            return str(outcomes.get(value, value))
        return str(value)

    entries = []
    previous = None
    for record in records:
        if previous is None or previous.id != record.id:
            previous = None
        changes = []
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous, included_fields=_POSITION_FIELDS)
            for change in delta.changes:
                name = change.field
                changes.append(
                    {
                        "field": fields[name].verbose_name,
                        "old": shown(name, change.old),
                        "new": shown(name, change.new),
                    }
                )
        elif record.history_type in ("+", "-"):
            added = record.history_type == "+"
            for name in _POSITION_FIELDS:
                value = _raw(record, name)
                if value in (None, ""):
                    continue
                changes.append(
                    {
                        "field": fields[name].verbose_name,
                        "old": "—" if added else shown(name, value),
                        "new": shown(name, value) if added else "—",
                    }
                )
        if changes:
            entries.append(
                {
                    "record": record,
                    "created": False,
                    "subject": {"+": "added", "~": "changed", "-": "removed"}[record.history_type],
                    "position_text": record.text,
                    "user": record.history_user,
                    "date": record.history_date,
                    "reason": "",
                    "changes": changes,
                    "order": 1,
                }
            )
        previous = record
    return entries


def engagement_history_m2m_model(name: str):
    field = Engagement._meta.get_field(name)
    from .models import engagement_history as records

    return records.m2m_models[field]


def _describe(fields, name, old, new, labels) -> dict:
    field = fields[name]
    if name in _FOREIGN:
        model = _FOREIGN[name]
        shown = [labels.get(model, {}).get(value, "—") if value else "—" for value in (old, new)]
    elif getattr(field, "choices", None):
        choices = dict(field.flatchoices)
        shown = [str(choices.get(value, value)) if value else "—" for value in (old, new)]
    elif name == "country":
        from django_countries import countries

        shown = [
            countries.name(value) if value else "—" for value in (str(old or ""), str(new or ""))
        ]
    else:
        shown = [str(value) if value not in (None, "") else "—" for value in (old, new)]
    return {"field": field.verbose_name, "old": shown[0], "new": shown[1]}


def outcome_documents_of(meeting):
    return (
        OutcomeDocument.objects.filter(meeting=meeting)
        if meeting
        else OutcomeDocument.objects.none()
    )


AGREEMENT_ENGAGEMENTS_LIMIT = 10


def engagements_for_agreement(user, agreement, *, limit=AGREEMENT_ENGAGEMENTS_LIMIT) -> dict:
    """The engagements linked to an agreement that the user may see (agreement detail page): how
    many, and the most recent ones. Two queries, however many are linked."""
    linked = Engagement.objects.visible_to(user).filter(agreement=agreement)
    return {
        "count": linked.count(),
        "rows": list(
            linked.select_related("forum", "meeting", "lead_officer").order_by(
                "-start_date", "-pk"
            )[:limit]
        ),
        "limit": limit,
    }
