"""The service lines the data migration loads: real, each with its source, in both languages,
and without a single volume (managers enter them)."""

import datetime
from decimal import Decimal

import pytest

from partners.models import ServiceLine, ServiceVolume

pytestmark = pytest.mark.django_db

# English name -> (French name, kind, partner, department, source address)
LOADED = {
    "Assisted Voluntary Return and Reintegration pilot (Greater Toronto Area)": (
        "Programme pilote d’aide au retour volontaire et à la réintégration "
        "(région du Grand Toronto)",
        "return",
        "IOM",
        "CBSA",
        "http://www.cbsa-asfc.gc.ca/agency-agence/reports-rapports/ae-ve/2014/avrrpp-pparvr-eng.html",
    ),
    "Canadian Orientation Abroad": (
        "Orientation canadienne à l’étranger",
        "orientation",
        "IOM",
        "CIC",
        "http://www.iom.int/cms/coa/about-coa",
    ),
    "Pre-departure medical services": (
        "Services médicaux avant le départ",
        "medical",
        "IOM",
        "CIC",
        "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/"
        "operational-bulletins-manuals/refugee-protection/resettlement/partners/"
        "international-organization-migration.html",
    ),
    "Refugee transportation to Canada": (
        "Transport des réfugiés vers le Canada",
        "transportation",
        "IOM",
        "CIC",
        "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/"
        "operational-bulletins-manuals/refugee-protection/resettlement/partners/"
        "international-organization-migration.html",
    ),
    "Resettlement referrals": (
        "Recommandations aux fins de réinstallation",
        "referrals",
        "UNHCR",
        "CIC",
        "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/"
        "operational-bulletins-manuals/refugee-protection/resettlement/government-assisted/"
        "receipt/high-commissioner.html",
    ),
}


def test_the_migration_loads_the_sourced_service_lines_in_both_languages():
    lines = {
        line.name_en: line for line in ServiceLine.objects.select_related("partner", "department")
    }
    assert set(lines) == set(LOADED)
    for name_en, (name_fr, kind, partner, department, url) in LOADED.items():
        line = lines[name_en]
        assert (line.name_fr, line.kind, line.source_url) == (name_fr, kind, url)
        assert (line.partner.acronym_en, line.department.acronym_en) == (partner, department)
        assert line.source_name_en and line.source_name_fr
        assert line.description_en and line.description_fr
        assert line.program_en and line.program_fr
        assert "'" not in line.name_fr + line.description_fr + line.program_fr


def test_the_return_pilot_has_its_published_dates_and_budget():
    pilot = ServiceLine.objects.get(kind="return")
    assert pilot.start_date == datetime.date(2012, 6, 29)
    assert pilot.end_date == datetime.date(2015, 3, 31)
    assert pilot.budget == Decimal("31900000")
    assert "Greater Toronto Area" in pilot.description_en
    assert "Grand Toronto" in pilot.description_fr


def test_no_volume_is_invented():
    assert not ServiceVolume.objects.exists()
    assert not ServiceLine.objects.exclude(kind="return").filter(budget__isnull=False).exists()
