#!/usr/bin/env python
"""Volume benchmarks on PostgreSQL: build a size (or reuse it), then measure each page.

    .venv/bin/python benchmarks/run.py --size 100000            # builds bench_100k if needed
    .venv/bin/python benchmarks/run.py --size 1000000 --write   # ... and records the results
    make bench SIZE=1000000

For each page of benchmarks/pages.py: the server time (median and 95th percentile over --repeat
requests through Django's test client, in this process, with the production settings and a
persistent database connection) and the number of queries; for the dashboards, the same SELECTs
replayed as raw SQL on a plain psycopg2 connection and the ratio page time / raw SQL time; for the
CSV export of every engagement, rows per second and the peak memory (resident set) of this process.
`--write` puts the tables in benchmarks/RESULTS.md between the markers of the size, with the date,
the machine and the command. Not part of the test suite: nothing here is timed in tests.
"""

import argparse
import contextlib
import os
import platform
import secrets
import shlex
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
RESULTS = ROOT / "benchmarks" / "RESULTS.md"

TARGETS = {
    "dashboard": 150,  # ms, 95th percentile
    "list": 150,
    "detail": 150,
}
WRITE_TARGET = 100  # ms, 95th percentile of an approval or a return
RAW_RATIO = 1.5  # a page's cold time over the time of its own SQL replayed on a bare connection


def label(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def admin_connection(pg: dict):
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", **pg)
    connection.autocommit = True
    return connection


def ensure_database(name: str, pg: dict, rebuild: bool) -> bool:
    """Create the database if needed; True when it was (re)created."""
    connection = admin_connection(pg)  # autocommit: CREATE DATABASE refuses a transaction
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and rebuild:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return not exists


def environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        # the test client speaks plain HTTP in this process: nothing leaves the machine
        SECURE_SSL_REDIRECT="false",
        CONN_MAX_AGE=env.get("CONN_MAX_AGE", "60"),
        LOG_LEVEL="WARNING",
    )
    return env


def build(size: int, env: dict) -> dict:
    """migrate, then seed_demo --engagements SIZE (a no-op when the data is there), then
    VACUUM ANALYZE; returns the seconds each took."""
    timings = {}
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    timings["migrate"] = time.monotonic() - started
    started = time.monotonic()
    seeded = subprocess.run(
        [PYTHON, "manage.py", "seed_demo", "--engagements", str(size)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    timings["seed"] = time.monotonic() - started
    timings["seed_output"] = [
        line for line in seeded.stdout.splitlines() if line.startswith("Engagements:")
    ]
    return timings


def vacuum_analyze(pg: dict, name: str) -> float:
    import psycopg2

    started = time.monotonic()
    connection = psycopg2.connect(dbname=name, **pg)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    return time.monotonic() - started


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def rss_mb(field="VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak_rss():
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


class Writes:
    """Real writes between cold views, as managers make them: a submitted record approved, the
    next returned, through the services (the summaries kept, the cache's version replaced, the
    notices queued). Their own times are the writes' benchmark."""

    def __init__(self, manager):
        from engagements.models import Engagement

        self.manager = manager
        self.pending = iter(
            Engagement.objects.filter(status=Engagement.Status.SUBMITTED)
            .exclude(lead_officer=manager)
            .exclude(created_by=manager)
            .order_by("-pk")
            .values_list("pk", flat=True)[:5000]
        )
        self.times: dict[str, list[float]] = {"approve": [], "return": []}

    def __call__(self):
        from engagements import services
        from engagements.models import Engagement

        record = Engagement.objects.get(pk=next(self.pending))
        kind = "approve" if len(self.times["approve"]) <= len(self.times["return"]) else "return"
        started = time.perf_counter()
        if kind == "approve":
            services.approve_engagement(engagement=record, actor=self.manager)
        else:
            services.return_engagement(
                engagement=record, actor=self.manager, reason="Returned by the benchmark."
            )
        self.times[kind].append((time.perf_counter() - started) * 1000)


def measure_page(client, url, repeat, *, cold=False, write=None):
    """Warm: the figures and row counts from the cache, as for every view but the first after a
    change. Cold: the first view after a change: a real write (`write`) before each request, or
    the cache emptied when there is none."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm up: templates, translations, the connection
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        write() if write else cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, secure=True)
    # read now: captured_queries is a view of connection.queries, which the next request resets
    queries = list(captured.captured_queries)
    times = []
    for _ in range(repeat):
        if cold:
            write() if write else cache.clear()
        started = time.perf_counter()
        response = client.get(url, secure=True)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "sql": [q["sql"] for q in queries],
        "query_ms": sum(float(q["time"]) for q in queries) * 1000,
    }


def raw_sql_ms(pg, name, statements, repeat):
    """The page's own SELECTs, replayed on a plain psycopg2 connection (no ORM, no template)."""
    import psycopg2

    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    connection = psycopg2.connect(dbname=name, **pg)
    connection.autocommit = True
    times = []
    with connection.cursor() as cursor:
        for run in range(repeat + 2):
            started = time.perf_counter()
            for sql in selects:
                cursor.execute(sql)
                cursor.fetchall()
            if run >= 2:
                times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return statistics.median(times), percentile(times, 0.95), len(selects)


def explain(pg, name, statements, threshold_ms):
    import psycopg2

    connection = psycopg2.connect(dbname=name, **pg)
    connection.autocommit = True
    with connection.cursor() as cursor:
        for sql in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            took = (time.perf_counter() - started) * 1000
            if took < threshold_ms:
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print(f"\n--- {took:.1f} ms\n{sql[:600]}")
            print("\n".join(row[0] for row in cursor.fetchall()))
    connection.close()


def measure_export(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reset_peak_rss()
    before = rss_mb()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, secure=True)
        assert response.status_code == 200, response.status_code
        assert response.streaming, "the CSV export must stream"
        lines = 0
        size = 0
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
            size += len(chunk)
        response.close()
    seconds = time.perf_counter() - started
    rows = lines - 2  # the title row and the header
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds if seconds else 0,
        "mb": size / 1e6,
        "rss_before": before,
        "rss_peak": rss_mb("VmHWM"),
        "queries": len(captured),
    }


def machine(pg, name) -> str:
    import django
    import psycopg2

    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    connection = psycopg2.connect(dbname=name, **pg)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    connection.close()
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory} RAM, {platform.system()} {platform.release()}; "
        f"PostgreSQL {server} on the same machine (default settings); Python "
        f"{platform.python_version()}, Django {django.get_version()}; the machine is shared "
        f"with other work, so the figures are noisy (load average at start: "
        f"{os.getloadavg()[0]:.1f})"
    )


def kind_of(page: str) -> str:
    if page.startswith(("dashboard", "by-forum")):
        return "dashboard"
    if page.startswith("engagement detail"):
        return "detail"
    return "list"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="engagements, e.g. 1000000")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--cold-repeat", type=int, default=5, help="timed requests per page, cache emptied"
    )
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--no-export", action="store_true", help="skip the CSV export")
    parser.add_argument("--write", action="store_true", help="record in benchmarks/RESULTS.md")
    parser.add_argument(
        "--explain", type=float, metavar="MS", help="EXPLAIN ANALYZE page queries slower than MS"
    )
    parser.add_argument(
        "--database", help="the database's name (default bench_<size>: bench_10k, bench_1m...)"
    )
    parser.add_argument("--pghost", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pgport", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--pguser", default=os.environ.get("PGUSER", "postgres"))
    args = parser.parse_args()
    command = "python benchmarks/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])

    pg = {"host": args.pghost, "port": args.pgport, "user": args.pguser}
    name = args.database or f"bench_{label(args.size)}"
    url = f"postgres://{args.pguser}@{args.pghost}:{args.pgport}/{name}"
    env = environment(url)
    created = ensure_database(name, pg, args.rebuild)
    print(f"database {name} ({'created' if created else 'reused'})", flush=True)
    timings = build(args.size, env)
    timings["vacuum"] = vacuum_analyze(pg, name) if created or timings["seed_output"] else 0.0
    print(
        f"migrate {timings['migrate']:.1f} s, seed {timings['seed']:.1f} s "
        f"({' '.join(timings['seed_output'])}), VACUUM ANALYZE {timings['vacuum']:.1f} s",
        flush=True,
    )

    os.environ.update(env)
    # whitenoise warns that STATIC_ROOT is missing: the pages are measured, not static files
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.test import Client

    from accounts.models import User
    from benchmarks.pages import bench_pages, export_url

    manager = User.objects.get(username="manager")
    officer = User.objects.get(username="officer")
    client = Client()
    client.force_login(manager)
    writes = Writes(manager)
    rows = []
    for page, page_url in bench_pages(manager):
        result = measure_page(client, page_url, args.repeat)
        cold = measure_page(client, page_url, args.cold_repeat, cold=True, write=writes)
        result.update(page=page, url=page_url, cold=cold)
        # what the page reads on its first view after a change, as raw SQL
        raw_median, _raw_p95, selects = raw_sql_ms(pg, name, cold["sql"], args.cold_repeat)
        result["raw"] = raw_median
        result["raw_selects"] = selects
        rows.append(result)
        print(
            f"{page:55} median {result['median']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
            f"{result['queries']:3d} queries; cold median {cold['median']:7.1f} ms "
            f"p95 {cold['p95']:7.1f} ms {cold['queries']:3d} queries"
            + (f"; raw SQL {result['raw']:.1f} ms" if "raw" in result else ""),
            flush=True,
        )
        if args.explain is not None:
            explain(pg, name, cold["sql"], args.explain)
    # an officer's view of the list: the visibility rule adds an OR over their own records
    officer_client = Client()
    officer_client.force_login(officer)
    listing = [u for p, u in bench_pages(officer) if p == "engagement list, first page"][0]
    result = measure_page(officer_client, listing, args.repeat)
    cold = measure_page(officer_client, listing, args.cold_repeat, cold=True, write=writes)
    result.update(page="engagement list, first page (as an officer)", url=listing, cold=cold)
    rows.append(result)
    print(f"{result['page']:55} median {result['median']:7.1f} ms  p95 {result['p95']:7.1f} ms")

    export = None
    if not args.no_export:
        export = measure_export(client, export_url())
        print(
            f"CSV export: {export['rows']} rows in {export['seconds']:.1f} s = "
            f"{export['rows_per_s']:.0f} rows/s, {export['mb']:.0f} MB, RSS "
            f"{export['rss_before']:.0f} MB before, peak {export['rss_peak']:.0f} MB",
            flush=True,
        )

    from io import StringIO

    from django.core.management import call_command

    started = time.perf_counter()
    verified = StringIO()
    try:
        call_command("verify_figures", stdout=verified, stderr=verified)
    except Exception as error:  # noqa: BLE001 (the report says what verify_figures said)
        verified.write(str(error))
    timings["verify"] = (
        time.perf_counter() - started,
        verified.getvalue().strip().splitlines()[-1],
    )
    print(f"verify_figures: {timings['verify'][1]} ({timings['verify'][0]:.1f} s)", flush=True)
    timings["writes"] = writes.times

    report = render(args, name, command, timings, rows, export, machine(pg, name))
    print("\n" + report)
    if args.write:
        write_results(label(args.size), report)
        print(f"written to {RESULTS.relative_to(ROOT)}")


def render(args, name, command, timings, rows, export, machine_text) -> str:
    today = time.strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        f"### {spaced(args.size)} engagements (database `{name}`)",
        "",
        f"- Date: {today}",
        f"- Machine: {machine_text}",
        f"- Command: `{command}`",
        f"- Build: migrate {timings['migrate']:.0f} s; seed_demo {timings['seed']:.0f} s "
        f"({'; '.join(timings['seed_output']) or 'nothing to add'}); "
        f"VACUUM ANALYZE {timings['vacuum']:.0f} s",
        f"- Signed in as the demo manager (sees every engagement), Django test client "
        "in-process, production settings, CONN_MAX_AGE=60, local-memory cache. **Warm**: "
        f"{args.repeat} requests after 2 warm-up ones, the figures and row counts read from the "
        f"cache (every view but the first after a change). **Cold**: {args.cold_repeat} requests, "
        "each the first view after a real write (a submitted record approved or returned by "
        "another manager through the services). "
        "**Raw SQL**: the SELECTs of the cold page replayed on a plain psycopg2 connection "
        "(median); page / raw is the cold median over it.",
        "",
        "| page | warm median ms | warm p95 ms | queries | cold median ms | cold p95 ms "
        "| cold queries | raw SQL ms | cold page / raw | target (on the warm p95) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        kind = kind_of(row["page"])
        target = TARGETS[kind]
        cold = row["cold"]
        met = "met" if row["p95"] < target else f"**missed** by {row['p95'] - target:.0f} ms"
        if "raw" in row:
            ratio = cold["median"] / row["raw"] if row["raw"] else float("nan")
            raw = f"{row['raw']:.1f}"
            ratio_text = f"{ratio:.2f}"
            met += "; cold ≤ 1.5× raw SQL: " + (
                "met" if ratio <= RAW_RATIO else f"**missed** ({ratio:.1f}×)"
            )
        else:
            raw = ratio_text = "—"
        target_text = f"p95 < {target} ms: {met}"
        lines.append(
            f"| {row['page']} | {row['median']:.1f} | {row['p95']:.1f} | {row['queries']} | "
            f"{cold['median']:.1f} | {cold['p95']:.1f} | {cold['queries']} | "
            f"{raw} | {ratio_text} | {target_text} |"
        )
    if export:
        rate_ok = "met" if export["rows_per_s"] >= 20000 else "**missed**"
        memory_ok = "met" if export["rss_peak"] < 250 else "**missed**"
        lines += [
            "",
            f"CSV export of every engagement (`?_export=csv`, streamed): {spaced(export['rows'])} "
            f"rows, {export['mb']:.0f} MB in {export['seconds']:.1f} s = "
            f"**{spaced(export['rows_per_s'])} rows/s** (target ≥ 20 000: {rate_ok}); "
            f"{export['queries']} queries (the rows through one server-side cursor, their themes "
            "one query per 5 000 rows); resident memory of the serving process "
            f"{export['rss_before']:.0f} MB before, **peak {export['rss_peak']:.0f} MB** "
            f"(target < 250 MB: {memory_ok}).",
        ]
    lines.append("")
    for kind, times in timings.get("writes", {}).items():
        if times:
            p95 = percentile(times, 0.95)
            met = "met" if p95 < WRITE_TARGET else f"**missed** by {p95 - WRITE_TARGET:.0f} ms"
            lines.append(
                f"- Write, {kind} a submitted record (services, summaries kept): "
                f"{len(times)} writes, median {statistics.median(times):.1f} ms, "
                f"p95 {p95:.1f} ms (target < {WRITE_TARGET} ms: {met})."
            )
    if "verify" in timings:
        seconds, said = timings["verify"]
        lines.append(f"- After these writes, `verify_figures` ({seconds:.0f} s): {said}")
    lines.append("")
    return "\n".join(lines)


def spaced(number) -> str:
    """1 000 000, as the results write numbers."""
    return f"{number:,.0f}".replace(",", " ")


def write_results(key: str, report: str):
    begin, end = f"<!-- results:{key} -->", f"<!-- /results:{key} -->"
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    block = f"{begin}\n{report}\n{end}"
    if begin in text and end in text:
        before, rest = text.split(begin, 1)
        _old, after = rest.split(end, 1)
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
