"""The Django admin for forums, meetings and outcome documents: pages work for the administrator
role, and every model rule comes back as a message on the form (200), never a 500."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.models import Forum, Meeting, OutcomeDocument
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory

pytestmark = pytest.mark.django_db


def inline(prefix, rows=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def forum_data(**overrides):
    data = {
        "acronym_en": "NEWF",
        "acronym_fr": "NOUVF",
        "name_en": "New forum",
        "name_fr": "Nouveau forum",
        "kind": Forum.Kind.GLOBAL_FORUM,
        "scope": Forum.Scope.MULTILATERAL,
        "parent": "",
        "year_established": "2010",
        "secretariat": "",
        "is_active": "on",
        **inline("meetings"),
    }
    data.update(overrides)
    return data


def meeting_data(forum, **overrides):
    data = {
        "forum": str(forum.pk),
        "name_en": "Special session",
        "name_fr": "Session extraordinaire",
        "start_date": "2015-06-10",
        "end_date": "2015-06-11",
        "city": "Geneva",
        "country": "CH",
        "chair": "",
        **inline("outcome_documents"),
    }
    data.update(overrides)
    return data


def errors_of(response):
    assert response.status_code == HTTPStatus.OK, response.status_code
    form = response.context["adminform"].form
    messages = {field: [str(e) for e in errors] for field, errors in form.errors.items()}
    for formset in response.context["inline_admin_formsets"]:
        for i, errors in enumerate(formset.formset.errors):
            for field, field_errors in errors.items():
                messages[f"{formset.formset.prefix}-{i}-{field}"] = [str(e) for e in field_errors]
    return messages


@pytest.mark.parametrize(
    "url",
    [
        "admin:forums_forum_changelist",
        "admin:forums_forum_add",
        "admin:forums_meeting_changelist",
        "admin:forums_meeting_add",
        "admin:forums_outcomedocument_changelist",
        "admin:forums_outcomedocument_add",
    ],
)
def test_admin_pages_work_for_the_administrator_role(admin_client_, url):
    assert admin_client_.get(reverse(url)).status_code == HTTPStatus.OK


def test_changelists_search_filter_and_show_history(admin_client_):
    forum = Forum.objects.get(acronym_en="GFMD")
    response = admin_client_.get(
        reverse("admin:forums_forum_changelist"), {"q": "migration", "kind": "global_forum"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "GFMD" in response.text
    response = admin_client_.get(
        reverse("admin:forums_meeting_changelist"),
        {"is_important__exact": "1", "fiscal_year": "2013-14", "forum__id__exact": forum.pk},
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["cl"].result_count == 0  # GFMD met in 2012-13 and 2014-15
    response = admin_client_.get(reverse("admin:forums_meeting_changelist"), {"q": "Stockholm"})
    assert response.context["cl"].result_count == 1
    response = admin_client_.get(reverse("admin:forums_forum_history", args=[forum.pk]))
    assert response.status_code == HTTPStatus.OK
    response = admin_client_.get(reverse("admin:forums_forum_change", args=[forum.pk]))
    assert "Seventh GFMD Summit Meeting" in response.text  # meetings inline


def test_forum_admin_list_has_no_n_plus_one(admin_client_, django_assert_max_num_queries):
    for _ in range(40):
        ForumFactory(parent=Forum.objects.get(acronym_en="IOM"), secretariat=None)
    with django_assert_max_num_queries(15):
        admin_client_.get(reverse("admin:forums_forum_changelist"))


def test_officers_cannot_use_the_admin(officer_client):
    response = officer_client.get(reverse("admin:forums_forum_changelist"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("admin:login") in response["Location"]


def test_add_forum_with_a_meeting(admin_client_):
    data = forum_data(
        **inline(
            "meetings",
            [
                {
                    "name_en": "First meeting",
                    "name_fr": "Première réunion",
                    "start_date": "2015-05-01",
                    "end_date": "2015-05-02",
                    "city": "Ottawa",
                    "country": "CA",
                }
            ],
        )
    )
    response = admin_client_.post(reverse("admin:forums_forum_add"), data)
    assert response.status_code == HTTPStatus.FOUND, errors_of(response)
    forum = Forum.objects.get(acronym_en="NEWF")
    assert forum.meetings.get().name_fr == "Première réunion"
    assert forum.history.count() == 1


def test_duplicate_acronym_in_the_same_kind_is_a_message(admin_client_):
    response = admin_client_.post(
        reverse("admin:forums_forum_add"),
        forum_data(acronym_en="GFMD", kind=Forum.Kind.GLOBAL_FORUM),
    )
    messages = errors_of(response)
    assert any("already exists" in m for m in messages["__all__"]), messages
    # another kind may use it
    response = admin_client_.post(
        reverse("admin:forums_forum_add"),
        forum_data(acronym_en="GFMD", acronym_fr="X", kind=Forum.Kind.BILATERAL),
    )
    assert response.status_code == HTTPStatus.FOUND


def test_duplicate_french_acronym_is_a_message(admin_client_):
    response = admin_client_.post(
        reverse("admin:forums_forum_add"),
        forum_data(acronym_fr="FMMD", kind=Forum.Kind.GLOBAL_FORUM),
    )
    assert any("already exists" in m for m in errors_of(response)["__all__"])


def test_year_established_in_the_future_is_a_message(admin_client_):
    next_year = timezone.localdate().year + 1
    response = admin_client_.post(
        reverse("admin:forums_forum_add"), forum_data(year_established=str(next_year))
    )
    assert errors_of(response)["year_established"] == [
        "The year established cannot be in the future."
    ]
    response = admin_client_.post(
        reverse("admin:forums_forum_add"), forum_data(year_established="1600")
    )
    assert errors_of(response)["year_established"] == [
        "The year established must be 1800 or later."
    ]


def change_forum(client, forum, **overrides):
    data = forum_data(
        acronym_en=forum.acronym_en,
        acronym_fr=forum.acronym_fr,
        name_en=forum.name_en,
        name_fr=forum.name_fr,
        kind=forum.kind,
        scope=forum.scope,
        year_established=forum.year_established or "",
        **overrides,
    )
    return client.post(reverse("admin:forums_forum_change", args=[forum.pk]), data)


def test_forum_as_its_own_parent_is_a_message(admin_client_):
    forum = ForumFactory()
    response = change_forum(admin_client_, forum, parent=str(forum.pk))
    assert errors_of(response)["parent"] == ["A forum cannot be its own parent or ancestor."]


def test_forum_as_its_own_ancestor_is_a_message(admin_client_):
    top = ForumFactory()
    child = ForumFactory(parent=top)
    grandchild = ForumFactory(parent=child)
    response = change_forum(admin_client_, top, parent=str(grandchild.pk))
    assert errors_of(response)["parent"] == ["A forum cannot be its own parent or ancestor."]
    top.refresh_from_db()
    assert top.parent is None


def test_meeting_ending_before_it_starts_is_a_message(admin_client_):
    forum = Forum.objects.get(acronym_en="IGC")
    response = admin_client_.post(
        reverse("admin:forums_meeting_add"),
        meeting_data(forum, start_date="2015-06-11", end_date="2015-06-10"),
    )
    assert errors_of(response)["end_date"] == ["The end date cannot be before the start date."]
    assert not Meeting.objects.filter(forum=forum).exists()


def test_meeting_inline_ending_before_it_starts_is_a_message(admin_client_):
    data = forum_data(
        **inline(
            "meetings",
            [
                {
                    "name_en": "Backwards",
                    "name_fr": "À rebours",
                    "start_date": "2015-05-02",
                    "end_date": "2015-05-01",
                }
            ],
        )
    )
    response = admin_client_.post(reverse("admin:forums_forum_add"), data)
    assert errors_of(response)["meetings-0-end_date"] == [
        "The end date cannot be before the start date."
    ]
    assert not Forum.objects.filter(acronym_en="NEWF").exists()


def test_duplicate_meeting_is_a_message(admin_client_):
    meeting = MeetingFactory()
    response = admin_client_.post(
        reverse("admin:forums_meeting_add"),
        meeting_data(
            meeting.forum,
            name_en=meeting.name_en,
            start_date=meeting.start_date.isoformat(),
            end_date=meeting.end_date.isoformat(),
        ),
    )
    assert any("already exists" in m for m in errors_of(response)["__all__"])


def test_add_meeting_with_outcome_documents(admin_client_):
    forum = Forum.objects.get(acronym_en="IGC")
    document = {"kind": "report", "title_en": "Chair's summary", "reference": "IGC/2015/1"}
    response = admin_client_.post(
        reverse("admin:forums_meeting_add"),
        meeting_data(forum, **inline("outcome_documents", [document])),
    )
    assert response.status_code == HTTPStatus.FOUND, errors_of(response)
    assert Meeting.objects.get(forum=forum).outcome_documents.get().reference == "IGC/2015/1"


def test_duplicate_outcome_document_title_is_a_message(admin_client_):
    document = OutcomeDocumentFactory()
    response = admin_client_.post(
        reverse("admin:forums_outcomedocument_add"),
        {"meeting": document.meeting.pk, "kind": "report", "title_en": document.title_en},
    )
    assert any("already exists" in m for m in errors_of(response)["__all__"])
    assert OutcomeDocument.objects.filter(title_en=document.title_en).count() == 1


def test_outcome_document_admin_searches_and_autocompletes(admin_client_):
    response = admin_client_.get(
        reverse("admin:forums_outcomedocument_changelist"), {"q": "A/RES/68/4"}
    )
    assert response.context["cl"].result_count == 1
    response = admin_client_.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "forums",
            "model_name": "outcomedocument",
            "field_name": "meeting",
            "term": "Stockholm",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert [r["text"] for r in response.json()["results"]] == [
        "GFMD — Seventh GFMD Summit Meeting (Stockholm 2014)"
    ]
