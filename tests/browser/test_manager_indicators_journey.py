"""A manager, in French, reads the program dashboard, changes the fiscal year, drills into the
official figure, records the year's result with explanations in both languages, and opens the
printable report. Every page passes axe-core and raises no Content-Security-Policy violation."""

import importlib
import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from indicators.models import Result
from tests.browser.helpers import assert_accessible, sign_in
from tests.indicators.records import YEAR, DocumentFactory, deliver

program_data = importlib.import_module("indicators.migrations.0002_program_4_3")


@pytest.mark.django_db(transaction=True)
def test_manager_reads_drills_down_records_and_prints_in_french(live_server, page, demo_users):
    program_data.load(apps, None)  # a transactional test starts from a flushed database
    deliver(DocumentFactory(), "reflected", "reflected")
    deliver(DocumentFactory(), "reflected", "partially_reflected")
    deliver(DocumentFactory(), "not_reflected")
    year_fr, year_slug = f"{YEAR}-{YEAR + 1}", f"{YEAR}-{(YEAR + 1) % 100:02d}"

    sign_in(page, live_server, "manager", lang="fr")
    expect(page).to_have_url(f"{live_server.url}/fr/")
    expect(page.get_by_role("heading", name="Indicateur officiel")).to_be_visible()
    assert_accessible(page)

    # change the fiscal year
    page.get_by_role("combobox", name="Exercice").select_option(year_slug)
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(rf"year={year_slug}"))
    card = page.locator("article.indicator-card.official")
    expect(card).to_contain_text("33\xa0%")  # 1 of 3 documents: every position reflected
    expect(card).to_contain_text("67\xa0%")  # 2 of 3: reflected or partially (detail)
    expect(card).to_contain_text("au moins 90\xa0%")
    assert_accessible(page)

    # drill into the strict figure: exactly the one document it counts
    card.get_by_role("link", name="33\xa0%").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("chaque position reflétée")
    expect(page.get_by_role("status")).to_have_text("1 fiche")
    assert_accessible(page)

    # back to the year's page, and record the result
    page.get_by_role("link", name="Retour aux chiffres").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(year_fr)
    assert_accessible(page)
    page.get_by_role("link", name="Consigner le résultat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Consigner le résultat de {year_fr}")
    assert_accessible(page)
    page.get_by_label("Explication (anglais)").fill(
        "One document in three reflected every position."
    )
    page.get_by_label("Explication (français)").fill("")  # the drafted text, cleared
    page.get_by_role("button", name="Consigner le résultat").click()
    expect(page.locator("#id_explanation_fr_error")).to_contain_text(
        "Donnez l’explication en français."
    )
    expect(page.locator("#error-summary")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Explication (français)").fill(
        "Un document sur trois reprend chaque position présentée."
    )
    page.get_by_role("button", name="Consigner le résultat").click()
    expect(page.get_by_role("status")).to_contain_text(f"Le résultat de {year_fr} est consigné")
    expect(page.get_by_role("heading", name="Résultat consigné")).to_be_visible()
    assert_accessible(page)
    result = Result.objects.get(fiscal_year=YEAR, indicator__code="NI050-0377-2017")
    assert (result.status, str(result.value)) == ("not_met", "33.00")

    # the printable report
    page.goto(f"{live_server.url}/fr/indicators/report/?year={year_slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Rapport sur le rendement, {year_fr}"
    )
    expect(page.locator(".report")).to_contain_text("Un document sur trois")
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.locator(".year-selector")).to_be_hidden()
    expect(page.locator("table.report-table")).to_be_visible()
