"""Issue 11's journey, in English and in French: a manager identifies two upcoming meetings as
important in the year's plan; an officer logs the mandate for each before the meeting (the
positions Canada will deliver) and submits it; the manager approves both mandates; after the
meetings the officer records the outcomes and the manager approves them in their turn; the
manager follows the official figure down to the positions, records the year's result from the
drafted explanation, then revises it. Every page passes axe-core."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from core import cache
from engagements.models import Engagement, Position, Theme
from forums.models import Meeting
from indicators.models import Result
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.test_importance_journey import TEXT as PLAN_TEXT
from tests.browser.test_importance_journey import decide
from tests.forums.factories import MeetingFactory, OutcomeDocumentFactory

program_data = importlib.import_module("indicators.migrations.0002_program_4_3")
CODE = "NI050-0377-2017"
# Time moves between the mandate and the outcomes: the meetings' dates are relative to today
# (ten days ahead for the mandate), and then every date of the meetings, of their importance
# decisions and of their engagements moves this many days back through the ORM, as if today were
# 400 days later: the meetings are then over, in a fiscal year that has closed (its result can be
# recorded), with everything still in the order it happened.
LATER = datetime.timedelta(days=400)

TEXT = {
    "en": {
        "log": "Log an engagement",
        "save_submit": "Save and submit for approval",
        "review": "Review queue",
        "mandate_step": "Mandate (before the meeting)",
        "outcomes_step": "Outcomes (after the meeting)",
        "approve_mandate": "Approve the mandate",
        "approve_outcomes": "Approve the outcomes",
        "mandate_approved": "Mandate approved",
        "record_outcomes": "Record the outcomes",
        "submit_outcomes": "Save and submit the outcomes for approval",
        "outcomes_submitted": "Outcomes submitted for approval",
        "outcomes_approved": "Outcomes approved",
        "positions": "See the positions",
        "drafted": "IRCC attended 2 meetings identified as important, of which 1",
    },
    "fr": {
        "log": "Consigner une activité",
        "save_submit": "Enregistrer et soumettre pour approbation",
        "review": "À approuver",
        "mandate_step": "Mandat (avant la réunion)",
        "outcomes_step": "Résultats (après la réunion)",
        "approve_mandate": "Approuver le mandat",
        "approve_outcomes": "Approuver les résultats",
        "mandate_approved": "Mandat approuvé",
        "record_outcomes": "Saisir les résultats",
        "submit_outcomes": "Enregistrer et soumettre les résultats pour approbation",
        "outcomes_submitted": "Résultats soumis pour approbation",
        "outcomes_approved": "Résultats approuvés",
        "positions": "Voir les positions",
        "drafted": "IRCC a assisté à 2 réunions jugées importantes, dont 1",
    },
}


def sign_out(page):
    page.locator("form[action*='logout'] button").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def log_mandate(page, live_server, lang, text, meeting, document, position_text):
    page.goto(f"{live_server.url}/{lang}/engagements/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text["log"])
    page.locator("#id_kind").select_option("meeting")
    page.locator("#id_forum").select_option(str(meeting.forum_id))
    page.locator("#id_meeting").select_option(str(meeting.pk))
    page.locator("#id_start_date").fill(meeting.start_date.isoformat())
    page.locator("#id_end_date").fill(meeting.end_date.isoformat())
    page.locator("#id_city").fill("Genève")
    resettlement = Theme.objects.get(code="resettlement")
    page.locator(f"input[name=themes][value='{resettlement.pk}']").check()
    page.locator("#id_summary").fill("Mandat de la délégation." if lang == "fr" else "Mandate.")
    page.locator("#id_positions-0-text").fill(position_text)
    page.locator("#id_positions-0-theme").select_option(str(resettlement.pk))
    page.locator("#id_positions-0-outcome_document").select_option(str(document.pk))
    # the outcome stays pending (it cannot be known before the meeting); no reason is asked
    expect(page.locator("#id_positions-0-outcome_3")).to_be_checked()
    page.get_by_role("button", name=text["save_submit"]).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/engagements/\d+/$"))
    assert_accessible(page)


def approve_from_the_queue(page, live_server, lang, text, step, button):
    page.goto(f"{live_server.url}/{lang}/review/")
    expect(page.locator("main table")).to_contain_text(text[step])
    assert_accessible(page)
    page.locator("main table tbody tr").first.get_by_role("link").click()
    expect(page.get_by_role("heading", name=text[button])).to_be_visible()
    assert_accessible(page)
    page.locator("form[action$='/approve/'] button:not([name=then])").click()


def move_time_on(meetings):
    """LATER days pass: the meetings and their engagements move back, the ORM as the clock."""
    for meeting in meetings:
        meeting.refresh_from_db()
        meeting.start_date -= LATER
        meeting.end_date -= LATER
        meeting.importance_decided_on -= LATER
        meeting.save()
    for engagement in Engagement.objects.filter(meeting__in=meetings):
        Engagement.objects.filter(pk=engagement.pk).update(
            start_date=engagement.start_date - LATER,
            end_date=engagement.end_date - LATER,
            created_at=engagement.created_at - LATER,
        )
    cache.invalidate()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mandate_outcomes_figure_and_result_journey(live_server, page, demo_users, lang):
    program_data.load(apps, None)  # a transactional test starts from a flushed database
    text = TEXT[lang]
    plan_text = PLAN_TEXT[lang]
    today = timezone.localdate()
    # both on the same days, so that they stay in one fiscal year wherever today falls
    start, end = today + datetime.timedelta(days=10), today + datetime.timedelta(days=12)
    meetings = [
        MeetingFactory(
            name_en=f"Council {i}", name_fr=f"Council {i}", start_date=start, end_date=end
        )
        for i in (1, 2)
    ]
    documents = [OutcomeDocumentFactory(meeting=meeting) for meeting in meetings]
    year = meetings[0].year

    # the manager identifies both meetings as important in the year's plan, ahead of them
    sign_in(page, live_server, "manager", lang=lang)
    page.goto(f"{live_server.url}/{lang}/plan/?fiscal_year={year.slug}")
    assert_accessible(page)
    for meeting in meetings:
        decide(page, meeting, plan_text)
        expect(page).to_have_url(re.compile(r"/plan/"))
    assert Meeting.objects.filter(pk__in=[m.pk for m in meetings], is_important=True).count() == 2
    sign_out(page)

    # the officer logs the mandate of each before the meeting, and submits it
    sign_in(page, live_server, "officer", lang=lang)
    for meeting, document, words in zip(
        meetings,
        documents,
        ["Canada backs multi-year pledges.", "Canada asks for data."],
        strict=True,
    ):
        log_mandate(page, live_server, lang, text, meeting, document, words)
    assert (
        Engagement.objects.filter(
            status=Engagement.Status.SUBMITTED, outcome_step=Engagement.OutcomeStep.AWAITING
        ).count()
        == 2
    )
    assert not Position.objects.filter(set_late=True).exists()
    sign_out(page)

    # the manager approves both mandates (the queue says which step each is at)
    sign_in(page, live_server, "manager", lang=lang)
    for _mandate in meetings:
        approve_from_the_queue(page, live_server, lang, text, "mandate_step", "approve_mandate")
        expect(page.locator("main")).to_contain_text(text["mandate_approved"])
    sign_out(page)

    move_time_on(meetings)
    year = Meeting.objects.get(pk=meetings[0].pk).year

    # after the meetings, the officer records each outcome and submits them
    sign_in(page, live_server, "officer", lang=lang)
    for engagement, choice in zip(
        Engagement.objects.order_by("pk"), ["outcome_0", "outcome_1"], strict=True
    ):
        page.goto(f"{live_server.url}{engagement.get_absolute_url().replace('/en/', f'/{lang}/')}")
        page.get_by_role("link", name=text["record_outcomes"]).click()
        assert_accessible(page)
        page.locator(f"#id_outcomes-0-{choice}").check()  # reflected, partially reflected
        page.locator("#id_outcomes-0-outcome_reference").fill("para. 4")
        page.get_by_role("button", name=text["submit_outcomes"]).click()
        expect(page.locator("main")).to_contain_text(text["outcomes_submitted"])
        assert_accessible(page)
    sign_out(page)

    # the manager approves the outcomes in their turn
    sign_in(page, live_server, "manager", lang=lang)
    for _engagement in meetings:
        approve_from_the_queue(page, live_server, lang, text, "outcomes_step", "approve_outcomes")
        expect(page.locator("main")).to_contain_text(text["outcomes_approved"])
    assert Engagement.objects.filter(outcome_step=Engagement.OutcomeStep.APPROVED).count() == 2

    # and follows the figure down to the positions: 1 of 2 documents reflected every position
    page.goto(f"{live_server.url}/{lang}/?year={year.slug}")
    card = page.locator("article.indicator-card.official")
    expect(card.locator(".figure-basis a").nth(0)).to_have_text("1")
    expect(card.locator(".figure-basis a").nth(1)).to_have_text("2")
    assert_accessible(page)
    card.locator(".figure-basis a").nth(1).click()
    assert_accessible(page)
    page.get_by_role("row").filter(has_text="Council 1").get_by_role(
        "link", name=re.compile(text["positions"])
    ).click()
    expect(page.locator("main")).to_contain_text("Canada backs multi-year pledges.")
    expect(page.locator("main")).to_contain_text("para. 4")
    assert_accessible(page)

    # records the year's result from the drafted explanation, then revises it
    page.goto(f"{live_server.url}/{lang}/indicators/{CODE}/{year.slug}/record/")
    expect(page.locator("#id_explanation_en")).to_have_value(
        re.compile(re.escape(TEXT["en"]["drafted"]))
    )
    expect(page.locator("#id_explanation_fr")).to_have_value(
        re.compile(re.escape(TEXT["fr"]["drafted"]))
    )
    assert_accessible(page)
    page.get_by_role("button", name=plan_text["record"]).click()
    page.get_by_role("link", name=plan_text["revise"]).click()
    assert_accessible(page)
    page.get_by_label(plan_text["revision"]).fill("An outcome reassessed.")
    page.get_by_role("button", name=plan_text["revise"]).click()
    expect(page.locator("main")).to_contain_text(plan_text["versions"])
    assert_accessible(page)
    result = Result.objects.get(indicator__code=CODE, fiscal_year=year.start_year)
    assert result.history.count() == 2 and result.revision_reason == "An outcome reassessed."
    assert (result.numerator, result.denominator) == (1, 2)
