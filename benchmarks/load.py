#!/usr/bin/env python
"""The portal under load: gunicorn with the production settings on PostgreSQL, N signed-in clients
on loopback for a fixed time over a mix of pages.

    .venv/bin/python benchmarks/load.py --size 100000            # 32 clients, 60 s
    .venv/bin/python benchmarks/load.py --size 100000 --write    # ... and record in RESULTS.md

The database is built (or reused) as benchmarks/run.py does. gunicorn serves on 127.0.0.1 only,
with SECURE_SSL_REDIRECT=false (plain HTTP on loopback, nothing leaves the machine; production
keeps the redirect) and the cache in Redis (CACHE_URL, as with several servers). Each client is a
thread with its own signed-in session (half the demo manager, half the demo officers), sending one
request after another until the time is up: bounded in time, loopback only. Reports throughput,
latency percentiles and the error count (any answer but 200, or no answer).
"""

import argparse
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import (  # noqa: E402
    build,
    ensure_database,
    environment,
    label,
    percentile,
    spaced,
    vacuum_analyze,
    write_results,
)

HOST = "127.0.0.1"

# (page, weight): what a working day looks like — dashboards and lists, records opened from them
MIX = [
    ("dashboard (current year)", 15),
    ("dashboard (2015-16)", 10),
    ("by-forum dashboard (2015-16)", 10),
    ("indicator drill-down (official, 2015-16, denominator)", 10),
    ("engagement list, first page", 15),
    ("engagement list, filtered", 10),
    ("engagement list, page 40", 5),
    ("engagement detail", 20),
    ("agreements list", 5),
]


def wait_for(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port}")


def sessions(count):
    """`count` signed-in sessions in the database: (session key, user kind)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User
    from accounts.roles import OFFICERS

    manager = User.objects.get(username="manager")
    officers = list(User.objects.filter(groups__name=OFFICERS).order_by("pk"))
    out = []
    for index in range(count):
        user = manager if index % 2 == 0 else officers[index // 2 % len(officers)]
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        out.append((store.session_key, "manager" if user == manager else "officer"))
    return out


def urls():
    from django.urls import reverse

    from accounts.models import User
    from benchmarks.pages import bench_pages
    from engagements.models import Engagement

    manager = User.objects.get(username="manager")
    pages = dict(bench_pages(manager))
    pages["engagement list, page 40"] = reverse("engagements:list") + "?page=40"
    approved = list(
        Engagement.objects.filter(status="approved")
        .order_by("?")
        .values_list("pk", flat=True)[:500]
    )
    details = [reverse("engagements:detail", args=[pk]) for pk in approved]
    return pages, details


def client(port, cookie, pages, details, deadline, rng, results, lock):
    headers = {"Cookie": f"sessionid={cookie}", "Host": HOST}
    names = [name for name, _weight in MIX]
    weights = [weight for _name, weight in MIX]
    mine = []
    while time.monotonic() < deadline:
        name = rng.choices(names, weights)[0]
        path = rng.choice(details) if name == "engagement detail" else pages[name]
        started = time.perf_counter()
        status = 0
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
        except OSError:
            status = -1
        mine.append((name, status, (time.perf_counter() - started) * 1000))
    with lock:
        results.extend(mine)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--pghost", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--pgport", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--pguser", default=os.environ.get("PGUSER", "postgres"))
    args = parser.parse_args()
    if args.seconds > 600 or args.clients > 256:
        raise SystemExit("bounded: at most 600 seconds and 256 clients")
    command = "python benchmarks/load.py " + " ".join(sys.argv[1:])

    pg = {"host": args.pghost, "port": args.pgport, "user": args.pguser}
    name = f"bench_{label(args.size)}"
    env = environment(f"postgres://{args.pguser}@{args.pghost}:{args.pgport}/{name}")
    env.update(ALLOWED_HOSTS=HOST, CACHE_URL=args.cache_url, STATIC_ROOT="/tmp/portal-bench-static")
    ensure_database(name, pg, rebuild=False)
    timings = build(args.size, env)
    if "created" in " ".join(timings["seed_output"]):
        vacuum_analyze(pg, name)

    os.environ.update(env)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()  # start cold: the first requests compute the figures
    cookies = sessions(args.clients)
    pages, details = urls()

    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "60",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(args.port)
        results, lock = [], threading.Lock()
        deadline = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=client,
                args=(args.port, cookie, pages, details, deadline, random.Random(i), results, lock),
            )
            for i, (cookie, _kind) in enumerate(cookies)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    report = render(args, name, command, results, elapsed)
    print(report)
    if args.write:
        write_results(f"load-{label(args.size)}", report)


def render(args, name, command, results, elapsed):
    times = [ms for _name, _status, ms in results]
    errors = [r for r in results if r[1] != 200]
    lines = [
        f"### Under load: {args.clients} clients, {args.seconds} s, {spaced(args.size)} engagements",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Command: `{command}`",
        f"- gunicorn {args.workers} sync workers, production settings with "
        "SECURE_SSL_REDIRECT=false (plain HTTP on loopback only), CONN_MAX_AGE=60, cache in "
        f"Redis ({args.cache_url}), started cold; database `{name}`; each client its own signed-in "
        "session (half manager, half officers), one request after another.",
        "",
        f"**{len(results)} requests in {elapsed:.1f} s = {len(results) / elapsed:.1f} requests/s; "
        f"median {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms, "
        f"p99 {percentile(times, 0.99):.0f} ms, max {max(times):.0f} ms; errors: {len(errors)}**"
        + (f" ({sorted({r[1] for r in errors})})" if errors else ""),
        "",
        "| page | requests | median ms | p99 ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for page, _weight in MIX:
        mine = [ms for n, _status, ms in results if n == page]
        if mine:
            lines.append(
                f"| {page} | {len(mine)} | {statistics.median(mine):.0f} | "
                f"{percentile(mine, 0.99):.0f} |"
            )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
