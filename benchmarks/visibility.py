#!/usr/bin/env python
"""The officer's visibility rule (`EngagementQuerySet.visible_to`) written three ways, compared on a
database already built (`run.py --size 100000 --database NAME`), as the demo officer:

    .venv/bin/python benchmarks/visibility.py --database bench_100k

- `in`: `pk IN (SELECT engagement_id FROM delegation WHERE user_id = …)`, the rule until
  2026-12-03;
- `exists`: `EXISTS (… WHERE engagement_id = engagements_engagement.id AND user_id = …)`;
- `probe`: the rule as the code writes it now (engagements/models.py).

For each form: EXPLAIN ANALYZE (median of --repeat) of the engagements queries the officer's pages
send (the API's first page, a page deep in the cursor, filtered pages, the list page's rows and its
row counts), then the median and p95 of --requests requests through Django's test client with the
production settings: the API's first page, a filtered API page, the engagement list page (its row
count in the cache after the first request, as in production) and the year's plan (5 requests at
most: seconds each with `in`), the forms taking turns request by request. The forms must find the
same rows.
Not part of the test suite.
"""

import argparse
import os
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import environment, percentile  # noqa: E402 (the path above first)


def old_forms():
    from django.db.models import Exists, OuterRef, Q

    from engagements.models import Engagement

    def rule(delegation):
        def visible_to(self, user):
            if not user.is_authenticated or not user.has_perm("engagements.view_engagement"):
                return self.none()
            if user.has_perm("engagements.view_all_engagements"):
                return self
            return self.filter(
                Q(status=Engagement.Status.APPROVED)
                | Q(lead_officer=user)
                | Q(created_by=user)
                | delegation(user)
            )

        return visible_to

    through = Engagement.delegation.through.objects
    return {
        "in": rule(lambda user: Q(pk__in=through.filter(user=user).values("engagement"))),
        "exists": rule(lambda user: Exists(through.filter(engagement=OuterRef("pk"), user=user))),
    }


def queries(officer):
    from engagements.models import Engagement, Theme

    visible = Engagement.objects.visible_to(officer).order_by("-start_date", "-id")
    theme = Theme.objects.get(code="resettlement")
    middle = visible[visible.count() // 2]
    return {
        "API first page": visible[:101],
        "API page half-way down": visible.filter(start_date__lte=middle.start_date).exclude(
            start_date=middle.start_date, id__gte=middle.id
        )[:101],
        "API 2015-16 + resettlement": visible.filter(fiscal_year=2015, themes=theme)[:101],
        "API busiest forum": visible.filter(forum=busiest_forum())[:101],
        "list page rows": visible[:25],
        "list page count": visible.order_by(),
        "list page count, 2015-16": visible.order_by().filter(fiscal_year=2015),
    }


def busiest_forum() -> int:
    from django.db.models import Count

    from engagements.models import Engagement

    return (
        Engagement.objects.filter(forum__isnull=False)
        .values("forum")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("forum", flat=True)[0]
    )


def explain(cursor, sql: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        cursor.execute("EXPLAIN (ANALYZE, TIMING OFF) " + sql)
        last = cursor.fetchall()[-1][0]
        times.append(float(re.search(r"Execution Time: ([\d.]+)", last).group(1)))
    return statistics.median(times)


def requests(officer, forms: dict, repeat: int) -> dict[str, dict[str, tuple[float, float]]]:
    """Each page's requests, the forms taking turns request by request (so that the machine's
    load, which other work changes, falls on each form alike)."""
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from api.models import ApiToken
    from api.services import create_token
    from engagements.models import EngagementQuerySet, Theme

    token, raw = create_token(user=officer, name="benchmarks/visibility.py", days=1)
    api, page = Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), Client()
    page.force_login(officer)
    theme = Theme.objects.get(code="resettlement")
    urls = {
        "API first page": (api, "/api/v1/engagements/"),
        "API 2015-16 + resettlement": (
            api,
            f"/api/v1/engagements/?fiscal_year=2015-16&theme={theme.pk}",
        ),
        "engagement list page": (page, reverse("engagements:list")),
        # its meetings' figures count the visible engagements in subqueries per meeting
        "the year's plan, 2015-16": (page, reverse("forums:plan") + "?fiscal_year=2015-16"),
    }
    cache.clear()
    out: dict[str, dict[str, tuple[float, float]]] = {form: {} for form in forms}
    try:
        for name, (client, url) in urls.items():
            times: dict[str, list[float]] = {form: [] for form in forms}
            for turn in range(2 + (repeat if "plan" not in name else min(repeat, 5))):
                for form, rule in forms.items():
                    EngagementQuerySet.visible_to = rule
                    started = time.perf_counter()
                    response = client.get(url)
                    if turn >= 2:  # the first two warm up (each form's count in the cache)
                        times[form].append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, url
            for form in forms:
                out[form][name] = (statistics.median(times[form]), percentile(times[form], 0.95))
    finally:
        ApiToken.objects.filter(pk=token.pk).delete()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a database run.py built")
    parser.add_argument("--repeat", type=int, default=7, help="EXPLAIN ANALYZE runs per query")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--pghost", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pgport", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--pguser", default=os.environ.get("PGUSER", "postgres"))
    args = parser.parse_args()
    url = f"postgres://{args.pguser}@{args.pghost}:{args.pgport}/{args.database}"
    env = environment(url)
    env["API_THROTTLE_RATE"] = "1000000/minute"
    os.environ.update(env)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection

    from accounts.models import User
    from engagements.models import EngagementQuerySet

    officer = User.objects.get(username="officer")
    current = EngagementQuerySet.visible_to
    forms = {**old_forms(), "probe": current}
    sql_ms: dict[str, dict[str, float]] = {}
    rows: dict[str, set] = {}
    try:
        for form, rule in forms.items():
            EngagementQuerySet.visible_to = rule
            cache.clear()
            sql_ms[form] = {}
            with connection.cursor() as cursor:
                for name, queryset in queries(officer).items():
                    if "count" in name:
                        found = queryset.count()
                        sql, params = queryset.values("pk").query.sql_with_params()
                        sql = f"SELECT COUNT(*) FROM ({sql}) counted"
                    else:
                        found = tuple(queryset.values_list("pk", flat=True))
                        sql, params = queryset.query.sql_with_params()
                    rows.setdefault(name, set()).add(found)
                    sql = cursor.mogrify(sql, params).decode()
                    sql_ms[form][name] = explain(cursor, sql, args.repeat)
        request_ms = requests(officer, forms, args.requests)
    finally:
        EngagementQuerySet.visible_to = current
    print(f"database {args.database}, the demo officer; EXPLAIN ANALYZE execution, median ms")
    print("| query | " + " | ".join(forms) + " |")
    print("| --- |" + " ---: |" * len(forms))
    for name in sql_ms["probe"]:
        same = "" if len(rows[name]) == 1 else " (**rows differ**)"
        cells = " | ".join(f"{sql_ms[form][name]:.2f}" for form in forms)
        print(f"| {name}{same} | {cells} |")
    print("\nRequests, median / p95 ms")
    print("| page | " + " | ".join(forms) + " |")
    print("| --- |" + " ---: |" * len(forms))
    for name in request_ms["probe"]:
        cells = " | ".join(
            f"{request_ms[f][name][0]:.0f} / {request_ms[f][name][1]:.0f}" for f in forms
        )
        print(f"| {name} | {cells} |")


if __name__ == "__main__":
    main()
