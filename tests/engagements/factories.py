"""Factories for the engagements, their positions, evidence and workflow steps; the themes come
from the data migration."""

import datetime

import factory

from engagements.models import Engagement, Evidence, Position, Theme, Transition
from tests.accounts.factories import UserFactory
from tests.forums.factories import ForumFactory, MeetingFactory


def theme(code="resettlement") -> Theme:
    return Theme.objects.get(code=code)


class EngagementFactory(factory.django.DjangoModelFactory[Engagement]):
    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    kind = Engagement.Kind.MEETING
    meeting = factory.SubFactory(MeetingFactory)
    forum = factory.LazyAttribute(lambda e: e.meeting.forum if e.meeting else ForumFactory())
    start_date = factory.LazyAttribute(
        lambda e: e.meeting.start_date if e.meeting else datetime.date(2014, 5, 14)
    )
    end_date = factory.LazyAttribute(lambda e: e.meeting.end_date if e.meeting else e.start_date)
    city = "Geneva"
    country = "CH"
    lead_officer = factory.SubFactory(UserFactory)
    created_by = factory.LazyAttribute(lambda e: e.lead_officer)
    summary = "Canada delivered a statement on resettlement."
    status = Engagement.Status.DRAFT

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [theme()])


class PositionFactory(factory.django.DjangoModelFactory[Position]):
    class Meta:
        model = Position

    engagement = factory.SubFactory(EngagementFactory)
    text = factory.Sequence(lambda n: f"Canada supports burden sharing, point {n}.")
    theme = factory.LazyFunction(theme)
    outcome = Position.Outcome.PENDING


class EvidenceFactory(factory.django.DjangoModelFactory[Evidence]):
    class Meta:
        model = Evidence

    engagement = factory.SubFactory(EngagementFactory)
    file = factory.django.FileField(filename="statement.pdf", data=b"%PDF-1.4\n%%EOF\n")
    original_name = "statement.pdf"
    content_type = "application/pdf"
    size = 15
    sha256 = "0" * 64
    uploaded_by = factory.LazyAttribute(lambda e: e.engagement.lead_officer)


class TransitionFactory(factory.django.DjangoModelFactory[Transition]):
    class Meta:
        model = Transition

    engagement = factory.SubFactory(EngagementFactory)
    from_status = Engagement.Status.DRAFT
    to_status = Engagement.Status.SUBMITTED
    actor = factory.LazyAttribute(lambda t: t.engagement.lead_officer)
