"""No lost data under real concurrency: two people acting on the same record at the same moment,
each through their own database connection (one thread each, released together by a Barrier).

PostgreSQL only: SQLite serialises every write on one file lock, so it cannot show the race these
tests guard against. `.ci/run` runs the suite on PostgreSQL; on SQLite they are skipped.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from accounts.roles import MANAGERS, OFFICERS
from core.fiscal import FiscalYear
from engagements import services
from engagements.models import Engagement, Transition
from indicators.models import Result
from indicators.services import record_result
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, theme
from tests.indicators.factories import official
from tests.indicators.records import YEAR, DocumentFactory, deliver

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL): SQLite serialises all writes, so no race",
    ),
    pytest.mark.django_db(transaction=True),
]


def at_once(*calls):
    """Run each call in its own thread (so its own connection), all released at the same moment.
    Returns what each returned, or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 (what each call raised is the outcome checked)
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck (deadlock?)"
    return outcomes


def test_two_managers_approving_at_once_leave_one_approval():
    record = EngagementFactory(status=Engagement.Status.SUBMITTED)
    first = UserFactory(username="manager-one", role=MANAGERS)
    second = UserFactory(username="manager-two", role=MANAGERS)

    def approve(manager):
        def call():
            # each thread reads the record itself, as a request would
            return services.approve_engagement(
                engagement=Engagement.objects.get(pk=record.pk), actor=manager
            )

        return call

    outcomes = at_once(approve(first), approve(second))
    approved = [o for o in outcomes if isinstance(o, Engagement)]
    refused = [o for o in outcomes if isinstance(o, services.WorkflowError)]
    assert len(approved) == 1 and len(refused) == 1, outcomes
    assert "Only a submitted record can be approved." in refused[0].messages
    transitions = Transition.objects.filter(engagement=record, to_status="approved")
    assert transitions.count() == 1
    assert transitions.get().actor == approved[0]._history_user
    record.refresh_from_db()
    assert record.status == Engagement.Status.APPROVED
    assert record.version == 2


def test_two_officers_saving_the_same_version_cannot_overwrite_each_other():
    lead = UserFactory(username="officer-lead", role=OFFICERS)
    writer = UserFactory(username="officer-writer", role=OFFICERS)
    record = EngagementFactory(lead_officer=lead, created_by=writer)
    started = record.version
    themes = [theme()]
    history_before = record.history.count()

    def save(actor, summary):
        def call():
            data = services.EngagementData(fields={"summary": summary}, themes=themes)
            return services.save_engagement(
                actor=actor,
                data=data,
                engagement=Engagement.objects.get(pk=record.pk),
                version=started,
            )

        return call

    outcomes = at_once(save(lead, "The lead's summary."), save(writer, "The writer's summary."))
    saved = [o for o in outcomes if isinstance(o, Engagement)]
    refused = [o for o in outcomes if isinstance(o, services.StaleEdit)]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert refused[0].started_version == started
    record.refresh_from_db()
    assert record.summary == saved[0].summary  # the winner's text, whole
    assert record.version == started + 1
    # the refused save left no trace: one history row for the one save
    assert record.history.count() == history_before + 1


def test_two_managers_recording_the_same_result_leave_one_row():
    deliver(DocumentFactory(), "reflected")
    indicator = official()
    first = UserFactory(username="recorder-one", role=MANAGERS)
    second = UserFactory(username="recorder-two", role=MANAGERS)

    def record(manager, text):
        def call():
            return record_result(
                indicator=indicator,
                year=FiscalYear(YEAR),
                recorded_by=manager,
                explanation_en=text,
                explanation_fr=text,
                value=Decimal("100"),
            )

        return call

    outcomes = at_once(record(first, "First."), record(second, "Second."))
    recorded = [o for o in outcomes if isinstance(o, Result)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(recorded) == 1 and len(refused) == 1, outcomes
    assert "already been recorded" in " ".join(refused[0].messages)
    rows = Result.objects.filter(indicator=indicator, fiscal_year=YEAR)
    assert rows.count() == 1
    assert rows.get().explanation_en == recorded[0].explanation_en


def test_approvals_at_one_meeting_at_once_keep_the_summaries_exact():
    """Eight managers approve eight records aimed at the same outcome document at the same
    moment: each adds its part to the same summary rows, none is lost (indicators.tallies)."""
    from indicators import tallies
    from indicators.models import PositionTally

    document = DocumentFactory()
    author = UserFactory(username="officer-at-the-meeting", role=OFFICERS)
    records = []
    for _ in range(8):
        record = deliver(document, "reflected", "not_reflected", status=Engagement.Status.SUBMITTED)
        Engagement.objects.filter(pk=record.pk).update(lead_officer=author, created_by=author)
        records.append(record)
    managers = [UserFactory(username=f"approver-{n}", role=MANAGERS) for n in range(8)]

    def approve(record, manager):
        return lambda: services.approve_engagement(
            engagement=Engagement.objects.get(pk=record.pk), actor=manager
        )

    outcomes = at_once(*(approve(r, m) for r, m in zip(records, managers, strict=True)))
    assert all(isinstance(o, Engagement) for o in outcomes), outcomes
    assert tallies.differences() == []
    row = PositionTally.objects.get(document_id=document.pk)
    assert (row.positions, row.reflected, row.not_reflected) == (16, 8, 8)
