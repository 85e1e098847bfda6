"""Property-based: random form data thrown at every form of the portal never gives a 500, and never
leaves half a record behind.

Each test starts from a valid submission and lets hypothesis replace, drop or add fields (awkward
text, out-of-range numbers, other records' ids, broken formset management data). After each post:
the answer is 2xx, 3xx, 400, 403, 404 or 409; a refused post changed no row of Engagement,
Position, Evidence, Meeting, Transition or Result; an accepted one left a whole, valid record.

HYPOTHESIS_EXAMPLES sets how many inputs each form gets (default 12; CI may raise it).
"""

import datetime
import os
import re
import time
from http import HTTPStatus

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import MANAGERS, OFFICERS
from core.fiscal import FIRST_DAY, LAST_DAY, FiscalYear
from core.signals import writing_records
from engagements.models import Engagement, Evidence, Position, Transition
from forums.models import Meeting
from indicators.models import Result
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory, PositionFactory, theme
from tests.forums.factories import ForumFactory, MeetingFactory
from tests.indicators.factories import official
from tests.indicators.records import YEAR, DocumentFactory, deliver
from tests.robustness.test_random_input import awkward_text

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "12"))
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never in single-line text
CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # \t \n \r may stay
ACCEPTABLE = {200, 201, 204, 301, 302, 303, 400, 403, 404, 409}
WATCHED = [Engagement, Position, Evidence, Meeting, Transition, Result]
GENERATED = {}  # form -> inputs tried, for the report at the end of the run
SERVER_ERRORS = []  # (form, status) of any 5xx: the report says how many (it must be 0)

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count() for model in WATCHED}


def run(name, strategy):
    """The hypothesis settings every form test uses; counts the inputs it generates."""

    def decorator(check):
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
            database=None,
        )
        @given(strategy)
        def wrapped(value):
            GENERATED[name] = GENERATED.get(name, 0) + 1
            check(value)

        return wrapped

    return decorator


def mutated(base: dict, extra_keys: list[str]):
    """A valid submission with some fields replaced by awkward values, some dropped, some added."""
    keys = sorted(set(base) | set(extra_keys))
    return st.tuples(
        st.dictionaries(st.sampled_from(keys), awkward_text, max_size=6),
        st.sets(st.sampled_from(keys), max_size=3),
    ).map(
        lambda pair: {
            **{k: v for k, v in base.items() if k not in pair[1]},
            **pair[0],
        }
    )


def assert_acceptable(response, what):
    if response.status_code >= 500:
        SERVER_ERRORS.append((what, response.status_code))
    assert response.status_code in ACCEPTABLE, (what, response.status_code)
    assert response.status_code != 500


def assert_whole(engagement: Engagement):
    """An accepted save left a record the database and the model both accept, with its parts."""
    engagement.refresh_from_db()
    engagement.full_clean()
    assert engagement.summary.strip()
    assert not CONTROL_MULTILINE.search(engagement.summary), engagement.summary
    assert not CONTROL.search(engagement.city)
    assert FIRST_DAY <= engagement.start_date <= LAST_DAY
    for position in engagement.positions.all():
        position.full_clean()
    assert engagement.history.exists()


# --- the engagement form (create and edit, positions formset, new-meeting fieldset) -------------


def engagement_base(forum, meeting, officer):
    data = {
        "kind": "meeting",
        "leadership_role": "none",
        "forum": str(forum.pk),
        "meeting": str(meeting.pk),
        "start_date": str(meeting.start_date),
        "end_date": str(meeting.end_date),
        "city": "Geneva",
        "country": "CH",
        "themes": str(theme().pk),
        "lead_officer": str(officer.pk),
        "summary": "Canada spoke on resettlement.",
        "language": "en",
        "late_reason": "Logged after the meeting.",
        "positions-TOTAL_FORMS": "1",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "50",
        "positions-0-text": "Canada supports burden sharing.",
        "positions-0-theme": str(theme().pk),
        "positions-0-outcome": "pending",
    }
    return data


FORM_EXTRA_KEYS = [
    "version",
    "form_token",
    "save_submit",
    "add_position",
    "partners",
    "delegation",
    "agreement",
    "remove_evidence",
    "positions-0-DELETE",
    "positions-0-id",
    "positions-0-outcome_document",
    "positions-1-text",
    "positions-1-theme",
    "positions-1-outcome",
    "positions-7-text",
    "new_meeting-name_en",
    "new_meeting-name_fr",
    "new_meeting-start_date",
    "new_meeting-end_date",
    "new_meeting-city",
    "new_meeting-country",
    "new_meeting-propose_important",
]


@pytest.fixture
def setting(client, db):
    forum = ForumFactory()
    meeting = MeetingFactory(forum=forum, start_date=datetime.date(2014, 5, 13))
    officer = UserFactory(username="form-officer", role=OFFICERS)
    client.force_login(officer)
    return {"forum": forum, "meeting": meeting, "officer": officer, "client": client}


def test_random_engagement_creation(setting):
    client = setting["client"]
    url = reverse("engagements:create")
    base = engagement_base(setting["forum"], setting["meeting"], setting["officer"])
    assert client.post(url, base).status_code == HTTPStatus.FOUND  # the base is valid

    @run("engagement create", mutated(base, FORM_EXTRA_KEYS))
    def check(data):
        before = counts()
        latest = Engagement.objects.order_by("-pk").values_list("pk", flat=True).first()
        response = client.post(url, data)
        assert_acceptable(response, data)
        after = counts()
        if response.status_code == HTTPStatus.FOUND and "add_position" not in data:
            created = Engagement.objects.order_by("-pk").first()
            assert created.pk != latest, data
            assert after["Engagement"] == before["Engagement"] + 1
            assert_whole(created)
        else:
            assert after == before, (data, response.status_code)

    check()


def test_random_engagement_edits(setting):
    client = setting["client"]
    record = EngagementFactory(
        lead_officer=setting["officer"], meeting=setting["meeting"], forum=setting["forum"]
    )
    position = PositionFactory(engagement=record)
    url = reverse("engagements:edit", args=[record.pk])
    base = {  # the valid edit: its one position kept
        **engagement_base(setting["forum"], setting["meeting"], setting["officer"]),
        "positions-INITIAL_FORMS": "1",
        "positions-0-id": str(position.pk),
        "positions-0-engagement": str(record.pk),
    }
    valid = client.post(url, {"version": str(record.version), **base})
    assert valid.status_code == HTTPStatus.FOUND  # the base is valid

    @run("engagement edit", mutated(base, [*FORM_EXTRA_KEYS, "positions-0-engagement"]))
    def check(data):
        record.refresh_from_db()
        data = {"version": str(record.version), **data}
        before = counts()
        version = record.version
        response = client.post(url, data)
        assert_acceptable(response, data)
        record.refresh_from_db()
        if response.status_code == HTTPStatus.FOUND and "add_position" not in data:
            # "Save and submit" is two recorded actions (the save, then the submission), each a
            # version step: a random "save_submit" that went through moves it by two
            submitted = record.status == Engagement.Status.SUBMITTED
            assert submitted == ("save_submit" in data and record.themes.exists())
            assert record.version == version + (2 if submitted else 1)
            assert_whole(record)
        else:
            assert counts() == before, (data, response.status_code)
            assert record.version == version
            if response.status_code == HTTPStatus.FOUND:  # a re-displayed page is 200
                raise AssertionError("add_position must re-display the page")
        if record.status != Engagement.Status.DRAFT:
            # submitted by a random "save_submit": put it back so editing stays possible
            Engagement.objects.filter(pk=record.pk).update(status=Engagement.Status.DRAFT)

    check()


# --- issue 10: dates anywhere in 0001-9999, control characters, oversized formsets ----------


def test_random_dates_on_the_engagement_form(setting):
    client = setting["client"]
    url = reverse("engagements:create")
    base = engagement_base(setting["forum"], setting["meeting"], setting["officer"])
    base["meeting"] = ""
    any_date = st.dates().map(str)
    posted = st.fixed_dictionaries(
        {
            "start_date": any_date,
            "end_date": any_date,
            "new_meeting-name_en": st.sampled_from(["", "A new session"]),
            "new_meeting-name_fr": st.just("Une nouvelle séance"),
            "new_meeting-start_date": st.one_of(st.just(""), any_date),
        }
    )

    @run("engagement dates", posted)
    def check(dates):
        before = counts()
        response = client.post(url, {**base, **dates})
        assert_acceptable(response, dates)
        if response.status_code == HTTPStatus.FOUND:
            assert_whole(Engagement.objects.order_by("-pk").first())
        else:
            assert counts() == before, (dates, response.status_code)
        for meeting in Meeting.objects.all():
            assert FIRST_DAY <= meeting.start_date <= LAST_DAY
            meeting.full_clean()
            assert client.get(meeting.get_absolute_url()).status_code == HTTPStatus.OK

    check()


def test_random_oversized_position_formsets(setting):
    client = setting["client"]
    url = reverse("engagements:create")
    base = engagement_base(setting["forum"], setting["meeting"], setting["officer"])

    @run("oversized formset", st.integers(min_value=51, max_value=10**7).map(str))
    def check(total):
        before = counts()
        started = time.monotonic()
        response = client.post(url, {**base, "positions-TOTAL_FORMS": total})
        assert_acceptable(response, total)
        assert response.status_code == HTTPStatus.OK
        assert "positions can be saved with one engagement" in response.content.decode()
        assert counts() == before
        assert time.monotonic() - started < 20

    check()


def test_random_text_in_admin_meetings(client, db):
    admin_user = UserFactory(username="form-admin", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    forum = ForumFactory()
    url = reverse("admin:forums_meeting_add")
    base = {
        "forum": str(forum.pk),
        "name_en": "Standing Committee",
        "name_fr": "Comité permanent",
        "start_date": "2014-06-24",
        "end_date": "2014-06-26",
        "city": "Geneva",
        "chair": "Canada",
        "outcome_documents-TOTAL_FORMS": "0",
        "outcome_documents-INITIAL_FORMS": "0",
    }

    @run("admin meeting", mutated(base, ["country", "is_important"]))
    def check(data):
        Meeting.objects.filter(forum=forum).delete()
        response = client.post(url, data)
        assert_acceptable(response, data)
        for meeting in Meeting.objects.filter(forum=forum):
            meeting.full_clean()
            for value in (meeting.name_en, meeting.name_fr, meeting.city, meeting.chair):
                assert not CONTROL.search(value), value
            assert FIRST_DAY <= meeting.start_date <= LAST_DAY

    check()


# --- workflow actions with reasons --------------------------------------------------------------

ACTIONS = [
    ("engagements:return", "return-reason", Engagement.Status.SUBMITTED),
    ("engagements:reopen", "reopen-reason", Engagement.Status.APPROVED),
    ("engagements:approve", "approve-reason", Engagement.Status.SUBMITTED),
]


@pytest.mark.parametrize("name,field,status", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_random_workflow_reasons(name, field, status, client):
    manager = UserFactory(username="form-manager", role=MANAGERS)
    client.force_login(manager)
    record = EngagementFactory(status=status)
    url = reverse(name, args=[record.pk])

    @run(name, mutated({field: "Because."}, [field, "reason", "approve-reason", "csrf"]))
    def check(data):
        # back to the status under test, around the update as any bulk write must say it
        with writing_records(Engagement, [record.pk]):
            Engagement.objects.filter(pk=record.pk).update(status=status)
        before = counts()
        response = client.post(url, data)
        assert_acceptable(response, data)
        after = counts()
        moved = after["Transition"] - before["Transition"]
        assert moved in (0, 1)
        assert {k: v for k, v in after.items() if k != "Transition"} == {
            k: v for k, v in before.items() if k != "Transition"
        }
        record.refresh_from_db()
        if moved:
            last = record.transitions.order_by("-pk").first()
            assert last.to_status == record.status
            assert response.status_code == HTTPStatus.FOUND
        else:
            assert record.status == status

    check()


def test_random_submissions(client):
    officer = UserFactory(username="form-submitter", role=OFFICERS)
    client.force_login(officer)
    record = EngagementFactory(lead_officer=officer)
    url = reverse("engagements:submit", args=[record.pk])

    @run("engagements:submit", mutated({}, ["reason", "version", "status", "next"]))
    def check(data):
        Engagement.objects.filter(pk=record.pk).update(status=Engagement.Status.DRAFT)
        before = counts()
        response = client.post(url, data)
        assert_acceptable(response, data)
        assert counts()["Transition"] == before["Transition"] + 1

    check()


# --- recording a result -------------------------------------------------------------------------


def test_random_results(client):
    manager = UserFactory(username="form-recorder", role=MANAGERS)
    client.force_login(manager)
    deliver(DocumentFactory(), "reflected")
    indicator = official()
    url = reverse("indicators:record_result", args=[indicator.code, FiscalYear(YEAR)])
    base = {"explanation_en": "All reflected.", "explanation_fr": "Toutes reprises."}

    @run(
        "record result",
        mutated(base, ["value", "status", "actual_result_en", "actual_result_fr"]),
    )
    def check(data):
        Result.objects.filter(indicator=indicator).delete()
        before = counts()
        response = client.post(url, data)
        assert_acceptable(response, data)
        rows = list(Result.objects.filter(indicator=indicator))
        if response.status_code == HTTPStatus.FOUND:
            assert len(rows) == 1
            rows[0].full_clean()
            assert rows[0].recorded_by == manager
        else:
            assert counts() == before, data

    check()


# --- signing in and changing one's password -----------------------------------------------------


def test_random_sign_ins(client):
    UserFactory(username="form-signin", role=OFFICERS)
    url = reverse("login")
    base = {"username": "form-signin", "password": "wrong"}

    @run("login", mutated(base, ["next", "remember"]))
    def check(data):
        from axes.models import AccessAttempt

        AccessAttempt.objects.all().delete()  # each input on its own, not a lockout run
        client.logout()
        response = client.post(url, data)
        assert_acceptable(response, data)
        assert response.status_code == HTTPStatus.OK  # never signed in by a wrong password

    check()


def test_random_password_changes(client):
    user = UserFactory(username="form-password", role=OFFICERS)
    user.set_password("Correct-Horse-41")
    user.save()
    url = reverse("password_change")
    base = {
        "old_password": "Correct-Horse-41",
        "new_password1": "Another-Staple-97",
        "new_password2": "Another-Staple-97",
    }

    @run("password change", mutated(base, ["next"]))
    def check(data):
        user.set_password("Correct-Horse-41")
        user.save()
        client.force_login(user)
        response = client.post(url, data)
        assert_acceptable(response, data)
        user.refresh_from_db()
        changed = not user.check_password("Correct-Horse-41")
        assert changed == (response.status_code == HTTPStatus.FOUND), data
        if changed:
            assert user.check_password(data["new_password1"])

    check()


def test_report_how_many_inputs_ran(capsys):
    """Runs last in this module: prints how many generated inputs each form received."""
    with capsys.disabled():
        total = sum(GENERATED.values())
        print(
            f"\nrandom form inputs: {total} ({', '.join(f'{k} {v}' for k, v in GENERATED.items())})"
            f"; server errors: {len(SERVER_ERRORS)}"
        )
