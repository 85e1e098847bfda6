"""One user per role, as the permission matrix and most tests need them; and every transactional
test starts from the database as the migrations left it (roles, themes, forums, transfer payments).
"""

import pytest
from django.utils import translation

from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS
from tests.factories import UserFactory


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


def pytest_collection_modifyitems(config, items):
    # A transactional test empties the database when it ends, taking with it what the data
    # migrations loaded. Serialized rollback puts that back before each transactional test, so
    # each one starts from a fresh install, whatever ran before it.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            item.add_marker(
                pytest.mark.django_db(
                    *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                ),
                append=False,
            )


@pytest.fixture(scope="session", autouse=True)
def _serialized_tests_start_from_the_migrated_database(django_db_setup, django_db_blocker):
    """Make serialized rollback reliable (every transactional test uses it, see below).

    1. Playwright's sync API runs an event loop in the test thread, and while it runs Django's
       connection handler keeps its connections in context variables, not per thread: a browser
       test may get a fresh connection object that lacks the migrated database's serialized
       contents (kept on the connection that created the test database). Hand them over.
    2. A transactional test without serialized rollback (elsewhere in the suite) ends with a flush
       that fires post_migrate, which re-creates the role groups and would collide with the
       reload: empty the database first.
    3. After the reload, PostgreSQL's sequences are reset past the reloaded rows.
    """
    from django.core.management import call_command
    from django.db import connections
    from django.test import TransactionTestCase

    with django_db_blocker.unblock():
        contents = {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }
    original = TransactionTestCase.__dict__["_fixture_setup"]

    @classmethod
    def _fixture_setup(cls):
        if cls.serialized_rollback:
            for alias in cls._databases_names(include_mirrors=False):
                if alias in contents:
                    connections[alias]._test_serialized_contents = contents[alias]
                call_command(
                    "flush",
                    verbosity=0,
                    interactive=False,
                    database=alias,
                    inhibit_post_migrate=True,
                )
        original.__func__(cls)
        if cls.serialized_rollback:
            for alias in cls._databases_names(include_mirrors=False):
                _reset_sequences(connections[alias])

    TransactionTestCase._fixture_setup = _fixture_setup
    yield
    TransactionTestCase._fixture_setup = original


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
