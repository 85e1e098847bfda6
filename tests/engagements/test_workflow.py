"""Workflow rules and database invariants of engagements."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from engagements import services
from engagements.models import Engagement, Position, Transition
from tests.engagements.factories import EngagementFactory, PositionFactory, theme
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory

Status = Engagement.Status
pytestmark = pytest.mark.django_db


def data_for(meeting, **overrides):
    fields = {
        "kind": Engagement.Kind.MEETING,
        "leadership_role": Engagement.LeadershipRole.NONE,
        "forum": meeting.forum,
        "meeting": meeting,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "city": "Geneva",
        "country": "CH",
        "summary": "Canada spoke on resettlement.",
        "language": "en",
    }
    fields.update(overrides.pop("fields", {}))
    return services.EngagementData(fields=fields, themes=[theme()], **overrides)


def create(officer, meeting=None, **overrides):
    meeting = meeting or MeetingFactory()
    data = data_for(meeting, **overrides)
    data.fields.setdefault("lead_officer", officer)
    return services.save_engagement(actor=officer, data=data)


# --- creating and editing --------------------------------------------------------------------


def test_create_sets_fiscal_year_draft_status_and_one_history_row(officer):
    meeting = MeetingFactory(
        start_date=datetime.date(2014, 3, 30), end_date=datetime.date(2014, 4, 2)
    )
    engagement = create(officer, meeting)
    assert engagement.status == Status.DRAFT
    assert engagement.fiscal_year == 2013  # 30 March 2014 is in 2013-14
    assert engagement.created_by == officer
    assert engagement.version == 1
    history = list(engagement.history.all())
    assert len(history) == 1
    assert history[0].history_type == "+"
    assert history[0].history_user == officer
    assert [t.pk for t in history[0].themes.all()] != []


def test_positions_are_saved_in_order_with_the_engagement(officer):
    meeting = MeetingFactory()
    document = OutcomeDocumentFactory(meeting=meeting)
    engagement = create(
        officer,
        meeting,
        positions=[
            services.PositionData(
                text="First", theme=theme(), outcome="reflected", outcome_document=document
            ),
            services.PositionData(text="Second", theme=theme("integration")),
        ],
        late_reason="Logged after the meeting.",
    )
    assert [p.text for p in engagement.positions.all()] == ["First", "Second"]
    assert engagement.positions.first().outcome_document == document


def test_outcome_document_of_another_meeting_is_refused_and_nothing_is_saved(officer):
    meeting = MeetingFactory()
    other_document = OutcomeDocumentFactory()
    with pytest.raises(ValidationError):
        create(
            officer,
            meeting,
            positions=[
                services.PositionData(text="x", theme=theme(), outcome_document=other_document)
            ],
        )
    assert Engagement.objects.count() == 0
    assert Position.objects.count() == 0


def test_meeting_from_another_forum_is_refused(officer):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        create(officer, meeting, fields={"forum": ForumFactory()})
    assert "meeting" in error.value.message_dict
    assert Engagement.objects.count() == 0


def test_end_before_start_is_refused(officer):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        create(
            officer, meeting, fields={"end_date": meeting.start_date - datetime.timedelta(days=1)}
        )
    assert "end_date" in error.value.message_dict


def test_new_meeting_is_created_in_the_same_transaction(officer):
    forum = ForumFactory()
    data = data_for(
        MeetingFactory(forum=forum),
        fields={
            "meeting": None,
            "lead_officer": officer,
            "start_date": datetime.date(2015, 6, 1),
            "end_date": datetime.date(2015, 6, 2),
        },
        new_meeting={
            "name_en": "Special session",
            "name_fr": "Session extraordinaire",
            "start_date": datetime.date(2015, 6, 1),
            "end_date": datetime.date(2015, 6, 2),
            "city": "Bern",
            "country": "CH",
            "propose_important": True,
            "proposal_reason": "A resettlement pledge is expected.",
        },
    )
    engagement = services.save_engagement(actor=officer, data=data)
    assert engagement.meeting.name_en == "Special session"
    assert engagement.meeting.forum == forum
    # an officer only proposes: it does not count until a manager identifies it
    assert not engagement.meeting.is_important
    assert engagement.meeting.importance == "proposed"
    assert engagement.meeting.importance_proposed_by == officer
    assert engagement.meeting.importance_proposal_reason == "A resettlement pledge is expected."


def test_invalid_new_meeting_leaves_nothing(officer):
    forum = ForumFactory()
    data = data_for(
        MeetingFactory(forum=forum),
        fields={"meeting": None, "lead_officer": officer},
        new_meeting={
            "name_en": "Broken",
            "name_fr": "Cassée",
            "start_date": datetime.date(2015, 6, 2),
            "end_date": datetime.date(2015, 6, 1),
        },
    )
    meetings_before = forum.meetings.count()
    with pytest.raises(ValidationError):
        services.save_engagement(actor=officer, data=data)
    assert forum.meetings.count() == meetings_before
    assert Engagement.objects.count() == 0


def test_edit_bumps_version_and_records_changed_fields(officer):
    engagement = create(officer)
    data = data_for(engagement.meeting, fields={"summary": "Revised.", "lead_officer": officer})
    engagement = services.save_engagement(
        actor=officer, data=data, engagement=engagement, version=1
    )
    assert engagement.version == 2
    new, old = engagement.history.all()[:2]
    delta = new.diff_against(old, excluded_fields=["partners", "delegation", "themes"])
    assert "summary" in delta.changed_fields


def test_stale_version_is_refused_and_nothing_overwritten(officer):
    engagement = create(officer)
    first = data_for(
        engagement.meeting, fields={"summary": "First writer.", "lead_officer": officer}
    )
    services.save_engagement(actor=officer, data=first, engagement=engagement, version=1)
    second = data_for(
        engagement.meeting, fields={"summary": "Second writer.", "lead_officer": officer}
    )
    with pytest.raises(services.StaleEdit) as stale:
        services.save_engagement(actor=officer, data=second, engagement=engagement, version=1)
    assert stale.value.current.version == 2
    engagement.refresh_from_db()
    assert engagement.summary == "First writer."


def test_other_officer_cannot_edit(officer, other_officer):
    engagement = create(officer)
    data = data_for(engagement.meeting, fields={"lead_officer": officer})
    with pytest.raises(PermissionDenied):
        services.save_engagement(actor=other_officer, data=data, engagement=engagement, version=1)


def test_manager_cannot_create(manager):
    with pytest.raises(PermissionDenied):
        create(manager)


# --- workflow ---------------------------------------------------------------------------------


def test_full_workflow_records_every_transition(officer, manager):
    engagement = create(officer)
    engagement = services.submit_engagement(engagement=engagement, actor=officer)
    assert engagement.status == Status.SUBMITTED
    engagement = services.return_engagement(
        engagement=engagement, actor=manager, reason="Add the paragraph."
    )
    assert engagement.status == Status.RETURNED
    engagement = services.submit_engagement(engagement=engagement, actor=officer)
    engagement = services.approve_engagement(engagement=engagement, actor=manager)
    assert engagement.status == Status.APPROVED
    engagement = services.reopen_engagement(
        engagement=engagement, actor=manager, reason="Wrong date."
    )
    assert engagement.status == Status.RETURNED
    steps = list(engagement.transitions.values_list("from_status", "to_status", "actor", "reason"))
    assert steps == [
        ("draft", "submitted", officer.pk, ""),
        ("submitted", "returned", manager.pk, "Add the paragraph."),
        ("returned", "submitted", officer.pk, ""),
        ("submitted", "approved", manager.pk, ""),
        ("approved", "returned", manager.pk, "Wrong date."),
    ]
    assert engagement.version == 6
    assert engagement.history.count() == 6


def test_return_needs_a_reason(officer, manager):
    engagement = services.submit_engagement(engagement=create(officer), actor=officer)
    with pytest.raises(services.WorkflowError):
        services.return_engagement(engagement=engagement, actor=manager, reason="   ")
    engagement.refresh_from_db()
    assert engagement.status == Status.SUBMITTED


def test_reopen_needs_a_reason(officer, manager):
    engagement = services.submit_engagement(engagement=create(officer), actor=officer)
    engagement = services.approve_engagement(engagement=engagement, actor=manager)
    with pytest.raises(services.WorkflowError):
        services.reopen_engagement(engagement=engagement, actor=manager, reason="")


def test_only_the_author_submits(officer, other_officer, manager):
    engagement = create(officer)
    for actor in (other_officer, manager):
        with pytest.raises(PermissionDenied):
            services.submit_engagement(engagement=engagement, actor=actor)


def test_submitted_and_approved_records_are_locked_for_the_author(officer, manager):
    engagement = services.submit_engagement(engagement=create(officer), actor=officer)
    assert not engagement.can_edit(officer)
    with pytest.raises(services.WorkflowError):
        services.submit_engagement(engagement=engagement, actor=officer)
    data = data_for(engagement.meeting, fields={"lead_officer": officer})
    with pytest.raises(PermissionDenied):
        services.save_engagement(
            actor=officer, data=data, engagement=engagement, version=engagement.version
        )
    engagement = services.approve_engagement(engagement=engagement, actor=manager)
    assert not engagement.can_edit(officer)


def test_returned_record_is_editable_again(officer, manager):
    engagement = services.submit_engagement(engagement=create(officer), actor=officer)
    engagement = services.return_engagement(engagement=engagement, actor=manager, reason="Fix it")
    assert engagement.can_edit(officer)


def test_officers_cannot_approve_and_managers_cannot_approve_a_draft(
    officer, other_officer, manager
):
    engagement = create(officer)
    with pytest.raises(services.WorkflowError):
        services.approve_engagement(engagement=engagement, actor=manager)
    submitted = services.submit_engagement(engagement=engagement, actor=officer)
    with pytest.raises(PermissionDenied):
        services.approve_engagement(engagement=submitted, actor=other_officer)
    with pytest.raises(PermissionDenied):
        services.return_engagement(engagement=submitted, actor=officer, reason="self")


def test_reopen_only_approved(officer, manager):
    engagement = create(officer)
    with pytest.raises(services.WorkflowError):
        services.reopen_engagement(engagement=engagement, actor=manager, reason="why")


def test_submit_without_theme_is_refused(officer):
    engagement = create(officer)
    engagement.themes.clear()
    with pytest.raises(services.WorkflowError):
        services.submit_engagement(engagement=engagement, actor=officer)


# --- visibility -----------------------------------------------------------------------------


def test_visibility(officer, other_officer, manager):
    own_draft = EngagementFactory(lead_officer=officer)
    others_draft = EngagementFactory(lead_officer=other_officer)
    others_approved = EngagementFactory(lead_officer=other_officer, status=Status.APPROVED)
    delegated = EngagementFactory(lead_officer=other_officer, status=Status.SUBMITTED)
    delegated.delegation.add(officer, manager)
    others_delegation = EngagementFactory(lead_officer=other_officer, status=Status.RETURNED)
    others_delegation.delegation.add(other_officer, manager)
    visible = set(Engagement.objects.visible_to(officer))
    assert visible == {own_draft, others_approved, delegated}
    assert Engagement.objects.visible_to(officer).count() == 3  # each row once
    assert others_draft not in visible
    assert set(Engagement.objects.visible_to(manager)) == {
        own_draft,
        others_draft,
        others_approved,
        delegated,
        others_delegation,
    }
    assert not delegated.can_edit(officer)  # delegation members see, the lead edits


# --- database constraints ---------------------------------------------------------------------


def _violates(**changes):
    engagement = EngagementFactory()
    Engagement.objects.filter(pk=engagement.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.filter(pk=engagement.pk).update(**changes)


def test_db_end_on_or_after_start():
    _violates(end_date=datetime.date(2000, 1, 1))


def test_db_forum_required_unless_bilateral():
    _violates(forum=None, meeting=None)


def test_db_bilateral_without_forum_is_allowed():
    engagement = EngagementFactory(kind=Engagement.Kind.BILATERAL, meeting=None, forum=None)
    assert engagement.forum is None


def test_db_leadership_role_only_for_leadership():
    _violates(leadership_role="chair")


def test_db_status_and_version():
    _violates(status="lost")
    engagement = EngagementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.filter(pk=engagement.pk).update(version=0)


def test_db_return_transition_needs_reason(officer):
    engagement = EngagementFactory(lead_officer=officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Transition.objects.create(
            engagement=engagement, from_status="submitted", to_status="returned", actor=officer
        )


def test_db_position_needs_text():
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(text="")


def test_model_clean_meeting_of_another_forum():
    engagement = EngagementFactory.build(
        meeting=MeetingFactory(), forum=ForumFactory(), lead_officer=None, created_by=None
    )
    with pytest.raises(ValidationError) as error:
        engagement.clean()
    assert "meeting" in error.value.message_dict
