"""Forum-side factories beyond tests/factories.py: outcome documents, and many rows at once."""

import datetime

import factory

from forums.models import OutcomeDocument
from tests.factories import ForumFactory, MeetingFactory


class OutcomeDocumentFactory(factory.django.DjangoModelFactory[OutcomeDocument]):
    class Meta:
        model = OutcomeDocument

    meeting = factory.SubFactory(MeetingFactory)
    kind = OutcomeDocument.Kind.REPORT
    title_en = factory.Sequence(lambda n: f"Report {n}")
    title_fr = factory.Sequence(lambda n: f"Rapport {n}")
    reference = factory.Sequence(lambda n: f"DOC/{n}")


def many_forums_and_meetings(*, forums: int, meetings: int):
    """`forums` forums (every third one a child of the first), `meetings` spread over them."""
    parent = ForumFactory()
    created = [parent] + [
        ForumFactory(parent=parent if i % 3 == 0 else None) for i in range(forums - 1)
    ]
    start = datetime.date(2013, 4, 15)
    for i in range(meetings):
        meeting = MeetingFactory(
            forum=created[i % len(created)],
            start_date=start + datetime.timedelta(days=i),
            is_important=i % 2 == 0,
        )
        if i % 4 == 0:
            OutcomeDocumentFactory(meeting=meeting)
    return created
