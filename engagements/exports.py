"""The engagement list's export at volume: the same values as EngagementTable's columns (the
tests check them against django-tables2's own export), read with `.values_list()` in chunks
instead of building a model instance per engagement, forum, meeting and officer: what it takes to
export a million rows at more than 20 000 rows a second. EngagementTable uses these rows only
while its export columns are COLUMNS; a column added to the table without being added here is
exported through django-tables2 instead (right, but about ten times slower).
"""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from core.fiscal import FiscalYear
from core.models import current_language
from core.tables import absolute_url

from .models import Engagement, Position, Theme

CHUNK_SIZE = 5000
COLUMNS = (
    "id",
    "start_date",
    "fiscal_year",
    "kind",
    "forum",
    "meeting",
    "themes",
    "lead_officer",
    "position_count",
    "status",
    "link",
)


def _or_none(value):
    # django-tables2 leaves a cell empty for None and "" (the columns' empty_values)
    return None if value in (None, "") else value


def _link_pattern(request) -> str:
    """The full address of an engagement's page with {} for its id (reversed once)."""
    marker = 2_147_483_647
    url = absolute_url(request, reverse("engagements:detail", args=[marker]))
    return url.replace(str(marker), "{}")


def rows(queryset, *, request=None):
    """One list per engagement, in COLUMNS' order."""
    language = current_language()
    link = _link_pattern(request)
    kinds = {value: str(label) for value, label in Engagement.Kind.choices}
    statuses = {value: str(label) for value, label in Engagement.Status.choices}
    themes = {theme.pk: str(theme.name) for theme in Theme.objects.order_by("name_en", "pk")}
    order = {pk: index for index, pk in enumerate(themes)}  # the table lists them by English name
    years: dict[int, str] = {}  # fiscal-year labels, made once each
    values = queryset.values_list(
        "pk",
        "start_date",
        "fiscal_year",
        "kind",
        F(f"forum__acronym_{language}"),
        "forum__acronym_en",
        F(f"meeting__name_{language}"),
        "meeting__name_en",
        "lead_officer__first_name",
        "lead_officer__last_name",
        "lead_officer__username",
        "position_count",
        "status",
    )
    chunk = []
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(row)
        if len(chunk) == CHUNK_SIZE:
            yield from _rows(chunk, kinds, statuses, themes, order, link, years)
            chunk = []
    if chunk:
        yield from _rows(chunk, kinds, statuses, themes, order, link, years)


def _rows(chunk, kinds, statuses, themes, order, link, years):
    links: dict[int, list[int]] = {}
    through = Engagement.themes.through.objects.filter(engagement_id__in=[row[0] for row in chunk])
    for engagement_id, theme_id in through.values_list("engagement_id", "theme_id"):
        links.setdefault(engagement_id, []).append(theme_id)
    for (
        pk,
        start,
        fiscal_year,
        kind,
        forum,
        forum_en,
        meeting,
        meeting_en,
        first_name,
        last_name,
        username,
        position_count,
        status,
    ) in chunk:
        full_name = f"{first_name} {last_name}".strip()
        yield [
            pk,
            start,
            years.get(fiscal_year) or years.setdefault(fiscal_year, FiscalYear(fiscal_year).label),
            kinds.get(kind, kind),
            _or_none(forum or forum_en),
            _or_none(meeting or meeting_en),
            ", ".join(themes[t] for t in sorted(links.get(pk, ()), key=order.__getitem__)),
            full_name or username,
            position_count,
            statuses.get(status, status),
            link.format(pk),
        ]


POSITION_COLUMNS = (
    "engagement",
    "start_date",
    "forum",
    "meeting",
    "text",
    "theme",
    "outcome_document",
    "outcome",
    "outcome_note",
    "set_late",
    "set_late_reason",
    "link",
)


def position_rows(queryset, *, request=None):
    """One list per position, in POSITION_COLUMNS' order (PositionExportTable's values)."""
    language = current_language()
    link = _link_pattern(request)
    outcomes = {value: str(label) for value, label in Position.Outcome.choices}
    yes_no = {True: str(_("Yes")), False: str(_("No"))}
    values = queryset.values_list(
        "engagement_id",
        "engagement__start_date",
        F(f"engagement__forum__acronym_{language}"),
        "engagement__forum__acronym_en",
        F(f"engagement__meeting__name_{language}"),
        "engagement__meeting__name_en",
        "text",
        F(f"theme__name_{language}"),
        "theme__name_en",
        F(f"outcome_document__title_{language}"),
        "outcome_document__title_en",
        "outcome",
        "outcome_note",
        "set_late",
        "set_late_reason",
    )
    for (
        engagement_id,
        start,
        forum,
        forum_en,
        meeting,
        meeting_en,
        text,
        theme,
        theme_en,
        document,
        document_en,
        outcome,
        note,
        set_late,
        set_late_reason,
    ) in values.iterator(chunk_size=CHUNK_SIZE):
        yield [
            engagement_id,
            start,
            _or_none(forum or forum_en),
            _or_none(meeting or meeting_en),
            _or_none(text),
            _or_none(theme or theme_en),
            _or_none(document or document_en),
            outcomes.get(outcome, outcome),
            _or_none(note),
            yes_no[set_late],
            _or_none(set_late_reason),
            link.format(engagement_id),
        ]
