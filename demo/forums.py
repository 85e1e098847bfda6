"""Demo meetings: the recurring sessions of the real forums, fiscal year 2012-13 to the current one.

The forums are the real ones the data migration loaded; their usual calendar is followed (ExCom in
early October, its Standing Committee in March, June and September, the ATCR in late June, the IOM
Council in late November, ...), but the dates, hosts and documents of these demo sessions are
illustrative. Real meetings already recorded are never duplicated: a session is skipped when its
forum already has a meeting within three weeks of it. Safe to run twice: meetings are keyed on
(forum, English name, start date), outcome documents on (meeting, English title); the missing ones
are inserted in bulk, with `bulk_create` and so without history rows, like the real ones the data
migrations loaded: their history starts at their first change in the portal. (Simple-history's
`bulk_create_with_history` would work at these few hundred rows, but would add a "created" row
to each, which the demo data has never had.)
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.fiscal import FiscalYear
from forums.cities import french_city
from forums.models import Forum, Meeting, OutcomeDocument

NEAR = datetime.timedelta(days=21)
FIRST_FISCAL_YEAR = 2012


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th given weekday (Monday 0) of a month; n = -1 for the last one."""
    if n > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = following - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def ordinal_en(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def ordinal_fr(number: int) -> str:
    return f"{number}{'re' if number == 1 else 'e'}"


MONTHS_EN = {3: "March", 6: "June", 9: "September"}
MONTHS_FR = {3: "mars", 6: "juin", 9: "septembre"}

RCM_HOSTS = [
    ("San José", "CR"),
    ("Managua", "NI"),
    ("Mexico City", "MX"),
    ("Panama City", "PA"),
    ("Tegucigalpa", "HN"),
    ("Guatemala City", "GT"),
    ("San Salvador", "SV"),
    ("Santo Domingo", "DO"),
    ("Belmopan", "BZ"),
    ("Ottawa", "CA"),
    ("Washington", "US"),
]
IGC_HOSTS = [
    ("Ottawa", "CA"),
    ("Stockholm", "SE"),
    ("Bern", "CH"),
    ("Oslo", "NO"),
    ("Canberra", "AU"),
    ("The Hague", "NL"),
    ("Dublin", "IE"),
    ("Copenhagen", "DK"),
    ("Helsinki", "FI"),
    ("Brussels", "BE"),
    ("Berlin", "DE"),
    ("Wellington", "NZ"),
    ("Washington", "US"),
    ("London", "GB"),
    ("Madrid", "ES"),
]
FCC_HOSTS = [
    ("Canberra", "AU"),
    ("Ottawa", "CA"),
    ("Wellington", "NZ"),
    ("London", "GB"),
    ("Washington", "US"),
]


@dataclass
class Session:
    forum: str  # English acronym of a reference forum
    start: datetime.date
    days: int
    name_en: str
    name_fr: str
    city: str = "Geneva"
    country: str = "CH"
    chair: str = ""
    important: bool = False
    annual: bool = False  # the forum's one plenary of the year: skipped if it already has one
    documents: list = field(default_factory=list)  # (kind, title_en, title_fr)

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=self.days - 1)


def sessions_in(year: FiscalYear) -> list[Session]:
    """The usual sessions of fiscal year `year` (April to March)."""
    y = year.start_year  # April–December
    n = y + 1  # January–March
    excom = y - 1949  # the 64th session met in 2013
    sessions = [
        Session(
            "ExCom",
            nth_weekday(y, 10, 0, 1),
            5,
            f"{ordinal_en(excom)} session of the Executive Committee",
            f"{ordinal_fr(excom)} session du Comité exécutif",
            important=True,
            annual=True,
            documents=[
                (
                    OutcomeDocument.Kind.REPORT,
                    f"Report of the {ordinal_en(excom)} session of the Executive Committee",
                    f"Rapport de la {ordinal_fr(excom)} session du Comité exécutif",
                ),
                (
                    OutcomeDocument.Kind.DECISION,
                    "General decision on administrative, financial and programme matters",
                    "Décision générale sur les questions administratives, financières et de "
                    "programme",
                ),
            ],
        ),
        Session(
            "ATCR",
            nth_weekday(y, 6, 0, -1),
            3,
            f"Annual Tripartite Consultations on Resettlement {y}",
            f"Consultations annuelles tripartites sur la réinstallation {y}",
            important=True,
            annual=True,
            documents=[
                (
                    OutcomeDocument.Kind.DECLARATION,
                    f"Chair's summary of the {y} consultations",
                    f"Résumé de la présidence des consultations de {y}",
                )
            ],
        ),
        Session(
            "WGR",
            nth_weekday(n, 2, 0, 1),
            2,
            f"Working Group on Resettlement, February {n}",
            f"Groupe de travail sur la réinstallation, février {n}",
            documents=[
                (
                    OutcomeDocument.Kind.REPORT,
                    f"Summary record of the Working Group, February {n}",
                    f"Compte rendu du Groupe de travail, février {n}",
                )
            ],
        ),
        Session(
            "IOM Council",
            nth_weekday(y, 11, 1, -1),
            4,
            f"IOM Council, regular session {y}",
            f"Conseil de l’OIM, session ordinaire de {y}",
            important=True,
            annual=True,
            documents=[
                (
                    OutcomeDocument.Kind.RESOLUTION,
                    f"Resolutions adopted by the Council in {y}",
                    f"Résolutions adoptées par le Conseil en {y}",
                ),
                (
                    OutcomeDocument.Kind.REPORT,
                    f"Report on the Council's {y} regular session",
                    f"Rapport sur la session ordinaire de {y} du Conseil",
                ),
            ],
        ),
        Session(
            "SCPF",
            nth_weekday(y, 7, 1, 1),
            2,
            f"Standing Committee on Programmes and Finance, July {y}",
            f"Comité permanent des programmes et des finances, juillet {y}",
            documents=[
                (
                    OutcomeDocument.Kind.REPORT,
                    f"Report of the Standing Committee on Programmes and Finance, July {y}",
                    f"Rapport du Comité permanent des programmes et des finances, juillet {y}",
                )
            ],
        ),
        Session(
            "SCPF",
            nth_weekday(y, 10, 1, -1),
            2,
            f"Standing Committee on Programmes and Finance, October {y}",
            f"Comité permanent des programmes et des finances, octobre {y}",
        ),
        Session(
            "GFMD",
            nth_weekday(n, 3, 1, 2),
            1,
            f"GFMD Friends of the Forum, March {n}",
            f"Amis du Forum du FMMD, mars {n}",
            documents=[
                (
                    OutcomeDocument.Kind.REPORT,
                    f"Friends of the Forum meeting report, March {n}",
                    f"Rapport de la réunion des Amis du Forum, mars {n}",
                )
            ],
        ),
    ]
    for month in (3, 6, 9):
        calendar_year = n if month < 4 else y
        sessions.append(
            Session(
                "ExCom SC",
                nth_weekday(calendar_year, month, 1, 2),
                3,
                f"Standing Committee meeting, {MONTHS_EN[month]} {calendar_year}",
                f"Réunion du Comité permanent, {MONTHS_FR[month]} {calendar_year}",
                documents=[
                    (
                        OutcomeDocument.Kind.REPORT,
                        f"Report of the Standing Committee, {MONTHS_EN[month]} {calendar_year}",
                        f"Rapport du Comité permanent, {MONTHS_FR[month]} {calendar_year}",
                    )
                ],
            )
        )
    city, country = IGC_HOSTS[y % len(IGC_HOSTS)]
    sessions.append(
        Session(
            "IGC",
            nth_weekday(y, 5, 2, 2),
            2,
            f"IGC full round {y}",
            f"Ronde plénière des CIG {y}",
            city=city,
            country=country,
            important=True,
            annual=True,
            documents=[
                (
                    OutcomeDocument.Kind.DECLARATION,
                    f"Chair's conclusions of the {y} full round",
                    f"Conclusions de la présidence de la ronde plénière de {y}",
                )
            ],
        )
    )
    city, country = RCM_HOSTS[y % len(RCM_HOSTS)]
    sessions.append(
        Session(
            "RCM",
            nth_weekday(y, 6, 3, 3),
            2,
            f"Regional Conference on Migration, vice-ministerial meeting {y}",
            f"Conférence régionale sur les migrations, réunion vice-ministérielle de {y}",
            city=city,
            country=country,
            important=True,
            annual=True,
            documents=[
                (
                    OutcomeDocument.Kind.DECLARATION,
                    f"Declaration of the {y} vice-ministerial meeting",
                    f"Déclaration de la réunion vice-ministérielle de {y}",
                )
            ],
        )
    )
    city, country = FCC_HOSTS[y % len(FCC_HOSTS)]
    sessions.append(
        Session(
            "FCC",
            nth_weekday(y, 9, 1, 3),
            3,
            f"Five Country Conference annual meeting {y}",
            f"Conférence des cinq nations, réunion annuelle de {y}",
            city=city,
            country=country,
            annual=True,
            documents=[
                (
                    OutcomeDocument.Kind.DECISION,
                    f"Record of decisions, {y}",
                    f"Relevé des décisions, {y}",
                )
            ],
        )
    )
    return sessions


def seed(*, rng, engagements, stdout):
    """Add the demo sessions missing from fiscal year 2012-13 to the current one."""
    today = timezone.localdate()
    forums = {
        forum.acronym_en: forum
        for forum in Forum.objects.filter(
            acronym_en__in={s.forum for s in sessions_in(FiscalYear(2012))}
        )
    }
    existing: dict[int, list[datetime.date]] = {}
    keys = set()
    for forum_id, name_en, start in Meeting.objects.values_list(
        "forum_id", "name_en", "start_date"
    ):
        existing.setdefault(forum_id, []).append(start)
        keys.add((forum_id, name_en, start))

    manager = get_user_model().objects.filter(username="manager").first()
    wanted: list[tuple[Meeting, Session]] = []
    for start_year in range(FIRST_FISCAL_YEAR, FiscalYear.current().start_year + 1):
        for session in sessions_in(FiscalYear(start_year)):
            forum = forums.get(session.forum)
            if forum is None or (forum.pk, session.name_en, session.start) in keys:
                continue
            held = existing.get(forum.pk, [])
            if any(abs(day - session.start) <= NEAR for day in held):
                continue  # a real (or earlier demo) meeting is already there
            if session.annual and any(FiscalYear(start_year).contains(day) for day in held):
                continue  # this year's plenary is already recorded
            existing.setdefault(forum.pk, []).append(session.start)
            meeting = Meeting(
                forum=forum,
                name_en=session.name_en,
                name_fr=session.name_fr,
                start_date=session.start,
                end_date=session.end,
                city=session.city,
                city_fr=french_city(session.city),
                country=session.country,
                chair=session.chair,
                **_importance(session, today=today, manager=manager, late=len(wanted) % 11 == 5),
            )
            wanted.append((meeting, session))
    Meeting.objects.bulk_create([meeting for meeting, _session in wanted])

    # Outcome documents for the sessions that have ended, keyed on (meeting, English title).
    sessions_by_key = {
        (meeting.forum_id, meeting.name_en, meeting.start_date): session
        for meeting, session in wanted
    }
    demo_meetings = Meeting.objects.filter(forum__in=forums.values(), end_date__lt=today).only(
        "pk", "forum_id", "name_en", "start_date", "end_date"
    )
    titles = set(
        OutcomeDocument.objects.filter(meeting__forum__in=forums.values()).values_list(
            "meeting_id", "title_en"
        )
    )
    documents = []
    for meeting in demo_meetings:
        session = sessions_by_key.get((meeting.forum_id, meeting.name_en, meeting.start_date))
        if session is None:
            session = _demo_session_for(meeting)
        if session is None:
            continue
        for kind, title_en, title_fr in session.documents:
            if (meeting.pk, title_en) in titles:
                continue
            documents.append(
                OutcomeDocument(
                    meeting=meeting,
                    kind=kind,
                    title_en=title_en,
                    title_fr=title_fr,
                    adopted_on=meeting.end_date,
                )
            )
    OutcomeDocument.objects.bulk_create(documents)
    stdout.write(
        f"Forums: {len(wanted)} demo meetings and {len(documents)} outcome documents added."
    )


PLANNED_AHEAD = datetime.timedelta(days=45)
LATE_REASON = (
    "Added to the year's important meetings once the agenda showed a resettlement decision "
    "(identified after the meeting began)."
)


def _importance(session, *, today, manager, late: bool) -> dict:
    """A demo session's importance as a manager decided it: ahead of the meeting, as the plan
    asks, and now and then after it began, with the reason a manager would give."""
    if not session.important:
        return {}
    decided = min(session.start - PLANNED_AHEAD, today)
    if late and session.start <= today:
        decided = session.start + datetime.timedelta(days=1)
    return {
        "is_important": True,
        "importance": Meeting.Importance.IMPORTANT,
        "importance_decided_on": decided,
        "importance_decided_by": manager,
        "importance_reason": LATE_REASON if decided >= session.start else "",
    }


def _demo_session_for(meeting: Meeting) -> Session | None:
    """The demo session a meeting was made from (documents of sessions that ended after an
    earlier run), or None for any other meeting."""
    try:
        year = FiscalYear.from_date(meeting.start_date)
    except ValueError:
        return None
    for session in sessions_in(year):
        if session.name_en == meeting.name_en and session.start == meeting.start_date:
            return session
    return None
