"""demo.forums: a realistic spread of meetings over the real forums; safe to run twice."""

import datetime
import io
import random

import pytest
from django.db.models import Count
from django.utils import timezone

from core.fiscal import FiscalYear
from demo import forums as demo
from forums.models import Forum, Meeting, OutcomeDocument

pytestmark = pytest.mark.django_db


def run_seed():
    out = io.StringIO()
    demo.seed(rng=random.Random(43), engagements=0, stdout=out)
    return out.getvalue()


def counts():
    return Meeting.objects.count(), OutcomeDocument.objects.count()


def test_seed_is_idempotent_and_bulk(django_assert_max_num_queries):
    # bulk inserts: SQLite's bound-variable limit splits the meetings into a few batches
    with django_assert_max_num_queries(11):
        first = run_seed()
    after_first = counts()
    assert "demo meetings" in first
    second = run_seed()
    assert counts() == after_first
    assert "0 demo meetings and 0 outcome documents" in second


def test_every_fiscal_year_from_2012_13_has_meetings():
    run_seed()
    for start_year in range(2012, FiscalYear.current().start_year + 1):
        year = FiscalYear(start_year)
        assert Meeting.objects.in_fiscal_year(year).count() >= 10, year
        assert Meeting.objects.in_fiscal_year(year).important().count() >= 4, year


def test_real_meetings_are_not_duplicated():
    run_seed()
    excom = Forum.objects.get(acronym_en="ExCom")
    in_2013 = Meeting.objects.filter(forum=excom).in_fiscal_year(FiscalYear(2013))
    assert [m.name_en for m in in_2013] == ["Sixty-fourth session of the Executive Committee"]
    atcr_2013 = Meeting.objects.filter(forum__acronym_en="ATCR").in_fiscal_year(FiscalYear(2013))
    assert [m.chair for m in atcr_2013] == ["Canada"]
    # one vice-ministerial meeting of the RCM in 2016-17: the real XXI one
    rcm = Meeting.objects.filter(forum__acronym_en="RCM").in_fiscal_year(FiscalYear(2016))
    assert [m.start_date for m in rcm] == [datetime.date(2016, 11, 17)]


def test_demo_meetings_are_consistent_and_bilingual():
    run_seed()
    for meeting in Meeting.objects.all():
        assert meeting.start_date <= meeting.end_date
        assert meeting.name_en and meeting.name_fr and meeting.name_en != meeting.name_fr
    per_forum = dict(
        Meeting.objects.values_list("forum__acronym_en").annotate(n=Count("pk")).order_by()
    )
    assert per_forum["ExCom SC"] > per_forum["ExCom"]  # three meetings a year
    assert set(per_forum) >= {"ExCom", "ATCR", "WGR", "IOM Council", "SCPF", "IGC", "RCM"}


def test_past_important_meetings_have_outcome_documents_future_ones_do_not():
    run_seed()
    today = timezone.localdate()
    past = Meeting.objects.important().filter(end_date__lt=today, forum__acronym_en="IGC")
    assert past.exists()
    assert not past.filter(outcome_documents__isnull=True).exists()
    future = Meeting.objects.filter(start_date__gt=today)
    assert not OutcomeDocument.objects.filter(meeting__in=future).exists()


def test_nth_weekday():
    assert demo.nth_weekday(2013, 10, 0, 1) == datetime.date(2013, 10, 7)  # first Monday
    assert demo.nth_weekday(2013, 11, 1, -1) == datetime.date(2013, 11, 26)  # last Tuesday
    assert demo.nth_weekday(2014, 12, 2, -1) == datetime.date(2014, 12, 31)
    assert demo.ordinal_en(64) == "64th" and demo.ordinal_en(72) == "72nd"
    assert demo.ordinal_en(111) == "111th" and demo.ordinal_fr(1) == "1re"
