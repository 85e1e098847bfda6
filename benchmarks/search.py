#!/usr/bin/env python
"""The portal-wide search at volume, on PostgreSQL: the search page's first page, counts included.

    .venv/bin/python benchmarks/search.py --database bench_search_1m --write

The database must already hold the data (`benchmarks/run.py --size 1000000 --database NAME`
builds it, or `manage.py seed_demo --engagements 1000000` on it). For each query, signed in as the
demo manager (who sees every engagement) and as the demo officer (the visibility rule): 2 warm-up
requests, one counting queries, then --repeat timed requests of /en/search/?q=…: median and 95th
percentile; then EXPLAIN (ANALYZE, BUFFERS) of the page's slowest statements. `--write` records the
tables and plans in benchmarks/RESULTS.md between the markers `results:search`.
"""

import argparse
import os
import shlex
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import environment, machine, percentile, write_results  # noqa: E402

QUERIES = [
    ("one word", "resettlement"),
    ("one word, French", "réinstallation"),
    ("one word, rare", "Tbilisi"),
    ("three words", "refugee resettlement Geneva"),
    ("three words, French", "protection des réfugiés"),
]
TARGET_MS = 150


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timed = sorted(
        ((float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries), reverse=True
    )
    return {
        "median": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "queries": len(captured.captured_queries),
        "slowest": timed[:2],
    }


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--pghost", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pgport", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--pguser", default=os.environ.get("PGUSER", "postgres"))
    args = parser.parse_args()
    command = "python benchmarks/search.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    pg = {"host": args.pghost, "port": args.pgport, "user": args.pguser}
    url = f"postgres://{args.pguser}@{args.pghost}:{args.pgport}/{args.database}"
    os.environ.update(environment(url))
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.test import Client
    from django.utils.http import urlencode

    from accounts.models import User
    from engagements.models import Engagement

    size = Engagement.objects.count()
    lines = [
        f"## Search at {size:,} engagements".replace(",", " "),
        "",
        f"- Command: `{command}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Machine: {machine(pg, args.database)}",
        f"- Target: the first page of results, bounded counts included, p95 < {TARGET_MS} ms.",
        "",
        "| query | as | matches per kind | median ms | p95 ms | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    plans = []
    from search import selectors

    for username in ("manager", "officer"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for label, q in QUERIES:
            page = "/en/search/?" + urlencode({"q": q})
            result = measure(client, page, args.repeat)
            result["groups"] = selectors.search(user, q)
            counts = ", ".join(
                f"{g.kind.key} {'>1000' if g.more_than_limit else g.count}"
                for g in result["groups"]
                if g.count
            )
            met = "yes" if result["p95"] < TARGET_MS else "**no**"
            lines.append(
                f"| {label}: `{q}` | {username} | {counts or 'none'} | "
                f"{result['median']:.1f} | {result['p95']:.1f} | {met} |"
            )
            print(lines[-1], flush=True)
            if (
                username == "manager"
                and label in ("one word", "three words")
                or (username == "officer" and label == "one word")
            ):
                for ms, sql in result["slowest"][:1]:
                    plans.append(
                        f"### `{q}` as {username}: slowest statement ({ms:.1f} ms)\n\n"
                        f"```\n{sql}\n```\n\n```\n{explain(sql)}\n```\n"
                    )
    report = "\n".join(lines) + "\n\n" + "\n".join(plans)
    print(report)
    if args.write:
        write_results("search", report)


if __name__ == "__main__":
    main()
