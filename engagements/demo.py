"""Demo engagements: a realistic spread over the forums and meetings that exist, fiscal years 2012-13
onward, every status and outcome, 1–4 positions each aimed at the meetings' outcome documents.

`seed_demo --engagements N` tops the demo up to N engagements (running it twice adds nothing).
Everything is written with bulk inserts: 100 000 engagements take well under a minute on SQLite.
"""

import datetime
import time

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from accounts.roles import MANAGERS, OFFICERS
from core.fiscal import FiscalYear
from forums.models import Forum, Meeting, OutcomeDocument
from partners.models import Organization

from .models import Engagement, Position, Theme, Transition

BATCH = 5000
FIRST_DAY = datetime.date(2012, 4, 1)

Kind = Engagement.Kind
Status = Engagement.Status
Outcome = Position.Outcome

SUMMARIES = {
    "en": [
        "Canada delivered a statement on {theme} and worked with like-minded states on the draft text.",
        "The delegation met the secretariat before the session and raised Canada's priorities on {theme}.",
        "Canada co-sponsored language on {theme}; most of our amendments were kept in the final text.",
        "Officials briefed partners on Canada's approach to {theme} and answered questions on the program.",
        "Canada intervened twice in plenary on {theme} and held side meetings with three delegations.",
    ],
    "fr": [
        "Le Canada a prononcé une déclaration sur le thème « {theme} » et a travaillé le projet de texte avec des États aux vues similaires.",
        "La délégation a rencontré le secrétariat avant la session pour faire valoir les priorités du Canada ({theme}).",
        "Le Canada a coparrainé un libellé sur le thème « {theme} »; la plupart de nos amendements figurent au texte final.",
        "Les fonctionnaires ont présenté l'approche du Canada ({theme}) aux partenaires et répondu à leurs questions.",
    ],
}

POSITIONS = {
    "en": [
        "Canada supports predictable, multi-year funding for {theme}.",
        "Canada calls for stronger burden- and responsibility-sharing on {theme}.",
        "Canada encourages states to collect and share data on {theme}.",
        "Canada proposes that the conclusion recognize the role of civil society in {theme}.",
        "Canada asks that the report reflect gender-based analysis on {theme}.",
    ],
    "fr": [
        "Le Canada appuie un financement prévisible et pluriannuel ({theme}).",
        "Le Canada demande un meilleur partage des charges et des responsabilités ({theme}).",
        "Le Canada encourage les États à recueillir et à échanger des données ({theme}).",
        "Le Canada propose que la conclusion reconnaisse le rôle de la société civile ({theme}).",
    ],
}

RETURN_REASONS = [
    "Please add the paragraph of the conclusion that reflects our position.",
    "The meeting dates do not match the session: please check them.",
    "Add the delegation members and the evidence (our statement).",
    "Veuillez préciser le résultat de la deuxième position.",
]

NOTES = [
    "",
    "",
    "Language close to our proposal.",
    "Our wording was softened in the final text.",
    "Not retained: consensus could not be reached.",
]


def seed(*, rng, engagements, stdout):
    started = time.monotonic()
    existing = Engagement.objects.count()
    wanted = max(int(engagements or 0), 0)
    if existing >= wanted:
        stdout.write(f"Engagements: {existing} already there (wanted {wanted}); nothing added.")
        return
    officers = list(User.objects.filter(groups__name=OFFICERS).order_by("pk"))
    managers = list(User.objects.filter(groups__name=MANAGERS).order_by("pk"))
    themes = list(Theme.objects.filter(is_active=True).order_by("pk"))
    if not officers or not managers or not themes:
        stdout.write("Engagements: no officer, manager or theme yet; skipped.")
        return
    created = _create(
        rng=rng,
        count=wanted - existing,
        officers=officers,
        managers=managers,
        themes=themes,
    )
    seconds = time.monotonic() - started
    stdout.write(f"Engagements: {created} created in {seconds:.1f} s (total {existing + created}).")


def _random_day(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _status(rng, start: datetime.date, today: datetime.date) -> str:
    age = (today - start).days
    roll = rng.random()
    if age > 365:
        choices = [(0.90, Status.APPROVED), (0.94, Status.SUBMITTED), (0.97, Status.RETURNED)]
    else:
        choices = [(0.45, Status.APPROVED), (0.70, Status.SUBMITTED), (0.82, Status.RETURNED)]
    for threshold, status in choices:
        if roll < threshold:
            return status
    return Status.DRAFT


def _outcome(rng, has_document: bool) -> str:
    if not has_document:
        return Outcome.PENDING
    roll = rng.random()
    if roll < 0.64:
        return Outcome.REFLECTED
    if roll < 0.84:
        return Outcome.PARTIALLY_REFLECTED
    if roll < 0.94:
        return Outcome.NOT_REFLECTED
    return Outcome.PENDING


def _create(*, rng, count, officers, managers, themes) -> int:
    today = timezone.localdate()
    now = timezone.now()
    meetings = list(Meeting.objects.select_related("forum").order_by("pk"))
    forums = list(Forum.objects.filter(is_active=True).order_by("pk"))
    documents: dict[int, list[int]] = {}
    for meeting_id, document_id in OutcomeDocument.objects.values_list("meeting_id", "pk"):
        documents.setdefault(meeting_id, []).append(document_id)
    governments = list(
        Organization.objects.filter(kind=Organization.Kind.FOREIGN_GOVERNMENT).values_list(
            "pk", flat=True
        )
    )
    organizations = list(Organization.objects.values_list("pk", flat=True))
    # prefer meetings identified as important, as officers do
    weighted_meetings = [m for m in meetings for _ in range(3 if m.is_important else 1)]

    rows = []
    plans = []  # per engagement: (themes, partners, delegation, position count, language)
    for _index in range(count):
        roll = rng.random()
        meeting = None
        forum = None
        if weighted_meetings and roll < 0.72:
            meeting = rng.choice(weighted_meetings)
            forum = meeting.forum
            kind = rng.choices(
                [Kind.MEETING, Kind.STATEMENT, Kind.LEADERSHIP, Kind.INFORMATION_SHARING],
                weights=[50, 32, 10, 8],
            )[0]
            start, end = meeting.start_date, meeting.end_date
            city, country = meeting.city, str(meeting.country or "")
        else:
            kind = rng.choices(
                [Kind.BILATERAL, Kind.TECHNICAL_ASSISTANCE, Kind.INFORMATION_SHARING],
                weights=[55, 25, 20],
            )[0]
            if kind != Kind.BILATERAL and forums:
                forum = rng.choice(forums)
            elif kind != Kind.BILATERAL:
                kind = Kind.BILATERAL
            start = _random_day(rng, FIRST_DAY, today)
            end = start + datetime.timedelta(days=rng.choice([0, 0, 1, 2]))
            city, country = rng.choice(
                [
                    ("Ottawa", "CA"),
                    ("Washington", "US"),
                    ("London", "GB"),
                    ("Canberra", "AU"),
                    ("Mexico City", "MX"),
                    ("Geneva", "CH"),
                    ("Stockholm", "SE"),
                    ("Wellington", "NZ"),
                ]
            )
        lead = rng.choice(officers)
        status = _status(rng, start, today)
        language = "fr" if rng.random() < 0.3 else "en"
        chosen_themes = rng.sample(themes, rng.choice([1, 1, 2, 2, 3]))
        theme_name = chosen_themes[0].name_fr if language == "fr" else chosen_themes[0].name_en
        created_at = timezone.make_aware(
            datetime.datetime.combine(
                min(end + datetime.timedelta(days=rng.randrange(1, 20)), today), datetime.time(10)
            )
        )
        rows.append(
            Engagement(
                kind=kind,
                leadership_role=rng.choice(
                    ["chair", "co_chair", "vice_chair", "rapporteur", "host"]
                )
                if kind == Kind.LEADERSHIP
                else "none",
                forum=forum,
                meeting=meeting,
                start_date=start,
                end_date=end,
                fiscal_year=FiscalYear.from_date(start).start_year,
                city=city,
                country=country,
                lead_officer=lead,
                summary=rng.choice(SUMMARIES[language]).format(theme=theme_name.lower()),
                language=language,
                status=status,
                version=1,
                created_by=lead,
                created_at=min(created_at, now),
            )
        )
        partners = []
        if kind == Kind.BILATERAL and governments:
            partners = rng.sample(governments, min(len(governments), rng.choice([1, 1, 2])))
        elif organizations and rng.random() < 0.4:
            partners = rng.sample(organizations, min(len(organizations), rng.choice([1, 2])))
        delegation = [
            o.pk
            for o in rng.sample(officers, min(len(officers), rng.choice([0, 0, 1, 2])))
            if o.pk != lead.pk
        ]
        plans.append(
            (chosen_themes, partners, delegation, rng.choice([1, 1, 2, 2, 3, 4]), language)
        )

    Engagement.objects.bulk_create(rows, batch_size=BATCH)
    ThemeLink = Engagement.themes.through
    PartnerLink = Engagement.partners.through
    DelegateLink = Engagement.delegation.through
    HistoricalEngagement = Engagement.history.model
    ops = connection.ops
    theme_links, partner_links, delegate_links, positions, transitions, history = (
        [],
        [],
        [],
        [],
        [],
        [],
    )
    for engagement, (chosen_themes, partners, delegation, position_count, language) in zip(
        rows, plans, strict=True
    ):
        pk = engagement.pk
        theme_links += [(pk, t.pk) for t in chosen_themes]
        partner_links += [(pk, p) for p in partners]
        delegate_links += [(pk, u) for u in delegation]
        meeting_documents = documents.get(engagement.meeting_id, [])
        wordings = rng.sample(POSITIONS[language], min(position_count, len(POSITIONS[language])))
        for order, wording in enumerate(wordings):
            theme = rng.choice(chosen_themes)
            document = rng.choice(meeting_documents) if meeting_documents else None
            outcome = _outcome(rng, document is not None and engagement.end_date < today)
            theme_name = theme.name_fr if language == "fr" else theme.name_en
            positions.append(
                (
                    pk,
                    wording.format(theme=theme_name.lower()),
                    theme.pk,
                    document,
                    outcome,
                    rng.choice(NOTES) if outcome != Outcome.PENDING else "",
                    f"para. {rng.randrange(1, 40)}"
                    if outcome in (Outcome.REFLECTED, Outcome.PARTIALLY_REFLECTED)
                    else "",
                    order,
                )
            )
        created_at = ops.adapt_datetimefield_value(engagement.created_at)
        history.append(
            (
                pk,
                engagement.kind,
                engagement.leadership_role,
                engagement.forum_id,
                engagement.meeting_id,
                ops.adapt_datefield_value(engagement.start_date),
                ops.adapt_datefield_value(engagement.end_date),
                engagement.fiscal_year,
                engagement.city,
                str(engagement.country or ""),
                engagement.lead_officer_id,
                engagement.summary,
                engagement.language,
                Status.DRAFT,
                1,
                engagement.created_by_id,
                created_at,
                created_at,
                "+",
                engagement.created_by_id,
            )
        )
        transitions += [
            (pk, a, b, actor, ops.adapt_datetimefield_value(at), reason)
            for a, b, actor, at, reason in _trail(rng, engagement, managers)
        ]
    # Plain INSERTs for the dependent rows (the ORM's per-value work would triple the time).
    _insert(ThemeLink, ["engagement_id", "theme_id"], theme_links)
    _insert(PartnerLink, ["engagement_id", "organization_id"], partner_links)
    _insert(DelegateLink, ["engagement_id", "user_id"], delegate_links)
    _insert(
        Position,
        [
            "engagement_id",
            "text",
            "theme_id",
            "outcome_document_id",
            "outcome",
            "outcome_note",
            "outcome_reference",
            "sort_order",
        ],
        positions,
    )
    _insert(
        Transition,
        ["engagement_id", "from_status", "to_status", "actor_id", "at", "reason"],
        transitions,
    )
    _insert(
        HistoricalEngagement,
        [
            "id",
            "kind",
            "leadership_role",
            "forum_id",
            "meeting_id",
            "start_date",
            "end_date",
            "fiscal_year",
            "city",
            "country",
            "lead_officer_id",
            "summary",
            "language",
            "status",
            "version",
            "created_by_id",
            "created_at",
            "history_date",
            "history_type",
            "history_user_id",
        ],
        history,
    )
    return len(rows)


def _trail(rng, engagement, managers) -> list[tuple]:
    """The workflow steps that lead to the engagement's status: (from, to, actor, at, reason)."""
    if engagement.status == Status.DRAFT:
        return []
    now = timezone.now()
    at = engagement.created_at
    author = engagement.lead_officer_id
    manager = rng.choice(managers).pk
    steps = []

    def step(from_status, to_status, actor, reason=""):
        nonlocal at
        at = at + datetime.timedelta(days=rng.randrange(1, 6), hours=rng.randrange(0, 8))
        steps.append((from_status, to_status, actor, min(at, now), reason))

    step(Status.DRAFT, Status.SUBMITTED, author)
    returned_once = engagement.status == Status.RETURNED or rng.random() < 0.15
    if returned_once:
        step(Status.SUBMITTED, Status.RETURNED, manager, rng.choice(RETURN_REASONS))
        if engagement.status == Status.RETURNED:
            return steps
        step(Status.RETURNED, Status.SUBMITTED, author)
    if engagement.status == Status.APPROVED:
        step(Status.SUBMITTED, Status.APPROVED, manager)
    return steps


def _insert(model, columns: list[str], rows: list[tuple]):
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + BATCH]
            )


def demo_counts() -> dict:
    return dict(Engagement.objects.values_list("status").annotate(n=Count("pk")).order_by())
