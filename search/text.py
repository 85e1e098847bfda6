"""What the search box accepts, and how a match is shown: one place for both database engines.

A query is cut to MAX_QUERY characters, its control characters and markup dropped, and reduced
to words (letters and digits in any script): operators and quotes (`"IOM" -Council`, `&|!:*`)
are never passed to the database as syntax, so no input can make the query fail. Every word must
match (AND), as PostgreSQL's plainto_tsquery does.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY = 200  # characters kept of what was typed; the rest is dropped, and the page says so
MAX_TERMS = 8  # words searched for; more are dropped
MIN_TERM = 2  # a one-character word matches almost everything: ignored
SNIPPET = 90  # characters of context either side of the first match

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(value: str | None) -> str:
    """Lower case without accents: « Réinstallation » -> "reinstallation". Registered as
    portal_fold() on SQLite (search/apps.py) so the database compares the same way."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def clean_query(raw: str | None) -> tuple[str, bool]:
    """(the query as the page shows it back, whether it was cut)."""
    value = raw or ""
    cut = len(value) > MAX_QUERY
    value = _CONTROL.sub(" ", value[:MAX_QUERY])
    value = _TAG.sub(" ", value)
    return " ".join(value.split()), cut


def terms(query: str) -> list[str]:
    """The words to search for, folded, without repeats, each at least MIN_TERM characters."""
    found: list[str] = []
    for word in _WORD.findall(fold(query).replace("_", " ")):
        if len(word) >= MIN_TERM and word not in found:
            found.append(word)
    return found[:MAX_TERMS]


def _stem(term: str) -> str:
    # the snippet looks for the word's start, so that "resettle" marks "resettlement" as the
    # PostgreSQL stemmer matched it
    return term if len(term) <= 4 else term[: max(4, len(term) - 3)]


def snippet(texts, query_terms: list[str]):
    """The first of `texts` that contains a term, cut around it, the terms marked (<mark>), as
    safe HTML; None when no text contains one (a record found by its forum or its officer)."""
    stems = [_stem(t) for t in query_terms]
    for text in texts:
        if not text:
            continue
        text = " ".join(str(text).split())
        folded = fold(text)
        if len(folded) != len(text):  # a character that folds to several: show it unmarked
            folded = text.casefold()
            if len(folded) != len(text):
                continue
        hits = [(folded.find(s), s) for s in stems if folded.find(s) >= 0]
        if not hits:
            continue
        first = min(hits)[0]
        start = max(0, first - SNIPPET)
        end = min(len(text), first + SNIPPET)
        # whole words at the edges
        if start > 0:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        if end < len(text):
            space = text.rfind(" ", first, end)
            end = space if space > first else end
        pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*")
        part_text, part_folded = text[start:end], folded[start:end]
        out, last = [], 0
        for match in pattern.finditer(part_folded):
            out.append(escape(part_text[last : match.start()]))
            out.append(f"<mark>{escape(part_text[match.start() : match.end()])}</mark>")
            last = match.end()
        out.append(escape(part_text[last:]))
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(prefix + "".join(out) + suffix)
    return None
