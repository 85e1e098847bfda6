"""The records the indicator calculations count, as the indicator tests make them: the apps'
factories with the tests' fiscal year (YEAR), approved engagements at important meetings,
positions reflected. Each subclass changes only its defaults; the factories themselves are the
apps' (tests/<app>/factories.py)."""

import datetime
from decimal import Decimal

import factory

from engagements.models import Engagement, Position, Theme
from forums.models import OutcomeDocument
from tests.engagements import factories as engagements
from tests.forums import factories as forums
from tests.partners import factories as partners

# GC InfoBase and the reference meetings cover 2012-13 to 2017-18: the tests count in 2021-22.
YEAR = 2021


class MeetingFactory(forums.MeetingFactory):
    start_date = datetime.date(YEAR, 5, 12)
    is_important = True


class DocumentFactory(forums.OutcomeDocumentFactory):
    meeting = factory.SubFactory(MeetingFactory, is_important=True)
    kind = OutcomeDocument.Kind.DECISION
    title_en = factory.Sequence(lambda n: f"Decision {n}")
    title_fr = factory.Sequence(lambda n: f"Décision {n}")


class EngagementFactory(engagements.EngagementFactory):
    meeting = factory.SubFactory(MeetingFactory, is_important=True)
    start_date = factory.LazyAttribute(
        lambda e: e.meeting.start_date if e.meeting else datetime.date(YEAR, 5, 12)
    )
    end_date = factory.LazyAttribute(lambda e: e.start_date)
    city = ""
    country = ""
    summary = "Canada delivered its statement."
    status = Engagement.Status.APPROVED


def theme():
    return Theme.objects.order_by("pk").first()


class PositionFactory(engagements.PositionFactory):
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


class AgreementFactory(partners.AgreementFactory):
    """An agreement open from 2010-11 to 2029-30, to several recipients."""

    number = factory.Sequence(lambda n: f"T-{n:04d}")
    recipient = None
    recipient_other_en = "Several recipients"
    recipient_other_fr = "Plusieurs bénéficiaires"
    purpose_en = "Purpose"
    purpose_fr = "Objet"
    start_date = datetime.date(2010, 4, 1)
    end_date = datetime.date(2030, 3, 31)
    total_amount = Decimal("1000000")


class AmountFactory(partners.AmountFactory):
    agreement = factory.SubFactory(AgreementFactory)
    fiscal_year = YEAR
    authorized = Decimal("1000")
    actual = Decimal("500")
