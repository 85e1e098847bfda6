"""The portal-wide search: who sees what, bad input, language handling, query counts."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse

from accounts.roles import OFFICERS
from engagements.models import Engagement
from search import selectors, text
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, PositionFactory
from tests.forums.factories import ForumFactory, MeetingFactory
from tests.partners.factories import OrganizationFactory

Status = Engagement.Status
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded fallback")

URL = reverse("search:search")


def search(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == HTTPStatus.OK
    return response


def groups(response):
    return {g.kind.key: g for g in response.context["groups"]}


def found(response, kind="engagements"):
    group = groups(response).get(kind)
    return [r.record for r in group.results] if group else []


# --- visibility ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_another_officers_draft_never_leaks(client, officer, other_officer, manager):
    """Not in the results, not in a count, not through a position, an officer's name or a
    forum: to another officer the draft does not exist."""
    forum = ForumFactory(name_en="Zanzibar Dialogue", name_fr="Dialogue de Zanzibar")
    draft = EngagementFactory(
        lead_officer=officer,
        status=Status.DRAFT,
        summary="Quixotic plenary on sandpipers.",
        city="Quahog",
        meeting=MeetingFactory(forum=forum),
    )
    PositionFactory(engagement=draft, text="Canada favours xylophones.", outcome_note="marimbas")
    officer.last_name = "Wolfeschlegel"
    officer.save()
    for q in [
        "quixotic sandpipers",
        "xylophones",
        "marimbas",
        "Quahog",
        "Wolfeschlegel",
        "Zanzibar",
    ]:
        client.force_login(other_officer)
        response = search(client, q)
        assert "engagements" not in {k for k, g in groups(response).items() if g.count}, q
        assert draft.get_absolute_url() not in response.content.decode()
        client.force_login(officer)
        assert found(search(client, q)) == [draft], q
        client.force_login(manager)
        assert found(search(client, q)) == [draft], q


@pytest.mark.django_db
def test_approved_records_are_found_by_every_officer(client, officer, other_officer):
    record = EngagementFactory(
        lead_officer=officer, status=Status.APPROVED, summary="Talks on quinoa exports."
    )
    client.force_login(other_officer)
    assert found(search(client, "quinoa")) == [record]


@pytest.mark.django_db
def test_delegation_members_find_the_draft_they_are_in(client, officer, other_officer):
    record = EngagementFactory(lead_officer=officer, summary="Walrus census.")
    record.delegation.add(other_officer)
    client.force_login(other_officer)
    assert found(search(client, "walrus")) == [record]


@pytest.mark.django_db
def test_a_kind_needs_its_own_list_permission(client):
    from django.contrib.auth.models import Permission

    user = UserFactory(username="searcher")
    user.user_permissions.add(
        Permission.objects.get(codename="use_search"),
        Permission.objects.get(codename="view_forum"),
    )
    ForumFactory(name_en="Okapi Forum")
    EngagementFactory(status=Status.APPROVED, summary="Okapi summit")
    client.force_login(user)
    response = search(client, "okapi")
    assert set(groups(response)) == {"forums"}


# --- what the page shows ---------------------------------------------------------------------


@pytest.mark.django_db
def test_results_grouped_by_kind_with_counts_snippets_and_links(officer_client):
    forum = ForumFactory(acronym_en="IGC", name_en="Intergovernmental Consultations on gannets")
    meeting = MeetingFactory(forum=forum, name_en="Gannets working group")
    engagements = [
        EngagementFactory(
            status=Status.APPROVED,
            meeting=MeetingFactory(),
            summary=f"Statement {n} on gannets and smuggling along the coast.",
        )
        for n in range(7)
    ]
    OrganizationFactory(name_en="Gannets Institute")
    response = search(officer_client, "gannets")
    by_kind = groups(response)
    assert by_kind["engagements"].count == 7
    assert len(by_kind["engagements"].results) == selectors.GROUP_SIZE
    assert by_kind["forums"].count == 1
    assert by_kind["meetings"].count == 1
    assert by_kind["organizations"].count == 1
    html = response.content.decode()
    assert meeting.get_absolute_url() in html
    assert "<mark>gannets</mark>" in html
    assert f"{reverse('search:search')}?q=gannets&amp;kind=engagements" in html
    one_kind = search(officer_client, "gannets", kind="engagements")
    assert len(one_kind.context["group"].results) == 7
    assert {e.get_absolute_url() for e in engagements} <= {
        r.url for r in one_kind.context["group"].results
    }


@pytest.mark.django_db
def test_counts_are_bounded(officer_client, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 3)
    for n in range(5):
        EngagementFactory(status=Status.APPROVED, summary=f"Pelican count {n}.")
    response = search(officer_client, "pelican")
    group = groups(response)["engagements"]
    assert group.more_than_limit
    assert "more than 3" in response.content.decode()


@pytest.mark.django_db
def test_officers_name_and_city_and_outcome_notes_find_engagements(officer_client):
    lead = UserFactory(username="jdoe", first_name="Jeanne", last_name="Dorval", role=OFFICERS)
    by_name = EngagementFactory(lead_officer=lead, status=Status.APPROVED, summary="Report.")
    by_city = EngagementFactory(status=Status.APPROVED, city="Ouagadougou", summary="Visit.")
    by_note = PositionFactory(
        engagement=EngagementFactory(status=Status.APPROVED, summary="Statement."),
        outcome_note="Paragraph 12 of the conclusion echoes it.",
    ).engagement
    assert found(search(officer_client, "Dorval")) == [by_name]
    assert found(search(officer_client, "ouagadougou")) == [by_city]
    assert found(search(officer_client, "paragraph echoes")) == [by_note]


BAD_INPUT = [
    "",
    "x",
    " ",
    "a" * 10_000,
    '"IOM" -Council',
    "&|!:*",
    "'\"\\",
    "<script>alert(1)</script>",
    "\x00\x01\x1f\x7f control",
    "):* | !( & <-> ",
    "%_%",
    "ÿ" * 300,
]


@pytest.mark.django_db
@pytest.mark.parametrize("q", BAD_INPUT)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_bad_input_is_a_clear_page(officer_client, q, lang):
    EngagementFactory(status=Status.APPROVED, summary="Council of IOM on resettlement.")
    response = officer_client.get(f"/{lang}/search/", {"q": q})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<script>alert" not in html
    assert len(response.context["query"]) <= text.MAX_QUERY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"kind": "nope"}, {"kind": "engagements", "page": "999999"}, {"page": "-1"}, {"page": "x"}],
)
def test_unknown_kinds_and_pages(officer_client, params):
    EngagementFactory(status=Status.APPROVED, summary="Council of IOM on resettlement.")
    response = search(officer_client, "council", **params)
    if params.get("kind") == "nope":
        assert response.context["unknown_kind"]
        assert "no such kind" in response.content.decode()


@pytest.mark.django_db
def test_long_queries_are_cut_and_said_so(officer_client):
    response = search(officer_client, "resettlement " * 1000)
    assert response.context["cut"]
    assert "only the first 200 were searched" in response.content.decode()


@pytest.mark.django_db
def test_one_character_asks_for_more(officer_client):
    response = search(officer_client, "a")
    assert response.context["too_short"]
    assert "two letters or more" in response.content.decode()


@pytest.mark.django_db
def test_header_search_box_on_every_page_in_both_languages(officer_client):
    for lang, label in [("en", "Search the portal"), ("fr", "Rechercher dans le portail")]:
        html = officer_client.get(f"/{lang}/engagements/").content.decode()
        assert 'role="search"' in html
        assert f'<label for="header-search" class="visually-hidden">{label}</label>' in html
        assert f'action="/{lang}/search/"' in html


# --- language --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_accents_and_case_do_not_matter(officer_client):
    record = EngagementFactory(
        status=Status.APPROVED, language="fr", summary="Séance sur la réinstallation à Genève."
    )
    for q in ["reinstallation", "RÉINSTALLATION", "geneve", "Genève séance"]:
        assert found(search(officer_client, q)) == [record], q


@postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    "summary, language, query",
    [
        ("Canada pressed for resettlement places.", "en", "resettle"),
        ("Canada pressed for resettlement places.", "en", "resettlements"),
        ("Smuggling of migrants was discussed.", "en", "smuggled migrant"),
        ("Le Canada a plaidé pour la réinstallation.", "fr", "réinstallations"),
        ("Le Canada a plaidé pour la réinstallation.", "fr", "reinstallation"),
        ("Les passeurs et le trafic de migrants.", "fr", "migrant trafics"),
        ("Nous avons présidé les consultations.", "fr", "consultation"),
    ],
)
def test_stemming_in_both_languages(officer_client, summary, language, query):
    record = EngagementFactory(status=Status.APPROVED, summary=summary, language=language)
    EngagementFactory(status=Status.APPROVED, summary="Nothing to do with it.")
    assert found(search(officer_client, query)) == [record]


@postgres_only
@pytest.mark.django_db
def test_results_are_ranked(officer_client):
    once = EngagementFactory(status=Status.APPROVED, summary="Protection, then other matters.")
    often = EngagementFactory(
        status=Status.APPROVED, summary="Protection: protection of refugees, protection again."
    )
    assert found(search(officer_client, "protection")) == [often, once]


@pytest.mark.django_db
def test_either_language_finds_through_the_bilingual_reference_data(officer_client):
    """A French query finds an engagement written in English through its forum's French name."""
    forum = ForumFactory(name_en="Working Group on Resettlement", name_fr="Groupe de travail")
    record = EngagementFactory(
        status=Status.APPROVED,
        meeting=MeetingFactory(forum=forum, city="Geneva", city_fr="Genève"),
        summary="Canada chaired.",
    )
    assert found(search(officer_client, "groupe travail")) == [record]
    assert found(search(officer_client, "Genève")) == [record]


@sqlite_only
@pytest.mark.django_db
def test_the_sqlite_fallback_matches_substrings_without_stemming(officer_client):
    record = EngagementFactory(status=Status.APPROVED, summary="Resettlement places.")
    assert found(search(officer_client, "settle")) == [record]  # a substring matches
    assert found(search(officer_client, "resettled")) == []  # no stemming here


# --- query counts ----------------------------------------------------------------------------


def _records(n):
    forum = ForumFactory(name_en="Albatross forum")
    for i in range(n):
        e = EngagementFactory(
            status=Status.APPROVED,
            meeting=MeetingFactory(forum=forum),
            summary=f"Albatross statement {i}.",
        )
        PositionFactory(engagement=e, text=f"Albatross position {i}.")
    OrganizationFactory(name_en="Albatross institute")


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 12])
def test_query_count_does_not_grow_with_matches(officer_client, django_assert_num_queries, n):
    _records(n)
    officer_client.get(URL, {"q": "albatross"})  # warm the session and the caches
    with django_assert_num_queries(QUERIES_GROUPED):
        search(officer_client, "albatross")
    with django_assert_num_queries(QUERIES_ONE_KIND):
        search(officer_client, "albatross", kind="engagements")


# the page (session, user, navigation counts) + per kind the bounded ids and the ranked rows
# (engagements also their positions, and the officers, forums and meetings they are found by,
# each condition read on its own index)
QUERIES_GROUPED = 26
QUERIES_ONE_KIND = 17


@pytest.mark.django_db
def test_service_lines_are_found_in_either_language(officer_client):
    from tests.partners.factories import ServiceLineFactory

    line = ServiceLineFactory(
        name_en="Cultural orientation abroad", name_fr="Orientation culturelle"
    )
    for q in ["cultural orientation", "culturelle"]:
        assert found(search(officer_client, q), kind="services") == [line], q
    html = search(officer_client, "culturelle").content.decode()
    assert line.get_absolute_url() in html
