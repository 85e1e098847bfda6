"""The reference data migrations' loaders, callable from tests.

Transactional tests (browser tests) start from a flushed database, without what data migrations
loaded; `load_reference_data()` puts the real organizations, forums and meetings back.
"""

import importlib

from django.apps import apps

partners_data = importlib.import_module("partners.migrations.0003_reference_organizations")
forums_data = importlib.import_module("forums.migrations.0002_reference_forums")


def load_reference_data() -> None:
    partners_data.load_organizations(apps, None)
    forums_data.load_forums(apps, None)


def remove_reference_data() -> None:
    forums_data.remove_forums(apps, None)
    partners_data.remove_organizations(apps, None)
