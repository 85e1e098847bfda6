"""Issue 11, in English and in French: a manager identifies two upcoming meetings as important
from the year's plan, and a past one late (with the reason the portal asks for, then flagged); an
officer proposes a meeting; the manager follows the official figure down to the positions and
their evidence, records the year's result from the drafted explanation, then revises it with a
reason. Every page passes axe-core."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from core.fiscal import FiscalYear
from forums.models import Meeting
from indicators.models import Result
from tests.browser.helpers import assert_accessible, sign_in
from tests.engagements.factories import EvidenceFactory
from tests.forums.factories import MeetingFactory
from tests.indicators.records import YEAR, DocumentFactory, deliver

program_data = importlib.import_module("indicators.migrations.0002_program_4_3")
CODE = "NI050-0377-2017"

TEXT = {
    "en": {
        "plan": "Year's plan",
        "decide": "Decide",
        "important": re.compile(r"Identified as important: it counts"),
        "save": "Save",
        "reason": "Reason",
        "problem": "There is a problem to fix",
        "late": "from a meeting identified as important after it began",
        "propose": "Propose as important",
        "proposed": "a program manager will decide",
        "positions": "See the positions",
        "record": "Record the result",
        "drafted": "IRCC attended 2 meetings identified as important, of which 1",
        "revise": "Revise the result",
        "revision": "Reason for the revision",
        "versions": "Every version of this result",
    },
    "fr": {
        "plan": "Plan de l’exercice",
        "decide": "Décider",
        "important": re.compile(r"Jugée importante\xa0: elle compte"),
        "save": "Enregistrer",
        "reason": "Motif",
        "problem": "Il y a un problème à corriger",
        "late": "d’une réunion jugée importante après son début",
        "propose": "Proposer comme importante",
        "proposed": "un gestionnaire de programme décidera",
        "positions": "Voir les positions",
        "record": "Consigner le résultat",
        "drafted": "IRCC a assisté à 2 réunions jugées importantes, dont 1",
        "revise": "Réviser le résultat",
        "revision": "Motif de la révision",
        "versions": "Chaque version de ce résultat",
    },
}


def decide(page, meeting, text, reason=""):
    row = page.get_by_role("row").filter(has_text=meeting.name_en)
    row.get_by_role("link", name=re.compile(text["decide"])).click()
    assert_accessible(page)
    page.get_by_label(text["important"]).check()
    if reason:
        page.get_by_label(re.compile(rf"^{text['reason']}\W*$")).fill(reason)
    page.get_by_role("button", name=text["save"]).click()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_importance_figure_and_result_journey(live_server, page, demo_users, lang):
    program_data.load(apps, None)  # a transactional test starts from a flushed database
    text = TEXT[lang]
    today = timezone.localdate()
    ahead = [
        MeetingFactory(
            name_en=f"Upcoming {i}",
            name_fr=f"Upcoming {i}",
            start_date=today + datetime.timedelta(days=30 * i),
        )
        for i in (1, 2)
    ]
    proposed = MeetingFactory(
        name_en="Officer's pick",
        name_fr="Officer's pick",
        start_date=today + datetime.timedelta(40),
    )
    past = MeetingFactory(
        name_en="Past council", name_fr="Past council", start_date=datetime.date(YEAR, 6, 1)
    )
    counted = MeetingFactory(
        name_en="Planned council",
        name_fr="Planned council",
        start_date=datetime.date(YEAR, 5, 12),
        is_important=True,
    )
    deliver(DocumentFactory(meeting=past), "not_reflected")
    engagement = deliver(DocumentFactory(meeting=counted), "reflected")
    EvidenceFactory(engagement=engagement, original_name="canada-statement.pdf")
    year = FiscalYear(YEAR)

    # an officer proposes a meeting from the plan
    sign_in(page, live_server, "officer", lang=lang)
    page.get_by_role("link", name=text["plan"]).click()
    assert_accessible(page)
    page.get_by_role("row").filter(has_text=proposed.name_en).get_by_role("link").last.click()
    assert_accessible(page)
    page.get_by_role("button", name=text["save"]).click()
    expect(page.get_by_role("status").first).to_contain_text(text["proposed"])
    page.context.clear_cookies()

    # the manager identifies the two upcoming meetings ahead of them
    sign_in(page, live_server, "manager", lang=lang)
    page.get_by_role("link", name=text["plan"]).click()
    for meeting in ahead:
        decide(page, meeting, text)
        expect(page).to_have_url(re.compile(r"/plan/"))
    assert_accessible(page)
    assert Meeting.objects.filter(pk__in=[m.pk for m in ahead], is_important=True).count() == 2

    # and a past one, which needs a reason and is flagged
    page.goto(f"{live_server.url}/{lang}/plan/?fiscal_year={year.slug}")
    decide(page, past, text)
    expect(page.locator(".error-summary")).to_contain_text(text["problem"])
    assert_accessible(page)
    page.get_by_label(re.compile(rf"^{text['reason']}\W*$")).fill("Added when the agenda changed.")
    page.get_by_role("button", name=text["save"]).click()
    past.refresh_from_db()
    assert past.identified_late

    # the figure, down to the positions and their evidence
    page.goto(f"{live_server.url}/{lang}/?year={year.slug}")
    card = page.locator("article.indicator-card.official")
    expect(card).to_contain_text(text["late"])
    card.locator(".figure-basis a").nth(1).click()  # the denominator: 2 documents
    assert_accessible(page)
    page.get_by_role("row").filter(has_text="Planned council").get_by_role(
        "link", name=re.compile(text["positions"])
    ).click()
    expect(page.locator("main")).to_contain_text("canada-statement.pdf")
    assert_accessible(page)

    # record the year's result from the drafted explanation, then revise it
    page.goto(f"{live_server.url}/{lang}/indicators/{CODE}/{year.slug}/record/")
    expect(page.locator("#id_explanation_en")).to_have_value(
        re.compile(re.escape(TEXT["en"]["drafted"]))
    )
    expect(page.locator("#id_explanation_fr")).to_have_value(
        re.compile(re.escape(TEXT["fr"]["drafted"]))
    )
    assert_accessible(page)
    page.get_by_role("button", name=text["record"]).click()
    expect(page.get_by_role("link", name=text["revise"])).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=text["revise"]).click()
    assert_accessible(page)
    page.get_by_role("button", name=text["revise"]).click()
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label(text["revision"]).fill("A reassessed outcome.")
    page.get_by_role("button", name=text["revise"]).click()
    expect(page.locator("main")).to_contain_text(text["versions"])
    expect(page.locator("main")).to_contain_text("A reassessed outcome.")
    assert_accessible(page)
    result = Result.objects.get(indicator__code=CODE, fiscal_year=YEAR)
    assert result.history.count() == 2 and result.revision_reason == "A reassessed outcome."
