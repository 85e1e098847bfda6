"""The figures' summaries (indicators.tallies) stay exact through any sequence of writes.

Random sequences of the writes the portal makes (records created, approved, returned, reopened,
outcomes recorded and approved, positions added, changed and deleted, partners linked from either
side, records deleted, a meeting moved to another fiscal year, bulk writes around
core.signals.writing_records) are each followed by a comparison of the summaries, and of every
computed indicator's figures for every fiscal year, with a full recomputation from the records.
"""

import datetime
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.signals import records_written, writing_records
from engagements.models import Engagement, Position
from indicators import calculations, tallies
from indicators.management.commands.verify_figures import figure_differences
from indicators.models import EngagementTally, PartnerTally, PositionTally
from indicators.selectors import portal_years
from tests.forums.factories import ForumFactory
from tests.indicators.records import (
    YEAR,
    DocumentFactory,
    EngagementFactory,
    MeetingFactory,
    PositionFactory,
    deliver,
)
from tests.partners.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

Status = Engagement.Status
Step = Engagement.OutcomeStep
Outcome = Position.Outcome
Role = Engagement.LeadershipRole


def assert_exact():
    assert tallies.differences() == []
    assert figure_differences(portal_years()) == []


class World:
    """A few forums, meetings (two fiscal years), documents and organizations, and random writes."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        forums = [ForumFactory(), ForumFactory()]
        self.meetings = [
            MeetingFactory(forum=forums[0]),
            MeetingFactory(forum=forums[0], start_date=datetime.date(YEAR + 1, 6, 2)),
            MeetingFactory(forum=forums[1], is_important=False),
        ]
        self.forums = forums
        self.documents = {
            meeting.pk: [DocumentFactory(meeting=meeting), DocumentFactory(meeting=meeting)]
            for meeting in self.meetings
        }
        self.organizations = [OrganizationFactory() for _ in range(3)]

    # -- helpers

    def engagements(self):
        return list(Engagement.objects.order_by("pk"))

    def some_engagement(self):
        engagements = self.engagements()
        return self.rng.choice(engagements) if engagements else None

    def place(self):
        """A meeting, a forum without a meeting, or neither (bilateral)."""
        where = self.rng.choice(["meeting", "meeting", "forum", "bilateral"])
        if where == "meeting":
            meeting = self.rng.choice(self.meetings)
            meeting.refresh_from_db()
            return {
                "meeting": meeting,
                "forum": meeting.forum,
                "kind": Engagement.Kind.MEETING,
                "start_date": meeting.start_date,
            }
        date = datetime.date(YEAR + self.rng.choice([0, 1]), 9, 14)
        if where == "forum":
            return {
                "meeting": None,
                "forum": self.rng.choice(self.forums),
                "kind": Engagement.Kind.STATEMENT,
                "start_date": date,
            }
        return {
            "meeting": None,
            "forum": None,
            "kind": Engagement.Kind.BILATERAL,
            "start_date": date,
        }

    def status(self):
        status = self.rng.choice([Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.APPROVED])
        step = self.rng.choice(list(Step) if status == Status.APPROVED else [Step.WITH_RECORD])
        return {"status": status, "outcome_step": step}

    def late(self, chance):
        late = self.rng.random() < chance
        return {"set_late": late, "set_late_reason": "Changed after the meeting." if late else ""}

    # -- the writes

    def create(self):
        place = self.place()
        if place["forum"] is not None and self.rng.random() < 0.3:
            place["kind"] = Engagement.Kind.LEADERSHIP
            role = self.rng.choice([Role.CHAIR, Role.VICE_CHAIR, Role.HOST])
        else:
            role = Role.NONE
        engagement = EngagementFactory(
            **place, end_date=place["start_date"], leadership_role=role, **self.status()
        )
        for _ in range(self.rng.randint(0, 3)):
            self.add_position(engagement)

    def add_position(self, engagement=None):
        engagement = engagement or self.some_engagement()
        if engagement is None:
            return
        documents = self.documents.get(engagement.meeting_id, [])
        PositionFactory(
            engagement=engagement,
            outcome_document=self.rng.choice([*documents, None]) if documents else None,
            outcome=self.rng.choice(list(Outcome)),
            **self.late(0.2),
        )

    def change_position(self):
        position = Position.objects.order_by("?").first()
        if position is None:
            return
        documents = self.documents.get(position.engagement.meeting_id, [])
        position.outcome = self.rng.choice(list(Outcome))
        for name, value in self.late(0.3).items():
            setattr(position, name, value)
        position.outcome_document = self.rng.choice([*documents, None]) if documents else None
        position.save()

    def delete_position(self):
        position = Position.objects.order_by("?").first()
        if position is not None:
            position.delete()

    def change_status(self):
        engagement = self.some_engagement()
        if engagement is None:
            return
        for name, value in self.status().items():
            setattr(engagement, name, value)
        engagement.save()

    def move(self):
        """To another meeting, forum or none: its positions' documents are cleared first (a
        position aims at a document of its own meeting)."""
        engagement = self.some_engagement()
        if engagement is None:
            return
        for position in engagement.positions.exclude(outcome_document=None):
            position.outcome_document = None
            position.save()
        place = self.place()
        if engagement.kind == Engagement.Kind.LEADERSHIP and place["forum"] is not None:
            place["kind"] = Engagement.Kind.LEADERSHIP
        else:
            engagement.leadership_role = Role.NONE
        for name, value in place.items():
            setattr(engagement, name, value)
        engagement.end_date = engagement.start_date
        engagement.save()

    def partners(self):
        engagement = self.some_engagement()
        organization = self.rng.choice(self.organizations)
        if engagement is None:
            return
        action = self.rng.choice(["add", "remove", "clear", "set", "reverse_add", "reverse_clear"])
        if action == "add":
            engagement.partners.add(*self.rng.sample(self.organizations, 2))
        elif action == "remove":
            engagement.partners.remove(organization)
        elif action == "clear":
            engagement.partners.clear()
        elif action == "set":
            engagement.partners.set(self.rng.sample(self.organizations, self.rng.randint(0, 3)))
        elif action == "reverse_add":
            organization.engagements.add(*self.engagements()[:3])
        else:
            organization.engagements.clear()

    def delete(self):
        engagement = self.some_engagement()
        if engagement is not None:
            engagement.delete()

    def move_meeting(self):
        """A meeting's dates change to another fiscal year: Meeting.save moves its engagements'
        fiscal year with a QuerySet.update (core.signals.writing_records)."""
        meeting = self.rng.choice(self.meetings)
        meeting.refresh_from_db()
        start = datetime.date(YEAR + self.rng.choice([0, 1, 2]), self.rng.choice([2, 7]), 10)
        meeting.start_date, meeting.end_date = start, start + datetime.timedelta(days=2)
        meeting.importance_decided_on = start - datetime.timedelta(days=30)
        meeting.save()

    def bulk_status(self):
        """A bulk change of status, said around the QuerySet.update."""
        ids = [engagement.pk for engagement in self.engagements()[:4]]
        status = self.rng.choice([Status.APPROVED, Status.DRAFT])
        with writing_records(Engagement, ids):
            Engagement.objects.filter(pk__in=ids).update(
                status=status, outcome_step=Step.WITH_RECORD
            )

    def step(self):
        self.rng.choice(
            [
                self.create,
                self.create,
                self.add_position,
                self.change_position,
                self.change_position,
                self.delete_position,
                self.change_status,
                self.change_status,
                self.move,
                self.partners,
                self.partners,
                self.delete,
                self.move_meeting,
                self.bulk_status,
            ]
        )()


@pytest.mark.parametrize("seed", range(6))
def test_random_writes_keep_the_summaries_exact(seed):
    world = World(random.Random(seed))
    for _ in range(40):
        world.step()
        assert_exact()
    # the sequences did write something to every summary
    assert EngagementTally.objects.exists() and PositionTally.objects.exists()


def test_partner_summaries_follow_both_sides_of_the_relation():
    engagement = EngagementFactory()
    organization = OrganizationFactory()
    engagement.partners.add(organization)
    assert PartnerTally.objects.get(organization_id=organization.pk).engagements == 1
    organization.engagements.remove(engagement)
    assert PartnerTally.objects.get(organization_id=organization.pk).engagements == 0
    organization.engagements.add(engagement)
    engagement.delete()
    assert PartnerTally.objects.get(organization_id=organization.pk).engagements == 0
    assert_exact()


def test_the_dashboards_read_the_summaries():
    """A summary changed behind the records' back changes the figure: it is what is read."""
    document = DocumentFactory()
    deliver(document, Outcome.REFLECTED)
    deliver(document, Outcome.REFLECTED)
    official = calculations.REGISTRY[calculations.OFFICIAL]
    year = document.meeting.year
    assert official._series([year])[year].numerator == 1
    PositionTally.objects.filter(document_id=document.pk).update(reflected=1, not_reflected=1)
    assert official._series([year])[year].numerator == 0
    assert official.reference_series([year])[year].numerator == 1
    assert calculations.REGISTRY[calculations.POSITIONS]._series([year])[year].numerator == 1


def test_verify_figures_reports_differences_and_repairs_them(capsys):
    document = DocumentFactory()
    engagement = deliver(document, Outcome.REFLECTED, Outcome.NOT_REFLECTED)
    engagement.partners.add(OrganizationFactory())
    call_command("verify_figures")
    assert "0 differences" in capsys.readouterr().out
    EngagementTally.objects.update(engagements=5)
    with pytest.raises(CommandError, match="differences between the summaries and the records"):
        call_command("verify_figures")
    assert "engagements" in capsys.readouterr().err
    call_command("verify_figures", "--repair")
    assert "0 differences" in capsys.readouterr().out
    assert_exact()


def test_rebuild_after_writes_that_said_nothing():
    """A bulk write with no signal leaves the summaries behind; records_written with no sender
    (what seed_demo sends) rebuilds them."""
    document = DocumentFactory()
    engagement = deliver(document, Outcome.REFLECTED)
    Engagement.objects.filter(pk=engagement.pk).update(status=Status.DRAFT)
    assert tallies.differences() != []
    records_written.send(sender=None, pks=None)
    assert_exact()


def test_a_summary_out_of_step_is_an_error_not_a_negative_count():
    document = DocumentFactory()
    engagement = deliver(document, Outcome.REFLECTED)
    PositionTally.objects.all().delete()
    engagement.status = Status.DRAFT
    with pytest.raises(tallies.OutOfStep):
        engagement.save()
