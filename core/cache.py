"""The dashboards' figures, kept in Django's cache until the records they count change.

Why: at a million engagements each computed indicator is an aggregate over every approved
engagement or position (the trend covers every fiscal year), so the program dashboard costs seconds
of database time however good the indexes are (benchmarks/RESULTS.md). The figures change only when
the records behind them do, and they are read far more often than those records are written.

How: every cached value is stored under a key that includes a *figures version*. Any change to a
record a figure counts (engagements, their positions, partners and themes, meetings, outcome
documents, agreements and their amounts) replaces the version, so every cached figure is out of use
at once, and the next page computes them afresh from the database. The version is replaced right
away and again when the transaction commits: a page computing figures while the transaction was
still open might otherwise keep the old state under the new version. Writes that bypass model
signals (bulk inserts, `QuerySet.update()`) call `invalidate()` themselves (seed_demo does).

With several app servers the cache must be shared (CACHE_URL=redis://...): a version replaced on
one server is then seen by all. The default local-memory cache is per process, which is right for
one process (runserver, tests) only.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "indicators:figures-version"


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        current = cache.get(VERSION_KEY)
    return current


def _replace_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate() -> None:
    """Every cached figure is out of date: now, and again once the transaction commits."""
    _replace_version()
    transaction.on_commit(_replace_version)


def cached(name: str, parts, compute):
    """`compute()`'s value, from the cache when the figures have not changed since."""
    seconds = getattr(settings, "FIGURES_CACHE_SECONDS", 24 * 3600)
    if not seconds:
        return compute()
    key = f"indicators:{name}:{version()}:{':'.join(str(part) for part in parts)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _changed(sender, **kwargs):
    invalidate()


def connect_signals():
    """Called from IndicatorsConfig.ready(): the models whose rows the figures count."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in [
        "engagements.Engagement",
        "engagements.Position",
        "forums.Forum",
        "forums.Meeting",
        "forums.OutcomeDocument",
        "partners.ContributionAgreement",
        "partners.AgreementAmount",
        "partners.Organization",
    ]:
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"figures-{label}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"figures-{label}-delete")
    engagement = apps.get_model("engagements.Engagement")
    for field in ("partners", "themes"):
        through = getattr(engagement, field).through
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"figures-{field}-m2m")
