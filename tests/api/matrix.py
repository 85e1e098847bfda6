"""Permission matrix for the API and the tokens pages. API routes are outside the language prefix
and answer an anonymous request with 401 (not the sign-in redirect); a signed-in browser session
reads them like a token of the same user (tests/api/test_api.py checks tokens). The records belong
to the matrix's "officer": another officer's draft does not exist for them (404)."""

from api.services import create_token
from engagements.models import Engagement
from forums.models import Forum
from indicators.models import Indicator
from partners.models import Organization, ServiceLine, TransferPayment
from tests.engagements.factories import EngagementFactory
from tests.forums.factories import MeetingFactory
from tests.partners.factories import AgreementFactory
from tests.permissions.matrix import NOT_FOUND, OK, REDIRECT, Case, expect

UNAUTHORIZED = 401
API_EVERYONE = expect(anonymous=UNAUTHORIZED, officer=OK, manager=OK, administrator=OK)


def _pk(model):
    return lambda users: {"pk": model.objects.order_by("pk").first().pk}


def _meeting(users):
    return {"pk": MeetingFactory().pk}


def _agreement(users):
    return {"pk": AgreementFactory().pk}


def _engagement(status):
    def setup(users):
        return {"pk": EngagementFactory(lead_officer=users["officer"], status=status).pk}

    return setup


def _event(users):
    from tests.events.factories import EventFactory

    return {"pk": EventFactory().pk}


def _indicator(users):
    return {"code": Indicator.objects.order_by("pk").first().code}


def _resource(users):
    from indicators.models import ProgramResource

    return {"pk": ProgramResource.objects.order_by("pk").first().pk}


def _token(users):
    return {"pk": create_token(user=users["officer"], name="Power BI", days=30)[0].pk}


CASES = [
    Case("api:schema", API_EVERYONE),
    Case("api:docs", API_EVERYONE),
    Case("api:infobase", API_EVERYONE),
    Case("api:plan-list", API_EVERYONE),
    Case("api:plan-list", API_EVERYONE, query="fiscal_year=2015-16", label="a past year"),
    *(
        Case(f"api:{name}-list", API_EVERYONE)
        for name in (
            "forum",
            "meeting",
            "organization",
            "transfer_payment",
            "agreement",
            "service",
            "engagement",
            "event",
            "indicator",
            "program_resource",
        )
    ),
    Case("api:forum-detail", API_EVERYONE, setup=_pk(Forum)),
    Case("api:meeting-detail", API_EVERYONE, setup=_meeting),
    Case("api:organization-detail", API_EVERYONE, setup=_pk(Organization)),
    Case("api:transfer_payment-detail", API_EVERYONE, setup=_pk(TransferPayment)),
    Case("api:agreement-detail", API_EVERYONE, setup=_agreement),
    Case("api:service-detail", API_EVERYONE, setup=_pk(ServiceLine)),
    Case("api:indicator-detail", API_EVERYONE, setup=_indicator),
    Case("api:event-detail", API_EVERYONE, setup=_event),
    Case("api:program_resource-detail", API_EVERYONE, setup=_resource),
    Case(
        "api:engagement-detail",
        expect(
            anonymous=UNAUTHORIZED,
            officer=OK,
            other_officer=NOT_FOUND,
            manager=OK,
            administrator=OK,
        ),
        setup=_engagement(Engagement.Status.DRAFT),
        label="draft",
    ),
    Case(
        "api:engagement-detail",
        API_EVERYONE,
        setup=_engagement(Engagement.Status.APPROVED),
        label="approved",
    ),
    # the tokens page: every role, each their own tokens
    Case("api_tokens:list", expect(officer=OK, manager=OK, administrator=OK)),
    Case(
        "api_tokens:list",
        expect(officer=OK, manager=OK, administrator=OK),
        method="post",
        data={"name": "Power BI", "days": "90"},
        label="create",
    ),
    Case(
        "api_tokens:revoke",
        expect(
            officer=REDIRECT, other_officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND
        ),
        setup=_token,
        method="post",
    ),
]
