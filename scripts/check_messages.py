"""Fail when the French catalog is stale, incomplete, fuzzy, or does not compile.

Runs makemessages into a temporary copy, so a string added to the code but not to the catalog is
caught too, then checks every entry has a French translation.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "django.po"
        shutil.copy(CATALOG, copy)
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale",
                "fr",
                "--ignore=.venv",
                "--ignore=staticfiles",
                "--no-obsolete",
                "--no-location",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        fresh = polib.pofile(str(CATALOG))
        shutil.copy(copy, CATALOG)  # leave the working tree as it was
    current = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOG)) if not e.obsolete}
    for entry in fresh:
        if (entry.msgctxt, entry.msgid) not in current:
            problems.append(f"not in the catalog (run `make messages`): {entry.msgid!r}")
    for entry in polib.pofile(str(CATALOG)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural and not all(entry.msgstr_plural.values()):
            problems.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgid_plural and not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(CATALOG)], capture_output=True, text=True
    )
    if result.returncode:
        problems.append(f"msgfmt: {result.stderr.strip()}")
    for problem in problems:
        print(problem)
    print(f"French catalog: {len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
