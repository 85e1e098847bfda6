"""factory-boy factories, one per model; apps add theirs here or in tests/<app>/factories.py."""

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from forums.models import Forum, Meeting
from partners.models import Organization


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gc.ca")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    kind = Organization.Kind.INTERNATIONAL
    acronym_en = factory.Sequence(lambda n: f"ORG{n}")
    acronym_fr = factory.Sequence(lambda n: f"ORGF{n}")
    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n}")


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
