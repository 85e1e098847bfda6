"""Query counts stay the same however many agreements, amounts and reports there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.partners.factories import (
    AgreementFactory,
    AmountFactory,
    ReportFactory,
    TransferPaymentFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, permissions, navigation and the page's own queries, measured once and pinned.
LIST_QUERIES = 16  # + the user's saved views (the list's menu)
DETAIL_QUERIES = 14  # + the linked engagements: their count and the latest ones
SUMMARY_QUERIES = 12  # + the services section: the years' volumes with their lines (one query)


def make_agreements(count):
    payments = [TransferPaymentFactory(code=f"q{i}") for i in range(3)]
    agreements = []
    for i in range(count):
        agreement = AgreementFactory(
            transfer_payment=payments[i % 3],
            start_date=datetime.date(2014, 4, 1),
            end_date=datetime.date(2099, 3, 31),
        )
        for year in (2014, 2015, 2016):
            AmountFactory(agreement=agreement, fiscal_year=year, authorized="1000.00", actual="10")
        ReportFactory(agreement=agreement, due_date=datetime.date(2015, 5, 31))
        agreements.append(agreement)
    return agreements


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [("partners:agreement_list", LIST_QUERIES), ("partners:funding_summary", SUMMARY_QUERIES)],
)
def test_list_and_summary_query_counts_do_not_grow(
    manager_client, url_name, expected, django_assert_num_queries
):
    make_agreements(3)
    small = count_queries(manager_client, reverse(url_name))
    make_agreements(40)
    with django_assert_num_queries(expected):
        manager_client.get(reverse(url_name))
    assert small == expected


def test_detail_query_count_does_not_grow(manager_client, django_assert_num_queries):
    few = make_agreements(1)[0]
    small = count_queries(manager_client, few.get_absolute_url())
    many = make_agreements(1)[0]
    for year in range(2017, 2040):
        AmountFactory(agreement=many, fiscal_year=year, authorized="1.00", actual="1.00")
    for _ in range(30):
        ReportFactory(agreement=many, due_date=datetime.date(2016, 5, 31))
    with django_assert_num_queries(DETAIL_QUERIES):
        manager_client.get(many.get_absolute_url())
    assert small == DETAIL_QUERIES
