"""Small factories for the indicator tests (the records the calculations count)."""

import datetime
from decimal import Decimal

import factory

from engagements.models import Engagement, Position, Theme
from forums.models import OutcomeDocument
from indicators.models import Indicator, Result, Target
from partners.models import AgreementAmount, ContributionAgreement, TransferPayment
from tests.factories import ForumFactory, UserFactory
from tests.factories import MeetingFactory as ReferenceMeetingFactory

# GC InfoBase and the reference meetings cover 2012-13 to 2017-18: the tests count in 2021-22.
YEAR = 2021


class MeetingFactory(ReferenceMeetingFactory):
    start_date = datetime.date(YEAR, 5, 12)
    is_important = True


class DocumentFactory(factory.django.DjangoModelFactory[OutcomeDocument]):
    class Meta:
        model = OutcomeDocument

    meeting = factory.SubFactory(MeetingFactory, is_important=True)
    kind = OutcomeDocument.Kind.DECISION
    title_en = factory.Sequence(lambda n: f"Decision {n}")
    title_fr = factory.Sequence(lambda n: f"Décision {n}")


class EngagementFactory(factory.django.DjangoModelFactory[Engagement]):
    class Meta:
        model = Engagement

    kind = Engagement.Kind.MEETING
    meeting = factory.SubFactory(MeetingFactory, is_important=True)
    forum = factory.LazyAttribute(lambda e: e.meeting.forum if e.meeting else ForumFactory())
    start_date = factory.LazyAttribute(
        lambda e: e.meeting.start_date if e.meeting else datetime.date(YEAR, 5, 12)
    )
    end_date = factory.LazyAttribute(lambda e: e.start_date)
    lead_officer = factory.SubFactory(UserFactory)
    created_by = factory.LazyAttribute(lambda e: e.lead_officer)
    summary = "Canada delivered its statement."
    status = Engagement.Status.APPROVED


def theme():
    return Theme.objects.order_by("pk").first()


class PositionFactory(factory.django.DjangoModelFactory[Position]):
    class Meta:
        model = Position

    engagement = factory.SubFactory(EngagementFactory)
    text = factory.Sequence(lambda n: f"Canada's position {n}")
    theme = factory.LazyFunction(theme)
    outcome = Position.Outcome.REFLECTED


def deliver(document, *outcomes, status=Engagement.Status.APPROVED, engagement=None):
    """Positions delivered at the document's meeting and aimed at it, one per outcome given."""
    engagement = engagement or EngagementFactory(
        meeting=document.meeting, forum=document.meeting.forum, status=status
    )
    for outcome in outcomes:
        PositionFactory(engagement=engagement, outcome_document=document, outcome=outcome)
    return engagement


class TransferPaymentFactory(factory.django.DjangoModelFactory[TransferPayment]):
    class Meta:
        model = TransferPayment

    code = factory.Sequence(lambda n: f"tp-{n}")
    kind = TransferPayment.Kind.CONTRIBUTION
    name_en = factory.Sequence(lambda n: f"Transfer payment {n}")
    name_fr = factory.Sequence(lambda n: f"Paiement de transfert {n}")


class AgreementFactory(factory.django.DjangoModelFactory[ContributionAgreement]):
    class Meta:
        model = ContributionAgreement

    number = factory.Sequence(lambda n: f"T-{n:04d}")
    transfer_payment = factory.SubFactory(TransferPaymentFactory)
    recipient_other_en = "Several recipients"
    recipient_other_fr = "Plusieurs bénéficiaires"
    purpose_en = "Purpose"
    purpose_fr = "Objet"
    start_date = datetime.date(2010, 4, 1)
    end_date = datetime.date(2030, 3, 31)
    total_amount = Decimal("1000000")
    status = ContributionAgreement.Status.ACTIVE


class AmountFactory(factory.django.DjangoModelFactory[AgreementAmount]):
    class Meta:
        model = AgreementAmount

    agreement = factory.SubFactory(AgreementFactory)
    fiscal_year = YEAR
    authorized = Decimal("1000")
    actual = Decimal("500")


def official():
    return Indicator.objects.get(code="NI050-0377-2017")


class TargetFactory(factory.django.DjangoModelFactory[Target]):
    class Meta:
        model = Target

    indicator = factory.LazyFunction(official)
    fiscal_year = YEAR
    target_type = "percent"
    target_min = Decimal("90")
    target_max = Decimal("90")


class ResultFactory(factory.django.DjangoModelFactory[Result]):
    class Meta:
        model = Result

    indicator = factory.LazyFunction(official)
    fiscal_year = YEAR
    is_percentage = True
    value = Decimal("80.0")
    status = "not_met"
    explanation_en = "Explanation"
    explanation_fr = "Explication"
    recorded_by = factory.SubFactory(UserFactory)
