"""The pages the benchmarks measure cost the same number of queries whatever the volume: measured
on the demo data at two sizes, and pinned. (Speed itself is measured by benchmarks/run.py, never
here.)"""

import io
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from benchmarks.pages import bench_pages, export_url

pytestmark = pytest.mark.django_db

# Measured on the demo data, signed in as the demo manager, the dashboards' figures computed (not
# cached). Each includes the session, user, permissions and navigation badge queries and the
# session save.
PINNED = {
    # + the oldest records of the review queue at the top of the manager's home page (one query)
    # + the active international events assessed high (one query)
    # + the user's saved views (one query, on the home page and in every list's menu)
    "dashboard (current year)": 32,
    "dashboard (2015-16)": 32,
    "by-forum dashboard (2015-16)": 9,
    "indicator drill-down (official, 2015-16, denominator)": 12,
    "engagement list, first page": 18,
    "engagement list, filtered": 19,
    "engagement list, last page": 18,
    "engagement list, last page sorted by forum": 18,
    # its inline history labels related rows with one query per related model its changes name
    # (bounded by the relation fields, not by the history's length): 24 for the seeded record,
    # one more for the events it addressed
    "engagement detail": 25,
    "agreements list": 16,
}


def seed(n):
    call_command("seed_demo", "--engagements", str(n), stdout=io.StringIO())


def counts(client, pages):
    out = {}
    for page, url in pages.items():
        client.get(url)  # sessions, content types, translations
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK, page
        if hasattr((response.context or {}).get("table"), "page"):
            assert len(response.context["table"].page.object_list), page  # rows to show
        out[page] = len(captured)
    return out


def test_query_counts_do_not_grow_with_the_data(client):
    seed(150)
    manager = User.objects.get(username="manager")
    client.force_login(manager)
    first = dict(bench_pages(manager))
    small = counts(client, first)
    seed(600)
    # the same engagement's detail page; the last page is the new last page
    again = {**dict(bench_pages(manager)), "engagement detail": first["engagement detail"]}
    assert again["engagement list, last page"] != first["engagement list, last page"]
    large = counts(client, again)
    assert large == small
    assert large == PINNED


def test_export_reads_in_chunks(client, monkeypatch):
    """The CSV export reads the rows with .iterator(): one query for the rows and one for the
    themes of each chunk, so the queries grow with rows / CHUNK_SIZE and memory does not."""
    from engagements import exports

    seed(12)
    client.force_login(User.objects.get(username="manager"))

    def export_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(export_url())
            assert response.streaming
            body = response.getvalue().decode()
        return len(captured), body

    monkeypatch.setattr(exports, "CHUNK_SIZE", 100)
    one_chunk, body = export_queries()
    assert len(body.splitlines()) == 14  # title + header + 12
    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)
    three_chunks, again = export_queries()
    assert again == body
    assert three_chunks == one_chunk + 2
