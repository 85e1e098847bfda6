import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation

from core.fiscal import FiscalYear
from forums.models import Forum, Meeting, OutcomeDocument
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory

pytestmark = pytest.mark.django_db


def integrity_error(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


# --- database constraints ---------------------------------------------------------------------


def test_english_acronym_is_unique_within_a_kind_only():
    ForumFactory(acronym_en="XRCM", kind=Forum.Kind.REGIONAL_PROCESS)
    integrity_error(lambda: ForumFactory(acronym_en="XRCM", kind=Forum.Kind.REGIONAL_PROCESS))
    ForumFactory(acronym_en="XRCM", kind=Forum.Kind.GLOBAL_FORUM)  # another kind: allowed


def test_french_acronym_is_unique_within_a_kind():
    ForumFactory(acronym_fr="XCRM", kind=Forum.Kind.REGIONAL_PROCESS)
    integrity_error(lambda: ForumFactory(acronym_fr="XCRM", kind=Forum.Kind.REGIONAL_PROCESS))


@pytest.mark.parametrize("field", ["name_en", "name_fr"])
def test_forum_needs_both_names(field):
    integrity_error(lambda: ForumFactory(**{field: ""}))


def test_forum_year_established_must_be_plausible():
    integrity_error(lambda: ForumFactory(year_established=1700))
    ForumFactory(year_established=None)


def test_forum_cannot_be_its_own_parent_in_the_database():
    forum = ForumFactory()
    integrity_error(lambda: Forum.objects.filter(pk=forum.pk).update(parent=forum))


def test_meeting_cannot_end_before_it_starts():
    integrity_error(
        lambda: MeetingFactory(
            start_date=datetime.date(2013, 7, 3), end_date=datetime.date(2013, 7, 1)
        )
    )
    MeetingFactory(start_date=datetime.date(2013, 7, 1), end_date=datetime.date(2013, 7, 1))


@pytest.mark.parametrize("field", ["name_en", "name_fr"])
def test_meeting_needs_both_names(field):
    integrity_error(lambda: MeetingFactory(**{field: ""}))


def test_meeting_is_unique_per_forum_name_and_start():
    meeting = MeetingFactory()
    integrity_error(
        lambda: MeetingFactory(
            forum=meeting.forum, name_en=meeting.name_en, start_date=meeting.start_date
        )
    )


def test_outcome_document_title_is_unique_per_meeting_and_required():
    document = OutcomeDocumentFactory()
    integrity_error(
        lambda: OutcomeDocumentFactory(meeting=document.meeting, title_en=document.title_en)
    )
    OutcomeDocumentFactory(title_en=document.title_en)  # another meeting: allowed
    integrity_error(lambda: OutcomeDocumentFactory(title_en=""))


def test_deleting_a_forum_or_meeting_with_history_is_refused():
    document = OutcomeDocumentFactory()
    with pytest.raises(ProtectedError):
        document.meeting.forum.delete()
    with pytest.raises(ProtectedError):
        document.meeting.delete()
    child = ForumFactory(parent=ForumFactory())
    with pytest.raises(ProtectedError):
        child.parent.delete()


# --- validation (what forms show) -------------------------------------------------------------


def test_year_established_cannot_be_in_the_future():
    forum = ForumFactory.build(year_established=timezone.localdate().year + 1)
    with pytest.raises(ValidationError) as error:
        forum.full_clean()
    assert "cannot be in the future" in str(error.value.message_dict["year_established"])


def test_year_established_before_1800_is_a_message_not_a_database_error():
    forum = ForumFactory.build(year_established=1700)
    with pytest.raises(ValidationError) as error:
        forum.full_clean()
    assert error.value.message_dict["year_established"] == [
        "The year established must be 1800 or later."
    ]


def test_a_forum_cannot_be_its_own_parent():
    forum = ForumFactory()
    forum.parent = forum
    with pytest.raises(ValidationError) as error:
        forum.full_clean()
    assert "parent" in error.value.message_dict


def test_a_forum_cannot_be_its_own_ancestor():
    top = ForumFactory()
    middle = ForumFactory(parent=top)
    bottom = ForumFactory(parent=middle)
    bottom.full_clean()  # a normal chain is fine
    top.parent = bottom
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert error.value.message_dict["parent"] == ["A forum cannot be its own parent or ancestor."]


def test_duplicate_acronym_is_a_validation_message():
    ForumFactory(acronym_en="XGFMD", kind=Forum.Kind.GLOBAL_FORUM)
    forum = ForumFactory.build(acronym_en="XGFMD", kind=Forum.Kind.GLOBAL_FORUM)
    with pytest.raises(ValidationError) as error:
        forum.full_clean()
    assert "already exists" in str(error.value)


def test_meeting_end_before_start_is_a_validation_message():
    meeting = MeetingFactory.build(
        forum=ForumFactory(),
        start_date=datetime.date(2014, 5, 16),
        end_date=datetime.date(2014, 5, 14),
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict["end_date"] == ["The end date cannot be before the start date."]


# --- behaviour ----------------------------------------------------------------------------------


def test_names_follow_the_active_language():
    forum = ForumFactory(
        acronym_en="XGFMD",
        acronym_fr="XFMMD",
        name_en="Global Forum on Migration and Development",
        name_fr="Forum mondial sur la migration et le développement",
    )
    with translation.override("fr"):
        assert forum.acronym == "XFMMD"
        assert str(forum) == "XFMMD — Forum mondial sur la migration et le développement"
    with translation.override("en"):
        assert forum.name == "Global Forum on Migration and Development"


def test_outcome_document_without_french_title_falls_back_to_english():
    document = OutcomeDocumentFactory(title_en="Report on the 103rd Session", title_fr="")
    with translation.override("fr"):
        assert document.title == "Report on the 103rd Session"


@pytest.mark.parametrize(
    ("start", "label"),
    [
        (datetime.date(2014, 3, 31), "2013-14"),
        (datetime.date(2014, 4, 1), "2014-15"),
        (datetime.date(2013, 10, 3), "2013-14"),
    ],
)
def test_meeting_fiscal_year_turns_on_1_april(start, label):
    meeting = MeetingFactory(start_date=start)
    assert meeting.year.label_en == label


def test_meeting_queryset_by_fiscal_year_and_importance():
    march = MeetingFactory(start_date=datetime.date(2014, 3, 31), is_important=True)
    april = MeetingFactory(start_date=datetime.date(2014, 4, 1), is_important=False)
    mine = Meeting.objects.filter(pk__in=[march.pk, april.pk])
    assert list(mine.in_fiscal_year(FiscalYear(2013))) == [march]
    assert list(mine.in_fiscal_year(FiscalYear(2014))) == [april]
    assert list(mine.important()) == [march]


def test_changes_are_kept_in_history():
    forum = ForumFactory(name_en="Before")
    forum.name_en = "After"
    forum.save()
    assert [h.name_en for h in forum.history.order_by("history_date")] == ["Before", "After"]
    document = OutcomeDocumentFactory()
    assert document.history.count() == 1
    assert OutcomeDocument.history.filter(id=document.pk).count() == 1
