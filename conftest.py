"""One user per role, as the permission matrix and most tests need them; and every transactional
test starts from the database as the migrations left it (roles, themes, forums, transfer payments).
"""

import pytest
from django.utils import translation

from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from tests.accounts.factories import UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="alice", role=OFFICERS)


@pytest.fixture
def other_officer(db):
    return UserFactory(username="bob", role=OFFICERS)


@pytest.fixture
def manager(db):
    return UserFactory(username="carol", role=MANAGERS)


@pytest.fixture
def administrator(db):
    return UserFactory(username="dave", role=ADMINISTRATORS, is_staff=True)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def admin_client_(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A /fr/ request leaves French active in the test thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache_between_tests():
    """The cache outlives each test's rolled-back database: cached figures must not leak into
    the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def _migrated_database(django_db_setup, django_db_blocker):
    """The test database as the migrations left it (roles, themes, forums, transfer payments...),
    serialized once, right after it was created."""
    from django.db import connections

    with django_db_blocker.unblock():
        return {
            alias: connections[alias].creation.serialize_db_to_string() for alias in connections
        }


@pytest.fixture(autouse=True)
def _transactional_tests_start_from_the_migrated_database(request):
    """A transactional test (browser tests, concurrency, recovery) ends with a flush that takes
    what the data migrations loaded with it. Each one starts from a fresh install instead,
    whatever ran before it: the database emptied (without post_migrate, which would re-create the
    role groups and collide with the reload), reloaded, and PostgreSQL's sequences moved past the
    reloaded rows. The contents are this fixture's own, so the fresh connection objects a browser
    test may get while Playwright's event loop runs need nothing handed over."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    migrated = request.getfixturevalue("_migrated_database")
    request.getfixturevalue("transactional_db")
    from django.core.management import call_command
    from django.db import connections

    for alias, contents in migrated.items():
        call_command(
            "flush", verbosity=0, interactive=False, database=alias, inhibit_post_migrate=True
        )
        connections[alias].creation.deserialize_db_from_string(contents)
        _reset_sequences(connections[alias])


def _reset_sequences(connection):
    """The reload inserts rows with their primary keys but leaves PostgreSQL's sequences behind,
    so the test's own first insert would reuse id 1. (SQLite needs nothing: no statements.)"""
    from django.apps import apps
    from django.core.management.color import no_style

    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def database_tasks(settings):
    """django-tasks' database backend, as in production (the tests' default runs tasks at once):
    for pages that read the stored task results, such as their admin."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
