"""The dashboards' figures are cached until a record they count changes (core/cache.py),
in the local-memory cache and in a real Redis (the production setting for several servers)."""

import os
import socket
import uuid
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache as figures_cache
from core.fiscal import FiscalYear
from engagements import services
from indicators import calculations as calc
from tests.indicators.records import YEAR, DocumentFactory, deliver

pytestmark = pytest.mark.django_db

FY = FiscalYear(YEAR)
R, N = "reflected", "not_reflected"


def official():
    return calc.get(calc.OFFICIAL)


def queries(client, url):
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(captured)


def test_series_is_read_from_the_cache_until_a_record_changes(officer, manager):
    deliver(DocumentFactory(), R)
    assert official().figures_for(FY).value == 100
    cached = official().series([FY])
    assert cached[FY].numerator == 1  # second read: from the cache

    # a submitted engagement approved through the services changes the figure at once
    document = DocumentFactory()
    engagement = deliver(document, N, status="submitted")
    services.approve_engagement(engagement=engagement, actor=manager)
    assert official().figures_for(FY).value == 50


def test_cached_read_costs_no_query(django_assert_num_queries):
    deliver(DocumentFactory(), R)
    official().series([FY])
    with django_assert_num_queries(0):
        official().series([FY])


@pytest.mark.parametrize("change", ["position", "meeting", "delete", "partners"])
def test_every_kind_of_change_replaces_the_version(change):
    from partners.models import Organization

    engagement = deliver(DocumentFactory(), R)
    before = figures_cache.version()
    position = engagement.positions.get()
    if change == "position":
        position.outcome = N
        position.save()
    elif change == "meeting":
        meeting = engagement.meeting
        meeting.is_important = False
        meeting.importance = "declined"
        meeting.save()
    elif change == "delete":
        position.delete()
    else:
        engagement.partners.add(Organization.objects.first())
    assert figures_cache.version() != before


def test_the_version_is_replaced_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        deliver(DocumentFactory(), R)
        during = figures_cache.version()
    assert callbacks  # a reader that cached figures meanwhile would have used `during`
    for callback in callbacks:
        callback()
    assert figures_cache.version() != during


def test_turned_off_with_zero_seconds(settings, django_assert_num_queries):
    settings.FIGURES_CACHE_SECONDS = 0
    deliver(DocumentFactory(), R)
    official().series([FY])
    with django_assert_num_queries(2):  # the figures and the records awaiting approval
        official().series([FY])


# Measured: the dashboard computing every indicator's trend, and the same page with the figures
# from the cache (indicators, targets, results, resources, attention list, events to watch,
# session, user, permissions and the navigation badge are still read).
DASHBOARD_COMPUTED = (
    31  # + the oldest records waiting in the manager's work, + saved views, + a summary
)
DASHBOARD_CACHED = 18


def test_dashboard_queries_computed_and_cached(manager_client):
    deliver(DocumentFactory(), R, N)
    url = reverse("dashboard") + f"?year={FY.slug}"
    manager_client.get(url)  # sessions, content types
    cache.clear()
    assert queries(manager_client, url) == DASHBOARD_COMPUTED
    assert queries(manager_client, url) == DASHBOARD_CACHED
    deliver(DocumentFactory(), R)  # a change: computed again, once
    assert queries(manager_client, url) == DASHBOARD_COMPUTED
    assert queries(manager_client, url) == DASHBOARD_CACHED


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_cache(settings):
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis must run on 127.0.0.1:6379 in CI (.ci/run starts it)")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"portal-test-{uuid.uuid4().hex}",
        }
    }
    yield cache
    cache.clear()


def test_figures_cached_in_a_real_redis_and_replaced_on_change(redis_cache, manager):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    deliver(DocumentFactory(), R)
    assert official().figures_for(FY).value == 100
    version = figures_cache.version()
    key = f"portal:series:{calc.OFFICIAL}:{version}:{FY.start_year}"
    assert redis_cache.get(key)[FY].numerator == 1  # stored in Redis, as Figures

    engagement = deliver(DocumentFactory(), N, status="submitted")
    services.approve_engagement(engagement=engagement, actor=manager)
    assert figures_cache.version() != version
    assert official().figures_for(FY).value == 50


def test_cache_url_selects_django_s_own_redis_backend():
    import environ

    config = environ.Env.cache_url_config("redis://cache:6379/1")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == "redis://cache:6379/1"
