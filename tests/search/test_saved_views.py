"""Saved views: save a list's filters and sort, find it on the home page and in the list's menu,
open, rename, delete; a filter that no longer exists; the database's unique name."""

from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse

from search.models import SavedView
from tests.forums.factories import ForumFactory

LIST = "engagements:list"


def save(client, name, query, list_name=LIST):
    return client.post(
        reverse("search:saved_view_create"),
        {"list_name": list_name, "name": name, "query": query},
    )


@pytest.mark.django_db
def test_round_trip(officer_client, officer):
    forum = ForumFactory()
    query = f"forum={forum.pk}&sort=-start_date&page=3&_export=csv"
    response = save(officer_client, "My forum work", query)
    assert response.status_code == HTTPStatus.FOUND
    view = SavedView.objects.get(user=officer)
    assert view.query == f"forum={forum.pk}&sort=-start_date"  # no page, no export
    # in the list's own menu and on the home page, in both languages
    for lang in ("en", "fr"):
        assert "My forum work" in officer_client.get(f"/{lang}/engagements/").content.decode()
        home = officer_client.get(f"/{lang}/").content.decode()
        assert "My forum work" in home
        assert view.get_absolute_url().replace("/en/", f"/{lang}/") in home
    opened = officer_client.get(view.get_absolute_url())
    assert opened.status_code == HTTPStatus.FOUND
    assert opened["Location"] == f"{reverse(LIST)}?forum={forum.pk}&sort=-start_date"
    page = officer_client.get(opened["Location"])
    assert page.status_code == HTTPStatus.OK
    assert page.context["filter"].form.cleaned_data["forum"] == forum

    officer_client.post(reverse("search:saved_view_rename", args=[view.pk]), {"name": "Weekly"})
    view.refresh_from_db()
    assert view.name == "Weekly"
    officer_client.post(reverse("search:saved_view_delete", args=[view.pk]))
    assert not SavedView.objects.exists()


@pytest.mark.django_db
def test_a_filter_that_no_longer_exists_opens_with_a_message(officer_client, officer):
    forum = ForumFactory()
    view = SavedView.objects.create(
        user=officer, list_name=LIST, name="Gone", query=f"forum={forum.pk}&sort=summary"
    )
    forum.delete()
    response = officer_client.get(view.get_absolute_url(), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert response.redirect_chain[-1][0] == f"{reverse(LIST)}?sort=summary"
    messages = [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]
    assert any("no longer match anything" in m and "Forum" in m for m in messages)


@pytest.mark.django_db
def test_a_list_that_no_longer_exists(officer_client, officer):
    view = SavedView.objects.create(user=officer, list_name="nope:gone", name="Old", query="")
    response = officer_client.get(view.get_absolute_url(), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "no longer exists" in response.content.decode()


@pytest.mark.django_db
def test_same_name_twice_is_refused_whatever_its_case(officer_client, officer, other_officer):
    save(officer_client, "IGC", "sort=summary")
    response = save(officer_client, "igc", "sort=-summary")
    assert SavedView.objects.filter(user=officer).count() == 1
    assert "already have a view" in str(list(get_messages(response.wsgi_request))[-1])
    # another list, or another user: the same name is fine
    save(officer_client, "IGC", "", list_name="forums:forum_list")
    SavedView.objects.create(user=other_officer, list_name=LIST, name="IGC")
    assert SavedView.objects.count() == 3


@pytest.mark.django_db
def test_the_database_holds_the_unique_name(officer):
    SavedView.objects.create(user=officer, list_name=LIST, name="Mine")
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedView.objects.create(user=officer, list_name=LIST, name="MINE")


@pytest.mark.django_db
def test_renaming_onto_another_name_is_refused(officer_client, officer):
    a = SavedView.objects.create(user=officer, list_name=LIST, name="A")
    SavedView.objects.create(user=officer, list_name=LIST, name="B")
    officer_client.post(reverse("search:saved_view_rename", args=[a.pk]), {"name": "b"})
    a.refresh_from_db()
    assert a.name == "A"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_bad_names(officer_client, name):
    response = save(officer_client, name, "sort=summary")
    assert response.status_code == HTTPStatus.FOUND
    assert not SavedView.objects.exists()


@pytest.mark.django_db
def test_a_list_the_user_may_not_see_cannot_be_saved(officer_client):
    # the review queue is a managers' list
    response = save(officer_client, "Queue", "", list_name="engagements:review_queue")
    assert response.status_code == HTTPStatus.NOT_FOUND


LISTS = [
    "engagements:list",
    "forums:forum_list",
    "forums:meeting_list",
    "partners:organization_list",
    "partners:agreement_list",
    "events:list",
    "indicators:indicator_list",
]


@pytest.mark.django_db
@pytest.mark.parametrize("list_name", LISTS)
def test_every_list_has_the_menu(officer_client, list_name):
    html = officer_client.get(reverse(list_name)).content.decode()
    assert 'id="saved-views-heading"' in html
    assert f'value="{list_name}"' in html
