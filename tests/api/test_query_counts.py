"""Every API list and detail costs the same number of queries whatever the volume: measured on
the demo data at two sizes (a token's request: the token and its user, the permissions, the rows,
one query per prefetched relation)."""

import io
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from api.services import create_token
from engagements.models import Engagement
from events.models import Event
from forums.models import Forum, Meeting
from indicators.models import Indicator, ProgramResource
from partners.models import ContributionAgreement, Organization, ServiceLine, TransferPayment

from .conftest import bearer

pytestmark = pytest.mark.django_db


def seed(n):
    call_command("seed_demo", "--engagements", str(n), stdout=io.StringIO())


def urls():
    def first(model, order="pk"):
        return model.objects.order_by(order).first()

    out = {
        name: reverse(f"api:{name}-list")
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
    }
    out["infobase"] = reverse("api:infobase")
    out["plan"] = reverse("api:plan-list") + "?fiscal_year=2015-16"
    out["engagement filtered"] = reverse("api:engagement-list") + "?status=approved&q=a"
    # a page deep in the list
    out["engagement deep"] = None
    for name, model in (
        ("forum", Forum),
        ("meeting", Meeting),
        ("organization", Organization),
        ("transfer_payment", TransferPayment),
        ("agreement", ContributionAgreement),
        ("service", ServiceLine),
        ("program_resource", ProgramResource),
        ("event", Event),
    ):
        out[f"{name} detail"] = reverse(f"api:{name}-detail", args=[first(model).pk])
    out["engagement detail"] = reverse(
        "api:engagement-detail",
        args=[
            Engagement.objects.filter(status="approved", evidence__isnull=False)
            .order_by("pk")[0]
            .pk
        ],
    )
    out["indicator detail"] = reverse(
        "api:indicator-detail",
        args=[Indicator.objects.exclude(measurement=Indicator.MANUAL).order_by("pk")[0].code],
    )
    return out


def counts(client, headers):
    out = {}
    for name, url in urls().items():
        if url is None:  # the third page of engagements
            url = client.get(reverse("api:engagement-list") + "?page_size=10", **headers)
            url = client.get(url.json()["next"], **headers).json()["next"]
        client.get(url, **headers)  # the token's last use, content types
        cache.clear()  # the figures computed, not read from the cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, **headers)
        assert response.status_code == HTTPStatus.OK, (name, response.content[:300])
        body = response.json()
        assert body["results"] if isinstance(body, dict) and "results" in body else body, name
        out[name] = len(captured)
    return out


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_api_query_counts_do_not_grow_with_the_data(client, role):
    seed(40)
    user = User.objects.get(username=role)
    _token, raw = create_token(user=user, name="counts", days=30)
    headers = bearer(raw)
    small = counts(client, headers)
    seed(160)
    large = counts(client, headers)
    assert large == small
    assert max(large.values()) <= 20, large


def test_service_lines_cost_the_same_queries_whatever_their_volumes(client):
    """The services endpoint, list and detail, every year's sums and one year's: the volumes come
    in one query per page, however many lines and years (the demo has no volumes: made here)."""
    from tests.partners.factories import ServiceLineFactory, ServiceVolumeFactory

    seed(10)
    _token, raw = create_token(user=User.objects.get(username="officer"), name="n", days=30)
    headers = bearer(raw)

    def measure():
        line = ServiceLine.objects.order_by("pk").first()
        out = {}
        for name, url in {
            "list": reverse("api:service-list"),
            "list of a year": reverse("api:service-list") + "?fiscal_year=2014-15",
            "detail": reverse("api:service-detail", args=[line.pk]),
        }.items():
            client.get(url, **headers)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, **headers)
            assert response.status_code == HTTPStatus.OK, response.content[:300]
            out[name] = len(captured)
        return out

    def add_volumes(lines, years):
        for line in lines:
            for year in years:
                ServiceVolumeFactory(service_line=line, fiscal_year=year)

    add_volumes(ServiceLine.objects.order_by("pk")[:1], [2014])
    small = measure()
    add_volumes([ServiceLineFactory() for _ in range(8)], [2013, 2014, 2015])
    add_volumes(ServiceLine.objects.order_by("pk")[:1], [2013, 2015])
    assert measure() == small
