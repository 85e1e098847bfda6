"""The README's table of environment variables stays in sync with what the code reads."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENV_READ = re.compile(r"""\benv(?:\.\w+)?\(\s*["'](\w+)["']""")
# Files that read environment variables outside config/settings (make, Docker, scripts).
OTHER_READERS = [
    "Makefile",
    "Dockerfile",
    "docker-compose.yml",
    "manage.py",
    "config/wsgi.py",
    "scripts/healthcheck.py",
]


def read_in_settings() -> set[str]:
    names = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        names |= set(ENV_READ.findall(path.read_text()))
    return names


def readme_table() -> set[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`(\w+)`", first_cell))
    return names


def test_every_variable_the_settings_read_is_in_the_readme():
    missing = read_in_settings() - readme_table()
    assert not missing, f"add these to the README's environment table: {sorted(missing)}"


def test_every_variable_in_the_readme_is_read_somewhere():
    elsewhere = "\n".join((ROOT / name).read_text() for name in OTHER_READERS)
    stale = {
        name
        for name in readme_table() - read_in_settings()
        if not re.search(rf"\b{name}\b", elsewhere)
    }
    assert not stale, f"the README lists variables nothing reads: {sorted(stale)}"


def test_the_two_commands_come_first():
    text = (ROOT / "README.md").read_text()
    first_block = text.split("```", 2)[1]
    assert "make run" in first_block and "make test" in first_block
    assert text.index("make run") < text.index("## Environment variables")
