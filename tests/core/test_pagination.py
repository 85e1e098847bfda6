"""A cached row count (core.pagination, LIST_COUNT_CACHE_SECONDS) decides only the total shown and
the number of pages: when it is stale (a write that bypassed the signals, another process's
restore) no row is hidden and none is shown twice."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache
from engagements.models import Engagement
from tests.engagements.factories import EngagementFactory

pytestmark = pytest.mark.django_db
URL = reverse("engagements:list")


@pytest.fixture(autouse=True)
def _count_cache_on(settings):
    settings.LIST_COUNT_CACHE_SECONDS = 3600


def make(officer, number):
    return [
        EngagementFactory(lead_officer=officer, meeting=None, kind="bilateral", forum=None)
        for _ in range(number)
    ]


def stale(change):
    """Make the change, then put the data version back: the cached count no longer matches."""
    version = cache.version()
    change()
    cache.cache.set(cache.VERSION_KEY, version, None)


def every_page(client, query):
    """Every row, following the pages as a reader does (each page says how many there are)."""
    pks, number, pages = [], 1, 1
    while number <= pages:
        table = client.get(URL, {**query, "page": number}).context["table"]
        pks += [row.record.pk for row in table.page.object_list]
        pages, number = table.paginator.num_pages, number + 1
    return pks, table.paginator.count


def test_a_stale_low_count_hides_no_row_on_a_single_page(officer_client, officer):
    make(officer, 10)
    assert officer_client.get(URL).context["table"].paginator.count == 10
    stale(lambda: make(officer, 1))

    table = officer_client.get(URL).context["table"]

    assert len(table.page.object_list) == 11
    assert table.paginator.count == 11


@pytest.mark.parametrize("added", [1, 7, 25])
def test_a_stale_low_count_hides_no_row_across_pages(officer_client, officer, added):
    make(officer, 30)
    query = {"per_page": 10}
    assert every_page(officer_client, query)[1] == 30
    stale(lambda: make(officer, added))

    pks, count = every_page(officer_client, query)

    assert sorted(pks) == sorted(Engagement.objects.values_list("pk", flat=True))
    assert count == 30 + added


def test_a_stale_high_count_repeats_no_row(officer_client, officer):
    records = make(officer, 30)
    query = {"per_page": 10, "status": "draft"}
    assert every_page(officer_client, query)[1] == 30
    stale(
        lambda: Engagement.objects.filter(pk__in=[r.pk for r in records[:25]]).update(
            status="submitted"
        )
    )

    pks, count = every_page(officer_client, query)

    assert sorted(pks) == sorted(r.pk for r in records[25:])
    assert count == 5


def test_a_first_page_that_is_not_the_last_keeps_the_cached_count(officer_client, officer):
    make(officer, 30)
    query = {"per_page": 10}
    officer_client.get(URL, query)  # counts, and caches the count

    def counts(page):
        with CaptureQueriesContext(connection) as captured:
            officer_client.get(URL, {**query, "page": page})
        return sum('COUNT(*) AS "__count"' in q["sql"] for q in captured)

    assert counts(1) == 0  # the total and the page links come from the cache
    assert counts(3) == 1  # the last page ends at the count: counted afresh
