"""Factories for the forums: forums, their meetings and outcome documents, and many at once."""

import datetime

import factory

from forums.models import Forum, Meeting, OutcomeDocument


class ForumFactory(factory.django.DjangoModelFactory[Forum]):
    class Meta:
        model = Forum

    acronym_en = factory.Sequence(lambda n: f"F{n}")
    acronym_fr = factory.Sequence(lambda n: f"FF{n}")
    name_en = factory.Sequence(lambda n: f"Forum {n}")
    name_fr = factory.Sequence(lambda n: f"Forum fr {n}")
    kind = Forum.Kind.GLOBAL_FORUM
    scope = Forum.Scope.MULTILATERAL
    year_established = 2000


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    forum = factory.SubFactory(ForumFactory)
    name_en = factory.Sequence(lambda n: f"Session {n}")
    name_fr = factory.Sequence(lambda n: f"Session fr {n}")
    start_date = datetime.date(2014, 5, 14)
    end_date = factory.LazyAttribute(lambda m: m.start_date + datetime.timedelta(days=2))
    city = "Geneva"
    country = "CH"
    is_important = False
    # a meeting made important here was identified a month before it began (forums.services is
    # how the portal identifies one; tests of late decisions set the date themselves)
    importance = factory.LazyAttribute(
        lambda m: Meeting.Importance.IMPORTANT if m.is_important else Meeting.Importance.NONE
    )
    importance_decided_on = factory.LazyAttribute(
        lambda m: m.start_date - datetime.timedelta(days=30) if m.is_important else None
    )


class OutcomeDocumentFactory(factory.django.DjangoModelFactory[OutcomeDocument]):
    class Meta:
        model = OutcomeDocument

    meeting = factory.SubFactory(MeetingFactory)
    kind = OutcomeDocument.Kind.CONCLUSION
    title_en = factory.Sequence(lambda n: f"Conclusion {n} on international protection")
    title_fr = factory.Sequence(lambda n: f"Conclusion {n} sur la protection internationale")


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
