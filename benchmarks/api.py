#!/usr/bin/env python
"""The API at volume on PostgreSQL (issue 15): build a size (or reuse it), then time the endpoints.

    .venv/bin/python benchmarks/api.py --size 1000000                 # builds bench_1m if needed
    .venv/bin/python benchmarks/api.py --size 1000000 --database portal_api_bench --write
    make bench-api SIZE=1000000

Each request goes through Django's test client in this process, with the production settings and
a persistent database connection, authenticated as an analyst's tool is: a personal token sent as
`Authorization: Bearer` (the demo manager's, who sees every engagement, and the demo officer's,
whose visibility rule adds their own records to the approved ones). Measured: the engagements
endpoint's first page, a filtered page, the page a thousand cursors deep (reached by following
`next` a thousand times, then requested again and again), the indicators endpoint with the live
figures of every fiscal year once computed (warm cache) and when not (cache emptied before each
request), and an engagement's detail. Median and 95th percentile over --repeat requests, the
number of queries, and with --explain MS the plan of every query slower than MS.
`--write` puts the table in benchmarks/RESULTS.md between the markers `api:<size>`.
Not part of the test suite: nothing here is timed in tests.
"""

import argparse
import os
import shlex
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import (  # noqa: E402 (the path above first)
    build,
    ensure_database,
    environment,
    explain,
    label,
    machine,
    percentile,
    spaced,
    vacuum_analyze,
    write_results,
)

TARGET_MS = 150  # p95, issue 15
DEEP = 1000  # cursors


def measure(client, url, headers, repeat, *, cold=False):
    """Warm: 2 requests first (the figures cache, the token's last use, the connection). Cold:
    the cache emptied before each request."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, **headers)
    queries = list(captured.captured_queries)
    times = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url, **headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "sql": [q["sql"] for q in queries],
        "query_ms": sum(float(q["time"]) for q in queries) * 1000,
        "rows": len(response.json().get("results", [])) if response.json() else 0,
    }


def deep_url(client, url, headers, depth):
    """The URL of the page `depth` cursors after `url`, by following `next`; and the seconds
    the walk took."""
    started = time.perf_counter()
    for _ in range(depth):
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code)
        url = response.json()["next"]
        assert url, "the list ended before the page asked for"
    return url.removeprefix("http://testserver"), time.perf_counter() - started


def endpoints(client, manager_headers):
    from django.urls import reverse

    from core.fiscal import FiscalYear
    from engagements.models import Engagement, Theme

    listing = reverse("api:engagement-list")
    theme = Theme.objects.filter(code="resettlement").first() or Theme.objects.first()
    busy = (
        Engagement.objects.filter(status=Engagement.Status.APPROVED, evidence__isnull=False)
        .order_by("-pk")
        .first()
    )
    year = FiscalYear(2015)
    return [
        ("engagements, first page", listing, False),
        (
            "engagements, filtered (2015-16, approved, resettlement)",
            f"{listing}?fiscal_year={year.slug}&status=approved&theme={theme.pk}",
            False,
        ),
        (
            "engagements, filtered (a forum, approved)",
            f"{listing}?forum={busiest_forum()}&status=approved",
            False,
        ),
        (f"engagements, {DEEP} cursors deep", None, False),
        ("engagement detail", reverse("api:engagement-detail", args=[busy.pk]), False),
        (
            "indicators, live figures for every year (computed)",
            reverse("api:indicator-list"),
            False,
        ),
        (
            "indicators, live figures for every year (cache emptied)",
            reverse("api:indicator-list"),
            True,
        ),
    ]


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="engagements, e.g. 1000000")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per endpoint")
    parser.add_argument("--cold-repeat", type=int, default=5, help="... with the cache emptied")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--write", action="store_true", help="record in benchmarks/RESULTS.md")
    parser.add_argument("--explain", type=float, metavar="MS", help="plans of queries over MS")
    parser.add_argument(
        "--skip-cold",
        action="store_true",
        help="skip the indicators with the cache emptied (minutes at a million)",
    )
    parser.add_argument("--database", help="the database's name (default bench_<size>)")
    parser.add_argument("--pghost", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pgport", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--pguser", default=os.environ.get("PGUSER", "postgres"))
    args = parser.parse_args()
    command = "python benchmarks/api.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])

    pg = {"host": args.pghost, "port": args.pgport, "user": args.pguser}
    name = args.database or f"bench_{label(args.size)}"
    env = environment(f"postgres://{args.pguser}@{args.pghost}:{args.pgport}/{name}")
    env["API_THROTTLE_RATE"] = "1000000/minute"  # the endpoints are timed, not the throttle
    created = ensure_database(name, pg, args.rebuild)
    print(f"database {name} ({'created' if created else 'reused'})", flush=True)
    timings = build(args.size, env)
    timings["vacuum"] = vacuum_analyze(pg, name) if created or timings["seed_output"] else 0.0
    print(f"migrate {timings['migrate']:.1f} s, seed {timings['seed']:.1f} s", flush=True)

    os.environ.update(env)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from api.models import ApiToken
    from api.services import create_token
    from engagements.models import Engagement

    client = Client()
    headers, made = {}, []
    for role in ("manager", "officer"):
        user = User.objects.get(username=role)
        token, raw = create_token(user=user, name="benchmarks/api.py", days=1)
        headers[role] = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        made.append(token.pk)
    total = Engagement.objects.count()
    rows = []
    try:
        for page, url, cold in endpoints(client, headers["manager"]):
            if cold and args.skip_cold:
                continue
            walked = None
            if url is None:
                url, walked = deep_url(
                    client, reverse("api:engagement-list"), headers["manager"], DEEP
                )
            repeat = args.cold_repeat if cold else args.repeat
            result = measure(client, url, headers["manager"], repeat, cold=cold)
            result.update(page=page, url=url, role="manager", walked=walked)
            rows.append(result)
            report_line(result)
            if args.explain is not None and not cold:  # EXPLAIN ANALYZE runs them again
                explain(pg, name, result["sql"], args.explain)
        for page, url in [
            ("engagements, first page", reverse("api:engagement-list")),
            (
                f"engagements, {DEEP} cursors deep",
                deep_url(client, reverse("api:engagement-list"), headers["officer"], DEEP)[0],
            ),
        ]:
            result = measure(client, url, headers["officer"], args.repeat)
            result.update(page=page, url=url, role="officer", walked=None)
            rows.append(result)
            report_line(result)
            if args.explain is not None:
                explain(pg, name, result["sql"], args.explain)
    finally:
        ApiToken.objects.filter(pk__in=made).delete()

    report = render(args, name, command, total, rows, machine(pg, name))
    print("\n" + report)
    if args.write:
        write_results(f"api:{label(args.size)}", report)
        print("written to benchmarks/RESULTS.md")


def report_line(result):
    print(
        f"{result['role']:8} {result['page']:58} median {result['median']:7.1f} ms  "
        f"p95 {result['p95']:7.1f} ms  {result['queries']:2d} queries "
        f"({result['query_ms']:.1f} ms in SQL)"
        + (f"; walked there in {result['walked']:.0f} s" if result["walked"] else ""),
        flush=True,
    )


def render(args, name, command, total, rows, machine_text) -> str:
    lines = [
        f"### API, {spaced(total)} engagements (database `{name}`)",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Machine: {machine_text}",
        f"- Command: `{command}`",
        "- A personal token as `Authorization: Bearer`, Django test client in-process, "
        "production settings, CONN_MAX_AGE=60, local-memory cache, default page size (100). "
        f"{args.repeat} timed requests after 2 warm-up ones ({args.cold_repeat} for the "
        "cache-emptied row). The deep page: `next` followed "
        f"{DEEP} times from the first page, then that URL timed.",
        "",
        "| endpoint | token of | median ms | p95 ms | queries | SQL ms (one request) "
        f"| target p95 < {TARGET_MS} ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        computed = "cache emptied" not in row["page"]
        if computed:
            met = (
                "met"
                if row["p95"] < TARGET_MS
                else f"**missed** by {row['p95'] - TARGET_MS:.0f} ms"
            )
        else:
            met = "— (the first request after a change)"
        lines.append(
            f"| {row['page']} | {row['role']} | {row['median']:.1f} | {row['p95']:.1f} | "
            f"{row['queries']} | {row['query_ms']:.1f} | {met} |"
        )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
