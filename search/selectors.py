"""The portal-wide search: which kinds of records it looks in, who may see each, and the search.

Each kind starts from what the reader may see in that kind's own list (the same permission, the
same visibility: `Engagement.objects.visible_to` for engagements, whose drafts are their
author's), so a record the reader could not open is neither shown nor counted.

Counts are bounded: at most COUNT_LIMIT matches are read per kind ("more than 1 000" beyond),
and the first page is ranked among them, so a common word costs what a rare one does.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from engagements.models import Engagement, Position
from events.models import Event
from forums.models import Forum, Meeting, OutcomeDocument
from partners.models import ContributionAgreement, Organization, ServiceLine

from . import documents, text

COUNT_LIMIT = 1000  # matches counted per kind; beyond, "more than 1 000"
RELATED_LIMIT = 200  # forums, meetings, officers whose engagements a query reaches
GROUP_SIZE = 5  # results per kind on the grouped page
PAGE_SIZE = 20  # results per page of one kind


SERVICE_FIELDS = (
    "name_en",
    "name_fr",
    "description_en",
    "description_fr",
    "program_en",
    "program_fr",
)


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any  # a lazy translation
    permission: str
    model: Any  # the model class (any of the searched ones)
    fields: tuple[str, ...]
    visible: Callable[[Any], QuerySet]
    order: tuple[str, ...] = ("pk",)
    select_related: tuple[str, ...] = ()
    prefetch: tuple = ()
    snippet_texts: Callable[[Any], list] = field(default=lambda obj: [])


def _engagements(user):
    return Engagement.objects.visible_to(user)


def _all(model):
    # these lists show every record to whoever holds the list's view permission
    return lambda user: model.objects.all()


def _engagement_texts(engagement):
    texts = [engagement.summary, engagement.city]
    for position in engagement.positions.all():
        texts += [position.text, position.outcome_note]
    return texts


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        Kind(
            key="engagements",
            label=_("Engagements"),
            permission="engagements.view_engagement",
            model=Engagement,
            fields=("summary", "city"),
            visible=_engagements,
            order=("-start_date", "-pk"),
            select_related=("forum", "meeting", "meeting__forum", "lead_officer"),
            prefetch=(
                Prefetch(
                    "positions",
                    queryset=Position.objects.only(
                        "engagement_id", "text", "outcome_note", "sort_order"
                    ),
                ),
            ),
            snippet_texts=_engagement_texts,
        ),
        Kind(
            key="meetings",
            label=_("Meetings"),
            permission="forums.view_meeting",
            model=Meeting,
            fields=("name_en", "name_fr", "city", "city_fr", "chair"),
            visible=_all(Meeting),
            order=("-start_date", "-pk"),
            select_related=("forum",),
            snippet_texts=lambda m: [m.name_en, m.name_fr, m.city, m.city_fr, m.chair],
        ),
        Kind(
            key="documents",
            label=_("Outcome documents"),
            permission="forums.view_outcomedocument",
            model=OutcomeDocument,
            fields=("title_en", "title_fr", "reference"),
            visible=_all(OutcomeDocument),
            order=("-meeting__start_date", "-pk"),
            select_related=("meeting", "meeting__forum"),
            snippet_texts=lambda d: [d.title_en, d.title_fr, d.reference],
        ),
        Kind(
            key="forums",
            label=_("Forums"),
            permission="forums.view_forum",
            model=Forum,
            fields=("acronym_en", "acronym_fr", "name_en", "name_fr"),
            visible=_all(Forum),
            order=("acronym_en", "pk"),
            snippet_texts=lambda f: [f.name_en, f.name_fr, f.acronym_en, f.acronym_fr],
        ),
        Kind(
            key="organizations",
            label=_("Organizations"),
            permission="partners.view_organization",
            model=Organization,
            fields=("acronym_en", "acronym_fr", "name_en", "name_fr"),
            visible=_all(Organization),
            order=("acronym_en", "pk"),
            snippet_texts=lambda o: [o.name_en, o.name_fr, o.acronym_en, o.acronym_fr],
        ),
        Kind(
            key="agreements",
            label=_("Contribution agreements"),
            permission="partners.view_contributionagreement",
            model=ContributionAgreement,
            fields=(
                "number",
                "recipient_other_en",
                "recipient_other_fr",
                "purpose_en",
                "purpose_fr",
            ),
            visible=_all(ContributionAgreement),
            order=("-start_date", "-pk"),
            select_related=("recipient",),
            snippet_texts=lambda a: [a.purpose_en, a.purpose_fr, a.number, a.recipient_other_en],
        ),
        Kind(
            key="events",
            label=_("International events"),
            permission="events.view_event",
            model=Event,
            fields=("title_en", "title_fr", "summary_en", "summary_fr"),
            visible=_all(Event),
            order=("-start_date", "pk"),
            snippet_texts=lambda e: [e.title_en, e.title_fr, e.summary_en, e.summary_fr],
        ),
        Kind(
            key="services",
            label=_("Services from IOM and UNHCR"),
            permission="partners.view_serviceline",
            model=ServiceLine,
            fields=SERVICE_FIELDS,
            visible=_all(ServiceLine),
            order=("name_en", "pk"),
            select_related=("partner",),
            snippet_texts=lambda s: [
                s.name_en,
                s.name_fr,
                s.description_en,
                s.description_fr,
                s.program_en,
                s.program_fr,
            ],
        ),
    ]
}


def kinds_for(user) -> list[Kind]:
    return [kind for kind in KINDS.values() if user.has_perm(kind.permission)]


def _related_ids(model, fields, terms, limit):
    qs = model.objects.annotate(document=documents.document(*fields)).filter(
        documents.matches(terms)
    )
    return list(qs.order_by().values_list("pk", flat=True)[:limit])


def _conditions(kind: Kind, terms: list[str]) -> list[Q]:
    """The match on the record's own text, and for engagements on what they are found through:
    their positions (text, outcome note), their lead officer's name, and their forum and meeting
    by name in either language (the reference data's both versions). Each condition is read on
    its own (its own index: one OR across them would make PostgreSQL scan the table)."""
    conditions = [documents.matches(terms)]
    if kind.key == "engagements":
        position_engagements = (
            Position.objects.annotate(document=documents.document("text", "outcome_note"))
            .filter(documents.matches(terms))
            .order_by()
            .values_list("engagement_id", flat=True)[: COUNT_LIMIT + 1]
        )
        user_model = get_user_model()
        officers = _related_ids(
            user_model, ("first_name", "last_name", "username"), terms, RELATED_LIMIT
        )
        forums = _related_ids(Forum, KINDS["forums"].fields, terms, RELATED_LIMIT)
        meetings = _related_ids(Meeting, KINDS["meetings"].fields, terms, RELATED_LIMIT)
        positions = list(position_engagements)
        if positions:
            conditions.append(Q(pk__in=positions))
        if officers:
            conditions.append(Q(lead_officer_id__in=officers))
        if forums:
            conditions.append(Q(forum_id__in=forums))
        if meetings:
            conditions.append(Q(meeting_id__in=meetings))
    return conditions


@dataclass
class Group:
    kind: Kind
    count: int  # at most COUNT_LIMIT + 1
    results: list

    @property
    def more_than_limit(self) -> bool:
        return self.count > COUNT_LIMIT

    @property
    def limit(self) -> int:
        return COUNT_LIMIT


@dataclass
class Result:
    record: Model
    url: str
    title: str
    snippet: object


def search_kind(kind: Kind, user, terms: list[str], *, offset: int, size: int) -> Group:
    """One kind's matches the user may see: their bounded count, and `size` of them from `offset`
    ranked (best first, then the list's own order). Two queries, plus the look-ups of related
    records for engagements, whatever the number of matches."""
    visible = kind.visible(user).annotate(document=documents.document(*kind.fields))
    candidates: list[int] = []
    seen: set[int] = set()
    for condition in _conditions(kind, terms):
        if len(candidates) > COUNT_LIMIT:
            break
        for pk in (
            visible.filter(condition).order_by().values_list("pk", flat=True)[: COUNT_LIMIT + 1]
        ):
            if pk not in seen:
                seen.add(pk)
                candidates.append(pk)
    candidates = candidates[: COUNT_LIMIT + 1]
    results = []
    if candidates and offset < min(len(candidates), COUNT_LIMIT):
        rows = (
            kind.model.objects.filter(pk__in=candidates[:COUNT_LIMIT])
            .annotate(document=documents.document(*kind.fields))
            .annotate(rank=documents.rank(terms))
            .select_related(*kind.select_related)
            .prefetch_related(*kind.prefetch)
            .order_by("-rank", *kind.order)[offset : offset + size]
        )
        results = [
            Result(
                record=row,
                url=row.get_absolute_url()
                if hasattr(row, "get_absolute_url")
                else row.meeting.get_absolute_url(),
                title=str(row),
                snippet=text.snippet(kind.snippet_texts(row), terms),
            )
            for row in rows
        ]
    return Group(kind=kind, count=len(candidates), results=results)


def search(user, query: str, *, kind: str | None = None, page: int = 1) -> list[Group]:
    terms = text.terms(query)
    if not terms:
        return []
    kinds = [k for k in kinds_for(user) if kind is None or k.key == kind]
    if kind is not None:
        return [
            search_kind(k, user, terms, offset=(page - 1) * PAGE_SIZE, size=PAGE_SIZE)
            for k in kinds
        ]
    return [search_kind(k, user, terms, offset=0, size=GROUP_SIZE) for k in kinds]
