#!/usr/bin/env python
"""The engagements import at volume: a 10 000-row file (5 000 engagements of 2 positions at 50
meetings), its dry run and its commit, timed, with the peak memory (resident set) of the process.

    .venv/bin/python benchmarks/imports.py                       # SQLite, a fresh file in /tmp
    .venv/bin/python benchmarks/imports.py --postgres postgres://postgres@127.0.0.1:5432/portal_imports
    .venv/bin/python benchmarks/imports.py --rows 20000 --format csv

The database is migrated (on PostgreSQL the named database is emptied first: use one of your own).
Each phase runs in its own child process, so each peak memory is that phase's alone. Not part of
the test suite: nothing there is timed.
"""

import argparse
import datetime
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
MEETINGS = 50


def setup_django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "false"  # no query log growing with the rows
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(args):
    """Reference data (an officer, 50 meetings with an outcome document each) and the file."""
    from django.contrib.auth.models import Group
    from openpyxl import Workbook

    from accounts.models import User
    from accounts.roles import OFFICERS
    from forums.models import Forum, Meeting, OutcomeDocument
    from tests.imports.helpers import HEADER, csv_bytes

    officer, _ = User.objects.get_or_create(username="bench-officer", email="bench@example.gc.ca")
    officer.groups.add(Group.objects.get(name=OFFICERS))
    forum = Forum.objects.get(acronym_en="IGC")
    meetings = []
    for number in range(MEETINGS):
        start = datetime.date(2013, 4, 1) + datetime.timedelta(days=7 * number)
        meeting, _ = Meeting.objects.get_or_create(
            forum=forum,
            name_en=f"IGC working group {number + 1}",
            start_date=start,
            defaults={
                "name_fr": f"Groupe de travail des CIG {number + 1}",
                "end_date": start + datetime.timedelta(days=1),
            },
        )
        OutcomeDocument.objects.get_or_create(
            meeting=meeting, title_en=f"Report {number + 1}", defaults={"kind": "report"}
        )
        meetings.append(meeting)
    rows = []
    for index in range(args.rows):
        engagement = index // 2
        meeting = meetings[engagement % MEETINGS]
        rows.append(
            {
                "reference": f"BENCH-{engagement}",
                "kind": "meeting",
                "forum": "IGC",
                "meeting": meeting.name_en,
                "start_date": meeting.start_date.isoformat(),
                "end_date": meeting.end_date.isoformat(),
                "city": "Geneva",
                "country": "CH",
                "lead_officer": officer.username,
                "themes": "resettlement; integration",
                "summary": f"Canada took part in {meeting.name_en} (record {engagement}).",
                "position": f"Canada's position {index % 2 + 1} at record {engagement}.",
                "position_theme": "resettlement",
                "outcome_document": f"Report {engagement % MEETINGS + 1}",
                "outcome": ["reflected", "partially_reflected", "not_reflected"][index % 3],
                "outcome_note": "",
            }
        )
    if args.format == "csv":
        data = csv_bytes(rows)
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(HEADER)
        for row in rows:
            sheet.append([row[key] for key in HEADER])
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    Path(args.file).write_bytes(data)
    return {"file_bytes": len(data)}


def dry_run(args):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import User
    from imports import services
    from imports.models import ImportLog

    officer = User.objects.get(username="bench-officer")
    upload = SimpleUploadedFile(f"bench.{args.format}", Path(args.file).read_bytes())
    started = time.perf_counter()
    log = services.upload(actor=officer, kind=ImportLog.Kind.ENGAGEMENTS, file=upload)
    seconds = time.perf_counter() - started
    assert log.error_count == 0, log.report["errors"][:5]
    return {"log": log.pk, "seconds": seconds, "created": log.created, "rows": log.rows}


def commit(args):
    from accounts.models import User
    from engagements.models import Engagement, Position
    from imports import services
    from imports.models import ImportLog

    officer = User.objects.get(username="bench-officer")
    log = ImportLog.objects.get(pk=args.log)
    started = time.perf_counter()
    log = services.commit(actor=officer, log=log, reason="Benchmark: entered after the meetings.")
    seconds = time.perf_counter() - started
    assert log.status == ImportLog.Status.COMMITTED, log.report["errors"][:5]
    return {
        "seconds": seconds,
        "engagements": Engagement.objects.filter(imported__last_import=log).count(),
        "positions": Position.objects.filter(engagement__imported__last_import=log).count(),
    }


def child(args):
    setup_django(args.database)
    phase = {"prepare": prepare, "dry_run": dry_run, "commit": commit}[args.phase]
    result = phase(args)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


def run_phase(args, phase, **extra):
    command = [
        PYTHON,
        __file__,
        "--child",
        phase,
        "--database",
        args.database,
        "--file",
        args.file,
        "--rows",
        str(args.rows),
        "--format",
        args.format,
    ]
    for name, value in extra.items():
        command += [f"--{name}", str(value)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--child", dest="phase", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--log", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        return child(args)
    workdir = Path(tempfile.mkdtemp(prefix="bench-imports-"))
    args.file = str(workdir / f"bench.{args.format}")
    if args.postgres:
        args.database = args.postgres
        env = {**os.environ, "DATABASE_URL": args.postgres}
        subprocess.run(
            [PYTHON, "manage.py", "flush", "--no-input"],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
        )
    else:
        args.database = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    prepared = run_phase(args, "prepare")
    print(f"file: {args.rows} rows, {args.format}, {prepared['file_bytes'] / 1e6:.1f} MB")
    checked = run_phase(args, "dry_run")
    print(
        f"dry run: {checked['seconds']:.1f} s, peak {checked['peak_mb']:.0f} MB, "
        f"{checked['created']} engagements to create"
    )
    written = run_phase(args, "commit", log=checked["log"])
    print(
        f"commit: {written['seconds']:.1f} s, peak {written['peak_mb']:.0f} MB, "
        f"{written['engagements']} engagements, {written['positions']} positions"
    )
    again = run_phase(args, "dry_run")
    print(
        f"re-import dry run: {again['seconds']:.1f} s, peak {again['peak_mb']:.0f} MB, "
        f"{again['created']} to create"
    )


if __name__ == "__main__":
    main()
