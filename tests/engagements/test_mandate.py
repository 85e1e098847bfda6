"""Positions set before the outcome (issue 11, point 3): a mandate logged before its meeting, its
outcomes recorded after and approved in their own step; positions set after the meeting (or
after their outcome document was adopted) flagged with a reason; the database's rules."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from engagements import services
from engagements.models import Engagement, Position, Transition
from notifications.models import Kind, Notification
from tests.engagements.factories import EngagementFactory, PositionFactory, theme
from tests.forums.factories import MeetingFactory, OutcomeDocumentFactory

Status = Engagement.Status
Step = Engagement.OutcomeStep
pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def future_meeting(**kwargs):
    return MeetingFactory(start_date=days(10), end_date=days(12), **kwargs)


def data_for(meeting, positions, **overrides):
    return services.EngagementData(
        fields={
            "kind": Engagement.Kind.MEETING,
            "leadership_role": Engagement.LeadershipRole.NONE,
            "forum": meeting.forum,
            "meeting": meeting,
            "start_date": meeting.start_date,
            "end_date": meeting.end_date,
            "city": "Geneva",
            "country": "CH",
            "summary": "Canada's mandate for the session.",
            "language": "en",
        },
        themes=[theme()],
        positions=positions,
        **overrides,
    )


def log(officer, meeting, positions, **overrides):
    data = data_for(meeting, positions, **overrides)
    data.fields["lead_officer"] = officer
    return services.save_engagement(actor=officer, data=data)


def move_meeting_to_the_past(meeting):
    """The meeting took place: its dates move to last week (the ORM, as time would)."""
    meeting.start_date, meeting.end_date = days(-8), days(-6)
    meeting.save()


def approved_mandate(officer, manager, *, document=None):
    meeting = document.meeting if document else future_meeting(is_important=True)
    document = document or OutcomeDocumentFactory(meeting=meeting)
    engagement = log(
        officer,
        meeting,
        [
            services.PositionData(
                text="Canada backs pledges.", theme=theme(), outcome_document=document
            )
        ],
    )
    services.submit_engagement(engagement=engagement, actor=officer)
    services.approve_engagement(engagement=engagement, actor=manager)
    engagement.refresh_from_db()
    return engagement, document


def record_reflected(engagement, officer):
    engagement = Engagement.objects.get(pk=engagement.pk)
    items = [
        services.OutcomeData(position=p, outcome=Position.Outcome.REFLECTED, outcome_note="para. 4")
        for p in engagement.positions.all()
    ]
    return services.record_outcomes(
        engagement=engagement, actor=officer, outcomes=items, version=engagement.version
    )


# --- the mandate, logged before the meeting ----------------------------------------------------


def test_a_record_logged_before_the_meeting_is_a_mandate_and_its_positions_are_not_flagged(
    officer,
):
    meeting = future_meeting()
    engagement = log(officer, meeting, [services.PositionData(text="Pledges.", theme=theme())])
    assert engagement.outcome_step == Step.AWAITING
    assert engagement.is_mandate
    position = engagement.positions.get()
    assert not position.set_late and position.set_late_reason == ""


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "cannot be recorded before the meeting has ended"),
        ("fr", "avant la fin de la réunion"),
    ],
)
def test_an_outcome_before_the_meeting_ended_is_refused_and_nothing_is_saved(
    officer, language, words
):
    meeting = future_meeting()
    with translation.override(language), pytest.raises(ValidationError) as error:
        log(
            officer,
            meeting,
            [services.PositionData(text="Pledges.", theme=theme(), outcome="reflected")],
        )
    assert words in " ".join(error.value.messages)
    assert not Engagement.objects.exists()
    assert not Position.objects.exists()


def test_approving_a_mandate_leaves_its_outcomes_to_their_own_step(officer, manager):
    engagement, _document = approved_mandate(officer, manager)
    assert engagement.status == Status.APPROVED
    assert engagement.outcome_step == Step.AWAITING
    assert not engagement.outcomes_counted
    assert engagement.can_record_outcomes(officer)


def test_outcomes_are_refused_until_the_meeting_has_ended(officer, manager):
    engagement, _document = approved_mandate(officer, manager)
    with pytest.raises(services.WorkflowError) as error:
        record_reflected(engagement, officer)
    assert "before the meeting has ended" in " ".join(error.value.messages)
    assert engagement.positions.get().outcome == Position.Outcome.PENDING
    with pytest.raises(services.WorkflowError):
        services.submit_outcomes(engagement=engagement, actor=officer)


def test_the_outcomes_step_from_record_to_approval_with_its_trail_and_notices(officer, manager):
    engagement, document = approved_mandate(officer, manager)
    move_meeting_to_the_past(document.meeting)
    before = engagement.version
    engagement = record_reflected(engagement, officer)
    assert engagement.version == before + 1
    position = engagement.positions.get()
    assert position.outcome == Position.Outcome.REFLECTED
    assert not position.set_late  # an outcome is not a change of what Canada delivered
    assert not Engagement.objects.get(pk=engagement.pk).outcomes_counted

    engagement = services.submit_outcomes(engagement=engagement, actor=officer)
    assert engagement.outcome_step == Step.SUBMITTED
    assert engagement.review_step == Transition.Step.OUTCOMES
    submitted = Notification.objects.get(kind=Kind.SUBMITTED, params__step="outcomes")
    assert submitted.recipient == manager

    engagement = services.approve_outcomes(engagement=engagement, actor=manager)
    assert engagement.outcome_step == Step.APPROVED
    assert engagement.outcomes_counted
    approved = Notification.objects.get(kind=Kind.APPROVED, params__step="outcomes")
    assert approved.recipient == officer

    trail = list(engagement.transitions.order_by("at", "pk"))
    assert [(t.step, t.from_status, t.to_status) for t in trail] == [
        ("record", "draft", "submitted"),
        ("record", "submitted", "approved"),
        ("outcomes", "awaiting", "submitted"),
        ("outcomes", "submitted", "approved"),
    ]
    assert str(trail[-1]) == "Outcomes submitted for approval → Outcomes approved"
    assert engagement.history.filter(outcome_step=Step.APPROVED).exists()
    assert position.history.filter(outcome=Position.Outcome.REFLECTED).exists()


def test_outcomes_returned_need_a_reason_and_go_back_to_their_author(officer, manager):
    engagement, document = approved_mandate(officer, manager)
    move_meeting_to_the_past(document.meeting)
    engagement = services.submit_outcomes(
        engagement=record_reflected(engagement, officer), actor=officer
    )
    with pytest.raises(services.WorkflowError):
        services.return_outcomes(engagement=engagement, actor=manager, reason="  ")
    engagement = services.return_outcomes(
        engagement=engagement, actor=manager, reason="Give the paragraph."
    )
    assert engagement.outcome_step == Step.RETURNED
    assert engagement.status == Status.APPROVED  # the mandate stays approved
    returned = Notification.objects.get(kind=Kind.RETURNED, params__step="outcomes")
    assert returned.recipient == officer
    assert engagement.latest_outcomes_return().reason == "Give the paragraph."
    engagement = services.submit_outcomes(engagement=engagement, actor=officer, reason="Done.")
    resubmitted = Notification.objects.get(kind=Kind.RESUBMITTED, params__step="outcomes")
    assert resubmitted.recipient == manager


def test_nobody_approves_their_own_outcomes_and_officers_none(officer, other_officer, manager):
    engagement, document = approved_mandate(officer, manager)
    move_meeting_to_the_past(document.meeting)
    engagement = services.submit_outcomes(
        engagement=record_reflected(engagement, officer), actor=officer
    )
    with pytest.raises(PermissionDenied):
        services.approve_outcomes(engagement=engagement, actor=other_officer)
    with pytest.raises(PermissionDenied):
        record_reflected(engagement, other_officer)
    with pytest.raises(services.WorkflowError):
        # submitted outcomes are reviewed, not reopened
        services.reopen_engagement(engagement=engagement, actor=manager, reason="Why")


def test_reopening_approved_outcomes_returns_the_outcomes_not_the_mandate(officer, manager):
    engagement, document = approved_mandate(officer, manager)
    move_meeting_to_the_past(document.meeting)
    engagement = services.submit_outcomes(
        engagement=record_reflected(engagement, officer), actor=officer
    )
    services.approve_outcomes(engagement=engagement, actor=manager)
    engagement = services.reopen_engagement(
        engagement=engagement, actor=manager, reason="The paragraph is wrong."
    )
    assert (engagement.status, engagement.outcome_step) == (Status.APPROVED, Step.RETURNED)
    assert Notification.objects.filter(kind=Kind.REOPENED, params__step="outcomes").exists()


def test_outcomes_from_another_engagement_are_refused(officer, manager):
    engagement, document = approved_mandate(officer, manager)
    move_meeting_to_the_past(document.meeting)
    stranger = PositionFactory()
    with pytest.raises(PermissionDenied):
        services.record_outcomes(
            engagement=engagement,
            actor=officer,
            outcomes=[services.OutcomeData(position=stranger, outcome="reflected")],
            version=engagement.version,
        )
    assert Position.objects.get(pk=stranger.pk).outcome == Position.Outcome.PENDING


def test_a_stale_outcomes_form_is_refused(officer, manager):
    engagement, document = approved_mandate(officer, manager)
    move_meeting_to_the_past(document.meeting)
    with pytest.raises(services.StaleEdit):
        services.record_outcomes(
            engagement=engagement, actor=officer, outcomes=[], version=engagement.version - 1
        )


# --- positions set after the meeting: flagged, with a reason ---------------------------------


def test_a_record_logged_after_the_meeting_needs_a_reason_once_and_flags_its_positions(officer):
    meeting = MeetingFactory(start_date=days(-20), end_date=days(-18))
    positions = [
        services.PositionData(text="One.", theme=theme(), outcome="reflected"),
        services.PositionData(text="Two.", theme=theme()),
    ]
    with pytest.raises(ValidationError) as error:
        log(officer, meeting, positions)
    assert "late_reason" in error.value.message_dict
    assert not Engagement.objects.exists()
    engagement = log(officer, meeting, positions, late_reason="From the delegation's report.")
    assert engagement.outcome_step == Step.WITH_RECORD  # one step, as before
    assert [(p.set_late, p.set_late_reason) for p in engagement.positions.all()] == [
        (True, "From the delegation's report."),
        (True, "From the delegation's report."),
    ]


def test_a_position_set_on_or_after_its_document_was_adopted_is_flagged(officer):
    # the meeting is still under way, but its decision was adopted today
    meeting = MeetingFactory(start_date=days(-1), end_date=days(1))
    document = OutcomeDocumentFactory(meeting=meeting, adopted_on=days(0))
    item = services.PositionData(text="Late.", theme=theme(), outcome_document=document)
    with pytest.raises(ValidationError):
        log(officer, meeting, [item])
    engagement = log(officer, meeting, [item], late_reason="Added when the text came out.")
    assert engagement.positions.get().set_late
    # and a position aimed at nothing adopted yet, at the same meeting, is not
    other = log(officer, meeting, [services.PositionData(text="Early.", theme=theme())])
    assert not other.positions.get().set_late


def test_editing_after_the_meeting_flags_only_the_positions_changed(officer):
    meeting = future_meeting()
    engagement = log(
        officer,
        meeting,
        [
            services.PositionData(text="Kept.", theme=theme()),
            services.PositionData(text="Changed.", theme=theme()),
        ],
    )
    move_meeting_to_the_past(meeting)
    kept, changed = engagement.positions.all()
    data = data_for(
        meeting,
        [
            services.PositionData(text="Kept.", theme=theme(), instance=kept, outcome="reflected"),
            services.PositionData(text="Changed, after all.", theme=theme(), instance=changed),
        ],
        late_reason="The chair's text changed our ask.",
    )
    data.fields["lead_officer"] = officer
    services.save_engagement(
        actor=officer, data=data, engagement=engagement, version=engagement.version
    )
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert not kept.set_late
    assert kept.outcome == Position.Outcome.REFLECTED
    assert changed.set_late and changed.set_late_reason == "The chair's text changed our ask."
    # the draft, corrected after the meeting, is now a one-step record
    assert Engagement.objects.get(pk=engagement.pk).outcome_step == Step.WITH_RECORD


def test_flag_position_set_late_needs_a_reason():
    position = Position()
    with pytest.raises(ValidationError):
        services.flag_position_set_late(position, reason="   ")
    assert not position.set_late
    services.flag_position_set_late(position, reason=" Imported from the 2015 workbook. ")
    assert (position.set_late, position.set_late_reason) == (
        True,
        "Imported from the 2015 workbook.",
    )


# --- what the database refuses -----------------------------------------------------------------


def test_the_database_refuses_a_flag_without_reason_and_a_reason_without_flag():
    position = PositionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(set_late=True, set_late_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(set_late_reason="Why")


def test_the_database_refuses_an_outcomes_step_before_the_mandate_is_approved():
    engagement = EngagementFactory(status=Status.SUBMITTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.filter(pk=engagement.pk).update(outcome_step=Step.SUBMITTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.filter(pk=engagement.pk).update(outcome_step="later")


def test_the_database_refuses_an_unknown_workflow_step():
    engagement = EngagementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Transition.objects.create(
            engagement=engagement,
            step="other",
            from_status="draft",
            to_status="submitted",
            actor=engagement.lead_officer,
        )


# --- the data migration: legacy records logged after their meeting ------------------------------


def test_the_migration_flags_positions_of_records_created_after_their_meeting_ended():
    migration = importlib.import_module(
        "engagements.migrations.0010_flag_positions_logged_after_their_meeting"
    )
    meeting = MeetingFactory(
        start_date=datetime.date(2015, 6, 1), end_date=datetime.date(2015, 6, 3)
    )
    late = PositionFactory(
        engagement=EngagementFactory(
            meeting=meeting,
            created_at=datetime.datetime(2015, 7, 1, 10, tzinfo=timezone.get_current_timezone()),
        )
    )
    early = PositionFactory(
        engagement=EngagementFactory(
            meeting=meeting,
            created_at=datetime.datetime(2015, 5, 20, 10, tzinfo=timezone.get_current_timezone()),
        )
    )
    no_meeting = PositionFactory(engagement=EngagementFactory(meeting=None, kind="bilateral"))
    migration.flag(apps, None)
    late.refresh_from_db()
    early.refresh_from_db()
    no_meeting.refresh_from_db()
    assert late.set_late and "after the meeting ended" in late.set_late_reason
    assert "après la fin de la réunion" in late.set_late_reason
    assert not early.set_late
    assert not no_meeting.set_late
    migration.unflag(apps, None)
    late.refresh_from_db()
    assert not late.set_late
