"""Pagination that stays cheap on late pages (core.pagination) and exports that stream
(core.exports), checked for what they show: every row once, in order, the same values as before."""

import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tables2.export import TableExport

from core import exports
from core.pagination import BoundedOffsetPaginator, reverse_order, totally_ordered
from engagements import selectors
from engagements.models import Engagement
from engagements.tables import EngagementTable
from tests.engagements.factories import EngagementFactory, PositionFactory
from tests.exports import read_csv, read_xlsx
from tests.forums.factories import ForumFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def engagements(officer):
    forums = [ForumFactory(), ForumFactory()]
    records = []
    for index in range(35):
        # repeated dates and statuses, some bilateral (no forum): ties and NULLs to sort through
        records.append(
            EngagementFactory(
                lead_officer=officer,
                meeting=None,
                kind="bilateral" if index % 7 == 0 else "meeting",
                forum=None if index % 7 == 0 else forums[index % 2],
                start_date=datetime.date(2015, 5, 1) + datetime.timedelta(days=index // 4),
                status=["draft", "submitted", "approved"][index % 3],
            )
        )
    return records


def page_pks(client, query):
    url = reverse("engagements:list")
    first = client.get(url, {**query, "per_page": 10})
    table = first.context["table"]
    pks = []
    for number in range(1, table.paginator.num_pages + 1):
        response = client.get(url, {**query, "per_page": 10, "page": number})
        pks += [row.record.pk for row in response.context["table"].page.object_list]
    return pks, table.paginator.count


@pytest.mark.parametrize("sort", ["", "status", "-status", "forum", "-forum", "start_date", "kind"])
def test_every_row_once_in_order_on_every_page(officer_client, officer, engagements, sort):
    query = {"sort": sort} if sort else {}
    pks, count = page_pks(officer_client, query)
    assert count == 35
    assert sorted(pks) == sorted(e.pk for e in engagements)  # nothing twice, nothing skipped
    # the same order as the whole list read in one go with the same (total) ordering
    response = officer_client.get(reverse("engagements:list"), {**query, "per_page": 100})
    whole = [row.record.pk for row in response.context["table"].page.object_list]
    assert pks == whole


def test_late_pages_are_read_from_the_other_end_at_the_same_cost(
    officer_client, officer, engagements
):
    url = reverse("engagements:list")

    def run(page):
        with CaptureQueriesContext(connection) as captured:
            response = officer_client.get(url, {"per_page": 10, "page": page})
        return captured, response

    first, _ = run(1)
    last, response = run(4)
    assert len(last) == len(first)
    assert len(response.context["table"].page.object_list) == 5
    rows_query = [
        q["sql"] for q in last if "LIMIT" in q["sql"] and "engagements_engagement" in q["sql"]
    ]
    assert rows_query and "OFFSET" not in rows_query[0]  # the last 5 rows: LIMIT 5 from the end


def test_paginator_on_a_plain_queryset_and_a_list(officer, engagements):
    queryset = Engagement.objects.order_by("status")
    bounded = BoundedOffsetPaginator(queryset, 10)
    plain = Paginator(totally_ordered(queryset), 10)
    for number in bounded.page_range:
        assert [e.pk for e in bounded.page(number)] == [e.pk for e in plain.page(number)]
    assert list(BoundedOffsetPaginator(list(range(25)), 10).page(3)) == [20, 21, 22, 23, 24]


def test_expressions_and_random_order(officer, engagements):
    from django.db.models import F
    from django.db.models.functions import Lower

    queryset = Engagement.objects.order_by(Lower("city"), F("start_date"))
    bounded = BoundedOffsetPaginator(queryset, 10)
    plain = Paginator(totally_ordered(queryset), 10)
    for number in bounded.page_range:
        assert [e.pk for e in bounded.page(number)] == [e.pk for e in plain.page(number)]
    shuffled = BoundedOffsetPaginator(Engagement.objects.order_by("?"), 10)
    assert len(shuffled.page(4)) == 5  # no reverse for a random order: read as usual


def test_ordering_is_made_total_and_reversible():
    ordered = totally_ordered(Engagement.objects.order_by("status"))
    assert list(ordered.query.order_by) == ["status", "pk"]
    assert list(reverse_order(ordered).query.order_by) == ["-status", "-pk"]
    default = totally_ordered(Engagement.objects.all())
    assert list(default.query.order_by) == ["-start_date", "-pk"]


def _expected_rows(user):
    """The engagement list as django-tables2's TableExport reads it (the generic path, every
    cell through the columns), written by core.exports: what the streamed export must equal."""
    table = EngagementTable(selectors.engagements_for_list(user))
    table.request = RequestFactory().get("/")
    dataset = TableExport("csv", table).dataset
    body = "".join(exports.csv_lines(dataset.headers, dataset, bom=False))
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_csv_export_streams_the_same_headers_and_values(officer_client, officer, language):
    from django.utils import translation

    from engagements.models import Theme

    themes = list(Theme.objects.order_by("-name_en")[:3])
    for index in range(12):
        day = datetime.date(2014, 4, 1) + datetime.timedelta(index)
        bilateral = index % 4 == 0
        engagement = EngagementFactory(
            lead_officer=officer,
            start_date=day,
            end_date=day,
            kind="bilateral" if bilateral else "meeting",
            meeting=None if bilateral else EngagementFactory.meeting.get_factory()(),
            forum=None if bilateral else ForumFactory(),
            status=["draft", "submitted", "approved", "returned"][index % 4],
            themes=themes[: 1 + index % 3],
        )
        for _ in range(index % 3):
            PositionFactory(engagement=engagement)
    officer.first_name = officer.last_name = ""
    officer.save()
    response = officer_client.get(f"/{language}/engagements/", {"_export": "csv"})
    assert response.status_code == HTTPStatus.OK
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    name = {"en": "engagements", "fr": "activites"}[language]  # the reader's language
    assert response["Content-Disposition"].startswith(f'attachment; filename="{name}-20')
    title, rows = read_csv(response)
    with translation.override(language):
        assert rows == _expected_rows(officer)
    assert len(rows) == 13
    assert any(", " in row[6] for row in rows[1:])  # several themes, in the table's order
    assert rows[1][-1] == f"http://testserver/{language}/engagements/{rows[1][0]}/"


def test_csv_export_keeps_the_filters_and_the_page_language(officer_client, officer):
    EngagementFactory(lead_officer=officer, status="approved")
    EngagementFactory(lead_officer=officer, status="draft")
    response = officer_client.get("/fr/engagements/", {"_export": "csv", "status": "approved"})
    title, rows = read_csv(response)
    assert title.startswith(
        "Activités — Exercice\u00a0: tous les exercices — État\u00a0: Approuvée — téléchargé le "
    )
    assert response["Content-Disposition"].startswith('attachment; filename="activites-20')
    assert rows[0][:2] == ["Identifiant", "Début"]
    assert len(rows) == 2 and rows[1][-2] == "Approuvée"


def test_xlsx_export_has_the_same_values(officer_client, officer):
    for index in range(3):
        day = datetime.date(2016, 4, 1) + datetime.timedelta(index)
        EngagementFactory(lead_officer=officer, start_date=day, end_date=day)
    response = officer_client.get(reverse("engagements:list"), {"_export": "xlsx"})
    assert response.status_code == HTTPStatus.OK
    _title, rows, sheet = read_xlsx(response)
    as_text = [
        [
            ""
            if v is None
            else v.date().isoformat()
            if isinstance(v, datetime.datetime)
            else str(v)
            for v in row
        ]
        for row in rows
    ]
    assert as_text == _expected_rows(officer)
    assert sheet.freeze_panes == "A3"
    assert isinstance(rows[1][0], int)  # the id
    assert sheet["B3"].is_date and sheet["B3"].number_format == "yyyy-mm-dd"


def test_xlsx_export_beyond_a_spreadsheet_points_to_csv(officer_client, officer, monkeypatch):
    from core import exports

    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 2)
    for _ in range(3):
        EngagementFactory(lead_officer=officer)
    response = officer_client.get(reverse("engagements:list"), {"_export": "xlsx"})
    assert response.status_code == 413
    assert "CSV" in response.content.decode()


def test_row_count_cached_per_query_until_the_records_change(
    settings, client, officer, manager, engagements
):
    settings.LIST_COUNT_CACHE_SECONDS = 3600
    url = reverse("engagements:list")
    client.force_login(officer)

    def count_and_queries(**query):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        return response.context["table"].paginator.count, len(captured)

    first, computed = count_and_queries()
    again, cached = count_and_queries()
    assert (again, cached) == (first, computed - 1)  # the COUNT is read from the cache
    assert count_and_queries(status="approved")[0] < first  # each filter is its own key
    client.force_login(manager)
    other = EngagementFactory(status="approved")  # another officer's: a change, and visible
    assert count_and_queries()[0] == first + 1  # the manager sees every record, counted afresh
    client.force_login(officer)
    assert count_and_queries()[0] == first + 1  # approved: visible to the officer, recounted
    other.delete()
    assert count_and_queries()[0] == first


def test_engagement_export_reads_its_own_rows(rf):
    """The engagement list's export reads values_list() rows (engagements.exports) only while
    they are exactly the table's columns; a column added to EngagementTable alone still exports
    (through django-tables2) but about ten times slower, holding every row: add it to
    engagements/exports.py (COLUMNS and rows()) too."""
    from engagements import exports as engagement_exports

    table = EngagementTable(Engagement.objects.none())
    names = [column.name for column in exports.export_columns(table)]
    assert tuple(names) == engagement_exports.COLUMNS
    assert table.export_rows(Engagement.objects.none(), names) is not None
    assert table.export_rows(Engagement.objects.none(), names[:-1]) is None
