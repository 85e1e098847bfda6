"""The figures' summaries (indicators.tallies) cost a fixed number of queries, whatever the data:
a figure reads a few summary rows, and a write reads its own records' part before and after and
adds the difference. Pinned here; measured at scale in benchmarks/ (RESULTS.md)."""

import pytest
from django.test.utils import CaptureQueriesContext

from core.fiscal import FiscalYear
from engagements import services
from engagements.models import Engagement
from indicators import calculations as calc
from tests.accounts.factories import UserFactory
from tests.indicators.records import YEAR, DocumentFactory, PositionFactory, deliver
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

FY = FiscalYear(YEAR)
R, N = "reflected", "not_reflected"

FIGURE = 2  # one grouped read of the summaries, one of the records awaiting approval


def approval_queries(document, others):
    for _ in range(others):
        engagement = deliver(document, R, N)
        engagement.partners.add(OrganizationFactory(acronym_en=f"P{engagement.pk}"))
    record = deliver(document, R, N, status=Engagement.Status.SUBMITTED)
    record.partners.add(OrganizationFactory(acronym_en=f"S{record.pk}"))
    manager = UserFactory(username=f"approver{others}", role="Program managers")
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        services.approve_engagement(engagement=record, actor=manager)
    return len(captured)


def test_an_approval_costs_the_same_queries_however_many_records_its_meeting_has():
    small = approval_queries(DocumentFactory(), 1)
    large = approval_queries(DocumentFactory(), 12)
    assert small == large


def test_each_figure_reads_its_summaries_in_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    document = DocumentFactory()
    for _ in range(5):
        deliver(document, R, N)
    for key in (calc.OFFICIAL, calc.POSITIONS, calc.LEADERSHIP, calc.MEETINGS):
        with django_assert_num_queries(FIGURE):
            calc.get(key)._series([FY])
    with django_assert_num_queries(FIGURE + 1):  # engagements and organizations: two summaries
        calc.get(calc.ORGANIZATIONS)._series([FY])


def test_saving_a_position_of_a_draft_reads_its_part_twice_and_writes_nothing(
    django_assert_num_queries,
):
    record = deliver(DocumentFactory(), R, status=Engagement.Status.DRAFT)
    position = PositionFactory(engagement=record, outcome=N)
    position.outcome = R
    # its part before, the UPDATE, its history row, its part after (empty: nothing to add)
    with django_assert_num_queries(4):
        position.save()
