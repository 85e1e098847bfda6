"""Demo engagements: a realistic spread over the forums and meetings that exist, fiscal years 2012-13
onward, every status and outcome, 1–4 positions each aimed at the meetings' outcome documents.

`seed_demo --engagements N` tops the demo up to N engagements (running it twice adds nothing).
Each engagement comes with its themes, partners, delegation, positions, workflow trail, evidence
rows (pointing at a few tiny shared files) and history rows. Rows are generated as plain tuples,
CHUNK engagements at a time with ids reserved up front, and written through demo.bulk: COPY on
PostgreSQL (1 000 000 engagements in a few minutes), batched INSERTs on SQLite. The history rows
too, in the shape simple-history gives them (`history_rows` says why not through its bulk API).
"""

import datetime
import time

from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from accounts.roles import MANAGERS, OFFICERS
from core.fiscal import FiscalYear
from demo import bulk
from demo.agreement_links import link_agreements
from engagements.models import Engagement, Evidence, Position, Theme, Transition
from forums.models import Forum, Meeting, OutcomeDocument
from partners.models import Organization

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
        "Les fonctionnaires ont présenté l’approche du Canada ({theme}) aux partenaires et répondu à leurs questions.",
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

# What an officer notes about an outcome, by outcome (a reflected position is never "not retained").
NOTES = {
    Outcome.REFLECTED: ["", "", "Language close to our proposal.", "Adopted as proposed."],
    Outcome.PARTIALLY_REFLECTED: [
        "",
        "Our wording was softened in the final text.",
        "Retained in part: the implementation language was dropped.",
    ],
    Outcome.NOT_REFLECTED: [
        "",
        "Not retained: consensus could not be reached.",
        "Deferred to the next session.",
    ],
}


def seed(*, rng, engagements, stdout):
    started = time.monotonic()
    existing = Engagement.objects.count()
    wanted = max(int(engagements or 0), 0)
    if existing >= wanted:
        stdout.write(f"Engagements: {existing} already there (wanted {wanted}); nothing added.")
        link_agreements(stdout=stdout)
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
    link_agreements(stdout=stdout)


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


# Share of outcome documents that take up every Canadian position aimed at them: the program
# reported 19 of 21 (90 %) in 2016-17, so the demo years land around it, with a few misses.
FAVOURABLE_DOCUMENTS = 0.9


def _verdicts(rng, meetings, documents: dict[int, list[int]]) -> dict[int, bool]:
    """Whether each outcome document reflects Canada's positions: about one in ten does not, in
    every fiscal year (a random start per year), so each year lands near the program's 90 %
    rather than wherever a handful of coin tosses would put it."""
    by_year: dict[int, list[int]] = {}
    for meeting in meetings:
        year = FiscalYear.from_date(meeting.start_date).start_year
        by_year.setdefault(year, []).extend(documents.get(meeting.pk, []))
    verdicts = {}
    for year in sorted(by_year):
        offset = rng.randrange(round(1 / (1 - FAVOURABLE_DOCUMENTS)))
        for index, document in enumerate(sorted(by_year[year])):
            verdicts[document] = (index + offset) % round(1 / (1 - FAVOURABLE_DOCUMENTS)) != 0
    return verdicts


def _outcome(rng, has_document: bool, favourable: bool = True) -> str:
    """A position's outcome: decided per outcome document (a document that reflects Canada's
    positions reflects them all; one that does not rejects or waters down at least this one)."""
    if not has_document:
        return Outcome.PENDING
    if favourable:
        return Outcome.REFLECTED
    return Outcome.PARTIALLY_REFLECTED if rng.random() < 0.6 else Outcome.NOT_REFLECTED


CHUNK = 20000  # engagements generated and written per round: memory stays flat at any size

# Evidence rows of the demo point at a few tiny shared files (the metadata is what volume needs).
DEMO_FILES = [
    ("evidence/demo/canada-statement.pdf", "Canada-statement.pdf", "application/pdf"),
    ("evidence/demo/outcome-document.pdf", "Outcome-document.pdf", "application/pdf"),
    ("evidence/demo/delegation-report.txt", "Delegation-report.txt", "text/plain; charset=utf-8"),
    ("evidence/demo/declaration-du-canada.pdf", "Declaration-du-Canada.pdf", "application/pdf"),
]


def _demo_files() -> list[tuple]:
    """(path, name, type, size, sha256) of the shared demo evidence files, written once."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    out = []
    for path, name, content_type in DEMO_FILES:
        if content_type == "application/pdf":
            data = b"%PDF-1.4\n% demo evidence: " + name.encode() + b"\n%%EOF\n"
        else:
            data = b"Demo evidence: " + name.encode() + b"\n"
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(data))
        out.append((path, name, content_type, len(data), hashlib.sha256(data).hexdigest()))
    return out


def _create(*, rng, count, officers, managers, themes) -> int:
    """Generate `count` engagements and everything that hangs off them, CHUNK at a time, as plain
    tuples with ids reserved up front, written with demo.bulk (COPY on PostgreSQL)."""
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
    files = _demo_files()
    ids = {
        model: bulk.reserve_ids(model, 0).start
        for model in (Engagement, Position, Transition, Evidence)
    }
    first_engagement = ids[Engagement]
    loaded = [
        Engagement,
        Engagement.history.model,
        Engagement.themes.through,
        Engagement.partners.through,
        Engagement.delegation.through,
        Position,
        Transition,
        Evidence,
    ]
    with bulk.foreign_keys_checked_in_bulk(*loaded):
        _create_chunks(
            rng=rng,
            count=count,
            ids=ids,
            today=today,
            now=now,
            officers=officers,
            managers=managers,
            themes=themes,
            forums=forums,
            weighted_meetings=weighted_meetings,
            documents=documents,
            verdicts=_verdicts(rng, meetings, documents),
            governments=governments,
            organizations=organizations,
            files=files,
        )
        # statistics first: the foreign-key checks on leaving are planned with them
        bulk.analyze(*loaded)
    bulk.reset_sequences(Engagement, Position, Transition, Evidence)
    return ids[Engagement] - first_engagement


def _create_chunks(*, count, **kwargs):
    for offset in range(0, count, CHUNK):
        _create_chunk(count=min(CHUNK, count - offset), **kwargs)


ENGAGEMENT_COLUMNS = [
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
    "outcome_step",
    "status",
    "version",
    "created_by_id",
    "created_at",
    "updated_at",
]
# A historical row holds the fields simple-history tracks (the engagement's but those excluded
# from history), then who, when and what; read from its model, so a new field cannot be missed.
TRACKED_COLUMNS = [field.attname for field in Engagement.history.model.tracked_fields]
HISTORY_COLUMNS = [*TRACKED_COLUMNS, "history_date", "history_type", "history_user_id"]


def history_rows(row: tuple, last_step: tuple | None) -> list[tuple]:
    """The historical rows of a demo engagement (its ENGAGEMENT_COLUMNS tuple), in
    HISTORY_COLUMNS: created as a draft by its author ("+"), then its latest workflow step, if
    any (from, to, actor, at, reason), by whoever took it ("~").

    They are the rows simple-history itself writes for those two saves
    (tests/demo/test_engagements.py compares them with its `bulk_history_create`), written with
    demo.bulk like the rest rather than through `bulk_create_with_history` and
    `bulk_update_with_history`, which do not work at the volumes benchmarks/ seeds. Measured at
    10 000 engagements on PostgreSQL (shared 2-core machine): the engagements step took
    17.5-19.8 s through them against 5.6-11.2 s with COPY, the difference being model instances
    and the ORM's INSERTs for 19 500 historical rows; at a million engagements that is some 15
    minutes more, against 142 s for the whole build. `bulk_create_with_history` would also set
    every engagement's `updated_at` (auto_now) to the time of the seed and would put the final
    status in the "+" row."""
    values = dict(zip(ENGAGEMENT_COLUMNS, row, strict=True))
    author, created_at = values["created_by_id"], values["created_at"]
    rows = [(*_tracked(values, Status.DRAFT), created_at, "+", author)]
    if last_step is not None:
        _from, to_status, actor, at, _reason = last_step
        rows.append((*_tracked(values, to_status), at, "~", actor))
    return rows


def _tracked(values: dict, status: str) -> list:
    return [status if column == "status" else values.get(column) for column in TRACKED_COLUMNS]


POSITION_COLUMNS = [
    "id",
    "engagement_id",
    "text",
    "theme_id",
    "outcome_document_id",
    "outcome",
    "outcome_note",
    "outcome_reference",
    "sort_order",
    "set_late",
    "set_late_reason",
]
TRANSITION_COLUMNS = [
    "id",
    "engagement_id",
    "from_status",
    "to_status",
    "actor_id",
    "at",
    "reason",
    "step",
]
EVIDENCE_COLUMNS = [
    "id",
    "engagement_id",
    "file",
    "original_name",
    "content_type",
    "size",
    "sha256",
    "uploaded_by_id",
    "uploaded_at",
]
PLACES = [
    ("Ottawa", "CA"),
    ("Washington", "US"),
    ("London", "GB"),
    ("Canberra", "AU"),
    ("Mexico City", "MX"),
    ("Geneva", "CH"),
    ("Stockholm", "SE"),
    ("Wellington", "NZ"),
]
ROLES = ["chair", "co_chair", "vice_chair", "rapporteur", "host"]


def _create_chunk(
    *,
    rng,
    count,
    ids,
    today,
    now,
    officers,
    managers,
    themes,
    forums,
    weighted_meetings,
    documents,
    verdicts,
    governments,
    organizations,
    files,
):
    officer_ids = [o.pk for o in officers]
    manager_ids = [m.pk for m in managers]
    theme_names = {t.pk: (t.name_en.lower(), t.name_fr.lower()) for t in themes}
    theme_ids = list(theme_names)
    engagements, history, theme_links, partner_links, delegate_links = [], [], [], [], []
    positions, transitions, evidence = [], [], []
    for _index in range(count):
        pk = ids[Engagement]
        ids[Engagement] += 1
        meeting_id = forum_id = None
        if weighted_meetings and rng.random() < 0.72:
            meeting = rng.choice(weighted_meetings)
            meeting_id, forum_id = meeting.pk, meeting.forum_id
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
                forum_id = rng.choice(forums).pk
            elif kind != Kind.BILATERAL:
                kind = Kind.BILATERAL
            start = _random_day(rng, FIRST_DAY, today)
            end = start + datetime.timedelta(days=rng.choice([0, 0, 1, 2]))
            city, country = rng.choice(PLACES)
        lead = rng.choice(officer_ids)
        status = _status(rng, start, today)
        language = "fr" if rng.random() < 0.3 else "en"
        fr = language == "fr"
        chosen = rng.sample(theme_ids, min(len(theme_ids), rng.choice([1, 1, 2, 2, 3])))
        created_at = min(
            timezone.make_aware(
                datetime.datetime.combine(
                    min(end + datetime.timedelta(days=rng.randrange(1, 20)), today),
                    datetime.time(10),
                )
            ),
            now,
        )
        trail = _trail(rng, status, created_at, lead, manager_ids, now)
        updated_at = trail[-1][3] if trail else created_at
        row = (
            pk,
            kind,
            rng.choice(ROLES) if kind == Kind.LEADERSHIP else "none",
            forum_id,
            meeting_id,
            start,
            end,
            FiscalYear.from_date(start).start_year,
            city,
            country,
            lead,
            rng.choice(SUMMARIES[language]).format(theme=theme_names[chosen[0]][fr]),
            language,
            # logged after its meeting ended: the record carries its outcomes from the start
            Engagement.OutcomeStep.WITH_RECORD,
            status,
            1,
            lead,
            created_at,
            updated_at,
        )
        engagements.append(row)
        history += history_rows(row, trail[-1] if trail else None)
        theme_links += [(pk, t) for t in chosen]
        if kind == Kind.BILATERAL and governments:
            chosen_partners = rng.sample(governments, min(len(governments), rng.choice([1, 1, 2])))
        elif organizations and rng.random() < 0.4:
            chosen_partners = rng.sample(organizations, min(len(organizations), rng.choice([1, 2])))
        else:
            chosen_partners = []
        partner_links += [(pk, p) for p in chosen_partners]
        delegates = rng.sample(officer_ids, min(len(officer_ids), rng.choice([0, 0, 1, 2])))
        delegate_links += [(pk, u) for u in delegates if u != lead]
        meeting_documents = documents.get(meeting_id, [])
        wordings = POSITIONS[language]
        for order, wording in enumerate(
            rng.sample(wordings, min(rng.choice([1, 1, 2, 2, 3, 4]), len(wordings)))
        ):
            theme = rng.choice(chosen)
            document = rng.choice(meeting_documents) if meeting_documents else None
            favourable = verdicts.get(document, True)
            outcome = _outcome(rng, document is not None and end < today, favourable)
            positions.append(
                (
                    ids[Position],
                    pk,
                    wording.format(theme=theme_names[theme][fr]),
                    theme,
                    document,
                    outcome,
                    rng.choice(NOTES[outcome]) if outcome != Outcome.PENDING else "",
                    f"para. {rng.randrange(1, 40)}"
                    if outcome in (Outcome.REFLECTED, Outcome.PARTIALLY_REFLECTED)
                    else "",
                    order,
                    False,
                    "",
                )
            )
            ids[Position] += 1
        for from_status, to_status, actor, at, reason in trail:
            transitions.append(
                (
                    ids[Transition],
                    pk,
                    from_status,
                    to_status,
                    actor,
                    at,
                    reason,
                    Transition.Step.RECORD,
                )
            )
            ids[Transition] += 1
        for _file in range(rng.choice([0, 0, 0, 1, 1, 2])):
            path, name, content_type, size, sha = rng.choice(files)
            evidence.append(
                (ids[Evidence], pk, path, name, content_type, size, sha, lead, created_at)
            )
            ids[Evidence] += 1
    bulk.insert_rows(Engagement, ENGAGEMENT_COLUMNS, engagements)
    bulk.insert_rows(Engagement.history.model, HISTORY_COLUMNS, history)
    bulk.insert_rows(Engagement.themes.through, ["engagement_id", "theme_id"], theme_links)
    bulk.insert_rows(
        Engagement.partners.through, ["engagement_id", "organization_id"], partner_links
    )
    bulk.insert_rows(Engagement.delegation.through, ["engagement_id", "user_id"], delegate_links)
    bulk.insert_rows(Position, POSITION_COLUMNS, positions)
    bulk.insert_rows(Transition, TRANSITION_COLUMNS, transitions)
    bulk.insert_rows(Evidence, EVIDENCE_COLUMNS, evidence)


def _trail(rng, status, created_at, author, managers, now) -> list[tuple]:
    """The workflow steps that lead to the status: (from, to, actor, at, reason)."""
    if status == Status.DRAFT:
        return []
    at = created_at
    manager = rng.choice(managers)
    steps = []

    def step(from_status, to_status, actor, reason=""):
        nonlocal at
        at = at + datetime.timedelta(days=rng.randrange(1, 6), hours=rng.randrange(0, 8))
        steps.append((from_status, to_status, actor, min(at, now), reason))

    step(Status.DRAFT, Status.SUBMITTED, author)
    returned_once = status == Status.RETURNED or rng.random() < 0.15
    if returned_once:
        step(Status.SUBMITTED, Status.RETURNED, manager, rng.choice(RETURN_REASONS))
        if status == Status.RETURNED:
            return steps
        step(Status.RETURNED, Status.SUBMITTED, author)
    if status == Status.APPROVED:
        step(Status.SUBMITTED, Status.APPROVED, manager)
    return steps


def demo_counts() -> dict:
    return dict(Engagement.objects.values_list("status").annotate(n=Count("pk")).order_by())
