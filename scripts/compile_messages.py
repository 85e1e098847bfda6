"""Compile locale/*/LC_MESSAGES/django.po into django.mo with polib, so that `make run` and
`make test` need nothing but Python (Django's compilemessages needs GNU gettext's msgfmt).

`scripts/check_messages.py` still runs msgfmt --check in CI, which catches what polib lets by.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    catalogs = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))
    for po_path in catalogs:
        catalog = polib.pofile(str(po_path))
        # Like msgfmt: fuzzy entries are left out, so they fall back to the English text.
        for entry in catalog.fuzzy_entries():
            catalog.remove(entry)
        mo_path = po_path.with_suffix(".mo")
        catalog.save_as_mofile(str(mo_path))
        print(f"compiled {mo_path.relative_to(ROOT)} ({len(catalog.translated_entries())} strings)")
    return 0 if catalogs else 1


if __name__ == "__main__":
    sys.exit(main())
