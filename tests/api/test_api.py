"""The API as an analyst uses it: a token made on the tokens page, sent as a Bearer header; the
same records as the pages, role by role; cursor pages; refusals that say why."""

import datetime
from http import HTTPStatus

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, hash_token
from api.services import create_token
from engagements.models import Engagement
from indicators.models import Indicator

from .conftest import bearer

pytestmark = pytest.mark.django_db

# Each list page and its API counterpart (tests/api/test_counterparts.py checks none is missing).
PAGES = {
    "engagements:list": "api:engagement-list",
    "forums:forum_list": "api:forum-list",
    "forums:meeting_list": "api:meeting-list",
    "partners:organization_list": "api:organization-list",
    "partners:agreement_list": "api:agreement-list",
    "indicators:indicator_list": "api:indicator-list",
    "events:list": "api:event-list",
    "forums:plan": "api:plan-list",
    "partners:service_list": "api:service-list",
}


def walk(client, url, headers, page_size=7):
    """Every row of an API list, following the cursors."""
    rows, pages = [], 0
    next_url = f"{url}{'&' if '?' in url else '?'}page_size={page_size}"
    while next_url:
        response = client.get(next_url, **headers)
        assert response.status_code == HTTPStatus.OK, response.content[:500]
        body = response.json()
        rows += body["results"]
        next_url = body["next"]
        pages += 1
    return rows, pages


# --- tokens -----------------------------------------------------------------------------------


def test_a_token_made_on_the_page_reads_the_api_once_shown(client, demo):
    client.force_login(demo["officer"])
    response = client.post(reverse("api_tokens:list"), {"name": "Power BI", "days": "90"})
    assert response.status_code == HTTPStatus.OK
    raw = response.context["new_token"]["raw"]
    assert raw in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(raw) and raw not in {token.token_hash, token.prefix}
    assert token.expires_at - token.created_at == datetime.timedelta(days=90)
    # never shown again
    again = client.get(reverse("api_tokens:list"))
    assert raw not in again.content.decode() and token.prefix in again.content.decode()
    client.logout()
    assert token.last_used_at is None
    response = client.get(reverse("api:indicator-list"), **bearer(raw))
    assert response.status_code == HTTPStatus.OK
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_tokens_page_is_in_french_too(client, demo):
    client.force_login(demo["manager"])
    response = client.get("/fr/accounts/tokens/")
    assert response.status_code == HTTPStatus.OK
    assert "Jetons d’API" in response.content.decode()


def test_a_lifetime_beyond_a_year_is_refused(client, demo):
    client.force_login(demo["officer"])
    response = client.post(reverse("api_tokens:list"), {"name": "x", "days": "400"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not ApiToken.objects.exists()
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(
            user=demo["officer"],
            name="too long",
            token_hash="0" * 64,
            prefix="p43_0000",
            created_at=now,
            expires_at=now + datetime.timedelta(days=400),
        )


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer nope", "Bearer a b", "Token whatever"],
)
def test_a_bad_or_missing_token_is_a_401(client, tokens, header):
    response = client.get(reverse("api:forum-list"), HTTP_AUTHORIZATION=header)
    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"]


def test_revoked_and_expired_tokens_are_refused(client, demo):
    token, raw = create_token(user=demo["officer"], name="old", days=30)
    url = reverse("api:forum-list")
    assert client.get(url, **bearer(raw)).status_code == HTTPStatus.OK
    client.force_login(demo["officer"])
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 302
    client.logout()
    assert client.get(url, **bearer(raw)).status_code == HTTPStatus.UNAUTHORIZED
    token2, raw2 = create_token(user=demo["officer"], name="short", days=30)
    ApiToken.objects.filter(pk=token2.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert client.get(url, **bearer(raw2)).status_code == HTTPStatus.UNAUTHORIZED
    demo["manager"].is_active = False
    demo["manager"].save()
    _token3, raw3 = create_token(user=demo["manager"], name="inactive", days=30)
    assert client.get(url, **bearer(raw3)).status_code == HTTPStatus.UNAUTHORIZED


def test_administrators_revoke_tokens_in_admin(client, demo):
    token, raw = create_token(user=demo["officer"], name="Power BI", days=30)
    client.force_login(demo["administrator"])
    listing = client.get("/en/admin/api/apitoken/")
    assert listing.status_code == HTTPStatus.OK and "Power BI" in listing.content.decode()
    response = client.post(
        "/en/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == HTTPStatus.FOUND
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get(reverse("api:forum-list"), **bearer(raw)).status_code == 401


# --- same records as the pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "manager", "administrator"])
@pytest.mark.parametrize(
    # not "page": that name is pytest-playwright's browser page, and a test asking for it is
    # grouped with the browser tests, after the transactional ones have emptied the database
    ("page_name", "query"),
    [
        ("engagements:list", ""),
        ("engagements:list", "status=approved"),
        ("engagements:list", "fiscal_year=2015-16"),
        ("engagements:list", "q=refugee"),
        ("forums:forum_list", ""),
        ("forums:meeting_list", ""),
        ("forums:meeting_list", "is_important=true"),
        ("partners:organization_list", ""),
        ("partners:agreement_list", ""),
        ("indicators:indicator_list", ""),
        ("events:list", ""),
        ("events:list", "status=active&level=high"),
        ("forums:plan", ""),
        ("forums:plan", "fiscal_year=2015-16&importance=important"),
        ("partners:service_list", ""),
        ("partners:service_list", "kind=orientation&fiscal_year=2015-16"),
    ],
)
def test_each_list_counts_what_its_page_counts(client, demo, tokens, role, page_name, query):
    client.force_login(demo[role])
    response = client.get(reverse(page_name) + (f"?{query}" if query else ""))
    page_count = response.context["table"].paginator.count
    client.logout()
    url = reverse(PAGES[page_name]) + (f"?{query}" if query else "")
    rows, _pages = walk(client, url, bearer(tokens[role]))
    assert len(rows) == page_count
    assert len({row["id"] for row in rows}) == len(rows)  # no row twice


def test_an_officer_sees_approved_records_and_their_own(client, demo, tokens):
    officer = demo["officer"]
    rows, _pages = walk(client, reverse("api:engagement-list"), bearer(tokens["officer"]), 50)
    visible = set(Engagement.objects.visible_to(officer).values_list("pk", flat=True))
    assert {row["id"] for row in rows} == visible
    assert any(row["status"] != "approved" for row in rows)  # their own drafts
    assert len(rows) < Engagement.objects.count()  # not the others' drafts
    hidden = Engagement.objects.exclude(pk__in=visible).first()
    response = client.get(
        reverse("api:engagement-detail", args=[hidden.pk]), **bearer(tokens["officer"])
    )
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_cursor_pages_are_stable_under_inserts(client, demo, tokens):
    from tests.engagements.factories import EngagementFactory

    headers = bearer(tokens["manager"])
    url = reverse("api:engagement-list") + "?page_size=10"
    order = ("-start_date", "-id")  # the page's order (engagement_start_idx)
    before = list(Engagement.objects.order_by(*order).values_list("id", flat=True)[:20])
    first = client.get(url, **headers).json()
    assert [row["id"] for row in first["results"]] == before[:10]
    # one row lands before the cursor (started later than all), one after it (earliest)
    newest = Engagement.objects.order_by(*order).first()
    oldest = Engagement.objects.order_by("start_date", "id").first()
    for start, end in [
        (newest.start_date + datetime.timedelta(days=30), newest.end_date),
        (oldest.start_date - datetime.timedelta(days=30), oldest.start_date),
    ]:
        EngagementFactory(
            status=Engagement.Status.APPROVED,
            start_date=start,
            end_date=max(start, end or start),
        )
    second = client.get(first["next"], **headers).json()
    assert [row["id"] for row in second["results"]] == before[10:20]
    # and back: the previous page is the first one again
    again = client.get(second["previous"], **headers).json()
    assert [row["id"] for row in again["results"]] == before[:10]


def test_rows_that_start_the_same_day_page_by_id(client, demo, tokens):
    from tests.engagements.factories import EngagementFactory

    day = datetime.date(2030, 1, 15)
    same_day = {
        EngagementFactory(status=Engagement.Status.APPROVED, start_date=day, end_date=day).pk
        for _ in range(7)
    }
    rows, pages = walk(client, reverse("api:engagement-list"), bearer(tokens["manager"]), 3)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == Engagement.objects.count()
    assert ids[:7] == sorted(same_day, reverse=True)
    keys = [(row["start_date"], row["id"]) for row in rows]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize(
    "cursor", ["garbage", "cD0x", "cD1bIngiLCAxXQ==", "cD1bIjIwMTUtMDEtMDEiXQ=="]
)
def test_a_bad_cursor_is_a_404_not_a_500(client, tokens, cursor):
    # not base64; "p=1" (not a key); p=["x", 1] (not a date); p=["2015-01-01"] (one value)
    response = client.get(
        f"{reverse('api:engagement-list')}?cursor={cursor}", **bearer(tokens["manager"])
    )
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["detail"]


def test_engagements_carry_positions_themes_and_evidence_metadata(client, demo, tokens):
    rows, _pages = walk(client, reverse("api:engagement-list"), bearer(tokens["manager"]), 100)
    with_evidence = next(row for row in rows if row["evidence"])
    assert set(with_evidence["evidence"][0]) == {
        "id",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
    }
    assert any(row["positions"] for row in rows)
    assert all(row["themes"] and row["themes"][0]["name_fr"] for row in rows)


# --- figures -----------------------------------------------------------------------------------


def test_the_official_indicator_has_its_figures_per_year(client, demo, tokens):
    official = Indicator.objects.filter(kind=Indicator.Kind.OFFICIAL).exclude(
        measurement=Indicator.MANUAL
    )[0]
    response = client.get(reverse("api:indicator-list"), **bearer(tokens["officer"]))
    row = next(r for r in response.json()["results"] if r["code"] == official.code)
    assert row["name_en"] and row["name_fr"] and row["targets"]
    years = {y["fiscal_year_label"]: y for y in row["years"]}
    year = years["2015-16"]
    assert year["denominator"] is not None and year["status"]
    assert {f["name"] for f in year["figures"]} >= {"numerator", "denominator"}
    drill = next(f for f in year["figures"] if f["name"] == "denominator")
    assert drill["url"].startswith("http://testserver/en/indicators/")
    client.force_login(demo["officer"])
    page = client.get(drill["url"].removeprefix("http://testserver"))
    assert page.status_code == HTTPStatus.OK
    assert page.context["table"].paginator.count == drill["count"]


def test_infobase_rows_are_the_csv_rows(client, demo, tokens):
    from indicators.exports import infobase_rows

    response = client.get(reverse("api:infobase"), **bearer(tokens["officer"]))
    assert len(response.json()) == len(list(infobase_rows()))


# --- limits and refusals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["colour=red", "status=nonsense", "fiscal_year=1999-00", "forum=abc", "page_size=10&sort=x"],
)
def test_unknown_or_malformed_filters_are_a_400_with_a_message(client, tokens, query):
    response = client.get(f"{reverse('api:engagement-list')}?{query}", **bearer(tokens["manager"]))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    body = response.json()
    assert body and all(isinstance(messages, list) and messages for messages in body.values())


@override_settings(API_MAX_PAGE_SIZE=5)
def test_the_page_size_is_capped(client, tokens):
    response = client.get(
        f"{reverse('api:engagement-list')}?page_size=5000", **bearer(tokens["manager"])
    )
    assert len(response.json()["results"]) == 5


@override_settings(API_THROTTLE_RATE="3/minute")
def test_each_token_is_throttled_with_retry_after(client, demo, tokens):
    url = reverse("api:forum-list")
    for _ in range(3):
        assert client.get(url, **bearer(tokens["officer"])).status_code == HTTPStatus.OK
    response = client.get(url, **bearer(tokens["officer"]))
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 0 < int(response["Retry-After"]) <= 60
    # another token (even of the same user) has its own allowance
    _token, other = create_token(user=demo["officer"], name="second", days=30)
    assert client.get(url, **bearer(other)).status_code == HTTPStatus.OK


def test_the_api_speaks_french_when_asked(client, tokens):
    response = client.get(
        f"{reverse('api:engagement-list')}?colour=red",
        HTTP_ACCEPT_LANGUAGE="fr",
        **bearer(tokens["manager"]),
    )
    assert "Paramètre inconnu" in response.json()["colour"][0]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, tokens, method):
    url = reverse("api:engagement-detail", args=[Engagement.objects.order_by("pk")[0].pk])
    for token in tokens.values():
        response = getattr(client, method)(
            url, {}, content_type="application/json", **bearer(token)
        )
        assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.METHOD_NOT_ALLOWED)
    count = Engagement.objects.count()
    client.post(reverse("api:engagement-list"), {}, **bearer(tokens["manager"]))
    assert Engagement.objects.count() == count


# --- international events -----------------------------------------------------------------------


def test_an_event_lists_the_engagements_its_reader_may_see(client, demo, tokens):
    from events.models import EventResponse
    from tests.engagements.factories import EngagementFactory
    from tests.events.factories import AssessmentFactory, EventFactory

    event = EventFactory(countries=["SY", "LB"])
    AssessmentFactory(event=event)
    others_draft = EngagementFactory(status=Engagement.Status.DRAFT)  # not the demo officer's
    approved = EngagementFactory(status=Engagement.Status.APPROVED)
    for engagement in (others_draft, approved):
        EventResponse.objects.create(event=event, engagement=engagement)
    url = reverse("api:event-detail", args=[event.pk])
    as_officer = client.get(url, **bearer(tokens["officer"])).json()
    as_manager = client.get(url, **bearer(tokens["manager"])).json()
    assert as_officer["engagements"] == [approved.pk]
    assert set(as_manager["engagements"]) == {approved.pk, others_draft.pk}
    assert sorted(as_officer["countries"]) == ["LB", "SY"]
    assert as_officer["level"] == "high"
    assert as_officer["assessments"][0]["effect"] == "resettlement"
    assert as_officer["title_en"] and as_officer["title_fr"]


# --- services from IOM and UNHCR ----------------------------------------------------------------


def test_a_service_line_carries_both_names_its_volumes_and_its_pages_sums(client, demo, tokens):
    from tests.partners.factories import ServiceLineFactory, ServiceVolumeFactory

    line = ServiceLineFactory()
    for year, people in [(2015, 300), (2013, 100), (2014, 200)]:
        ServiceVolumeFactory(service_line=line, fiscal_year=year, people_served=people)
    headers = bearer(tokens["officer"])
    url = reverse("api:service-detail", args=[line.pk])
    row = client.get(url, **headers).json()
    assert (row["name_en"], row["name_fr"]) == (line.name_en, line.name_fr)
    assert row["program_fr"] == line.program_fr and row["partner"] == line.partner_id
    assert [(v["fiscal_year_label"], v["people_served"]) for v in row["volumes"]] == [
        ("2013-14", 100),
        ("2014-15", 200),
        ("2015-16", 300),
    ]
    assert (row["people_served_total"], row["years_recorded"]) == (600, 3)
    # the sums of the year filtered on, as the page shows them; the volumes stay every year's
    client.force_login(demo["officer"])
    page = client.get(reverse("partners:service_list") + "?fiscal_year=2014-15")
    shown = next(r for r in page.context["table"].data if r.pk == line.pk)
    client.logout()
    row = client.get(url + "?fiscal_year=2014-15", **headers).json()
    assert row["people_served_total"] == shown.people_served_total == 200
    assert row["years_recorded"] == 1 and len(row["volumes"]) == 3
    listed = client.get(reverse("api:service-list") + "?fiscal_year=2014-15", **headers).json()
    assert next(r for r in listed["results"] if r["id"] == line.pk)["people_served_total"] == 200
    # a year outside the line's dates: not listed; a malformed one: a 400
    response = client.get(reverse("api:service-list") + "?fiscal_year=2017-18", **headers)
    assert line.pk not in {r["id"] for r in response.json()["results"]}
    response = client.get(reverse("api:service-list") + "?fiscal_year=1-2", **headers)
    assert response.status_code == HTTPStatus.BAD_REQUEST and response.json()["fiscal_year"]
