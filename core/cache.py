"""Figures computed from the portal's records, kept in Django's cache until those records change:
the dashboards' aggregates (indicators) and the row counts of large lists (core.pagination).

Why: at a million engagements each computed indicator is an aggregate over every approved
engagement or position (the trend covers every fiscal year), and counting the rows of the engagement
list for its pagination is a scan of the whole table: seconds and tens of milliseconds of database
time however good the indexes are (benchmarks/RESULTS.md). These change only when the records behind
them do, and they are read far more often than those records are written.

How: every cached value is stored under a key that includes a *data version*. Any change to a
record they count (engagements, their positions, partners, themes and delegation, forums, meetings,
outcome documents, organizations, agreements and their amounts: TRACKED, each app registering its
own models with `track` from its AppConfig.ready()) replaces the version, so
every cached value is out of use at once, and the next page computes it afresh from the database. The version is replaced right
away and again when the transaction commits: a page computing figures while the transaction was
still open might otherwise keep the old state under the new version. Writes that bypass model
signals (bulk inserts, `QuerySet.update()`) call `invalidate()` themselves (seed_demo does).

With several app servers the cache must be shared (CACHE_URL=redis://...): a version replaced on
one server is then seen by all. The default local-memory cache is per process, which is right for
one process (runserver, tests) only; the production settings refuse it with more than one gunicorn
worker. restore_portal replaces the version once the restore is done (core.backup).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "portal:data-version"


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        current = cache.get(VERSION_KEY)
    return current


def _replace_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate() -> None:
    """Every cached value is out of date: now, and again once the transaction commits."""
    _replace_version()
    transaction.on_commit(_replace_version)


def cached(name: str, parts, compute, *, setting="FIGURES_CACHE_SECONDS", refresh=False):
    """`compute()`'s value, from the cache when the records have not changed since; kept at most
    as many seconds as the named setting says (0: not cached). `refresh`: compute it afresh and
    replace the cached value."""
    seconds = getattr(settings, setting, 24 * 3600)
    if not seconds:
        return compute()
    key = f"portal:{name}:{version()}:{':'.join(str(part) for part in parts)}"
    value = None if refresh else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _changed(sender, **kwargs):
    invalidate()


# The models whose rows the cached values count, registered by their apps' AppConfig.ready()
# (`track`), so that core names no app.
TRACKED: set[str] = set()


def is_tracked(model) -> bool:
    return model._meta.label in TRACKED


def track(model, *, m2m: tuple[str, ...] = ()) -> None:
    """Any change to a row of `model` (and to its many-to-many fields named in `m2m`) makes every
    cached value out of date."""
    label = model._meta.label
    TRACKED.add(label)
    post_save.connect(_changed, sender=model, dispatch_uid=f"data-{label}-save")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"data-{label}-delete")
    for name in m2m:
        through = getattr(model, name).through
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"data-{label}-{name}-m2m")
