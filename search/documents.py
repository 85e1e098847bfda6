"""The text a record is found by, as one database expression per engine.

PostgreSQL: `to_tsvector('portal_en', …) || to_tsvector('portal_fr', …)` over the record's text
fields, matched by `plainto_tsquery('portal_en', …) || plainto_tsquery('portal_fr', …)`. The two
configurations (migration 0001) are the English and French stemmers behind `unaccent`, so
"resettle" finds "resettlement" and « reinstallation » finds « réinstallation ». Each searched
table has a GIN index on exactly this expression (built from the same `document()` call, so the
planner matches it), kept up to date by the database on every write: no Python loop, no job.

SQLite (the embedded default): the same fields folded (lower case, accents dropped: portal_fold,
registered in apps.py), every word as a substring. No stemming, no ranking.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat

CONFIGS = ("portal_en", "portal_fr")


def full_text() -> bool:
    return connection.vendor == "postgresql"


class Fold(Func):
    function = "portal_fold"
    output_field = TextField()


def vector(*fields: str):
    """The PostgreSQL document; the GIN indexes (migration 0002) are built from this too."""
    result = SearchVector(*fields, config=CONFIGS[0])
    for config in CONFIGS[1:]:
        result = result + SearchVector(*fields, config=config)
    return result


def document(*fields: str):
    if full_text():
        return vector(*fields)
    parts = []
    for field in fields:
        if parts:
            parts.append(Value(" "))
        parts.append(Coalesce(F(field), Value(""), output_field=TextField()))
    return Fold(Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0])


def search_query(terms: list[str]):
    text = " ".join(terms)
    query = SearchQuery(text, config=CONFIGS[0], search_type="plain")
    for config in CONFIGS[1:]:
        query = query | SearchQuery(text, config=config, search_type="plain")
    return query


def matches(terms: list[str], name: str = "document") -> Q:
    """The condition on an annotation `name` = document(...)."""
    if full_text():
        return Q(**{name: search_query(terms)})
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{name}__contains": term})
    return condition


def rank(terms: list[str], name: str = "document"):
    """The relevance of a match (PostgreSQL), else a constant: SQLite keeps the list's order."""
    if full_text():
        return SearchRank(F(name), search_query(terms))
    return Value(0.0)
