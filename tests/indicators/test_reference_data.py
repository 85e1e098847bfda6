"""The data migration's figures, compared with GC InfoBase's CSV files where they are at hand."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from indicators.models import Indicator, Outcome, Program, ProgramResource, Target

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
needs_data = pytest.mark.skipif(
    not (DATA / "infobase-program-4.3-spending.csv").exists(),
    reason=f"GC InfoBase extracts not found in {DATA}",
)
COLUMNS = {
    2012: "pa_last_year_5",
    2013: "pa_last_year_4",
    2014: "pa_last_year_3",
    2015: "pa_last_year_2",
    2016: "pa_last_year",
}
PLANNED = {
    2016: "pa_last_year_planned",
    2017: "planning_year_1",
    2018: "planning_year_2",
    2019: "planning_year_3",
}


def read(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_program_outcome_and_official_indicator():
    program = Program.objects.get(code="LJZ00")
    assert program.number == "4.3"
    outcome = Outcome.objects.get(code="NR050-0051-2017")
    assert outcome.program == program
    indicator = Indicator.objects.get(code="NI050-0377-2017")
    assert indicator.outcome == outcome
    assert indicator.kind == Indicator.Kind.OFFICIAL
    assert indicator.measurement == "positions_reflected_in_outcome_documents"
    assert "every delivered position is reflected" in indicator.methodology_en
    assert "chaque position présentée est reflétée" in indicator.methodology_fr
    target = Target.objects.get(indicator=indicator)
    assert (target.fiscal_year, target.target_type) == (2017, "percent")
    assert (target.target_min, target.target_max) == (Decimal(90), Decimal(90))
    assert (target.target_year, target.target_month, target.doc) == (2018, 3, "dp17")


def test_supplementary_indicators_are_marked_and_computed():
    supplementary = Indicator.objects.filter(kind=Indicator.Kind.SUPPLEMENTARY)
    assert supplementary.count() == 5
    assert all(i.is_computed and i.calculation is not None for i in supplementary)
    for indicator in supplementary:
        indicator.full_clean()


def test_resources_hand_checked():
    by_year = {r.fiscal_year: r for r in ProgramResource.objects.all()}
    assert by_year[2014].authorities == Decimal("5898735")
    assert by_year[2014].actual_spending == Decimal("5896698")
    assert by_year[2016].planned_ftes == Decimal(34)
    assert by_year[2019].planned_spending == Decimal("5979065.00")


@needs_data
def test_names_match_the_csv():
    (program,) = read("infobase-program-4.3-program.csv")
    (result,) = read("infobase-program-4.3-result.csv")
    (indicator,) = read("infobase-program-4.3-indicator.csv")
    db_program = Program.objects.get(code=program["activity_code"])
    assert (db_program.name_en, db_program.name_fr) == (program["name_en"], program["name_fr"])
    assert (db_program.description_en, db_program.description_fr) == (
        program["desc_en"],
        program["desc_fr"],
    )
    db_result = Outcome.objects.get(code=result["id"])
    assert (db_result.name_en, db_result.name_fr) == (result["name_en"], result["name_fr"])
    db_indicator = Indicator.objects.get(code=indicator["id"])
    assert db_indicator.outcome.code == indicator["result_id"]
    assert (db_indicator.name_en, db_indicator.name_fr) == (
        indicator["name_en"],
        indicator["name_fr"],
    )
    target = db_indicator.targets.get()
    assert target.target_min == Decimal(indicator["target_min"])
    assert target.target_max == Decimal(indicator["target_max"])
    assert (target.target_year, target.target_month) == (
        int(indicator["target_year"]),
        int(indicator["target_month"]),
    )


@needs_data
def test_spending_and_ftes_match_the_csv():
    (spending,) = read("infobase-program-4.3-spending.csv")
    (ftes,) = read("infobase-program-4.3-ftes.csv")
    by_year = {r.fiscal_year: r for r in ProgramResource.objects.all()}
    for year, prefix in COLUMNS.items():
        assert by_year[year].authorities == Decimal(spending[f"{prefix}_auth"]), year
        assert by_year[year].actual_spending == Decimal(spending[f"{prefix}_exp"]), year
        assert by_year[year].actual_ftes == Decimal(ftes[prefix]), year
    for year, column in PLANNED.items():
        assert by_year[year].planned_spending == Decimal(spending[column]), year
        assert by_year[year].planned_ftes == Decimal(ftes[column]), year
    assert set(by_year) == set(COLUMNS) | set(PLANNED)


@pytest.mark.django_db
def test_the_portals_own_french_uses_the_portals_terms():
    """« activité », « réunion », « forum », « ébauche »; GC InfoBase's official names verbatim."""
    from indicators.models import Indicator

    checked = 0
    for indicator in Indicator.objects.all():
        fields = ["definition_fr", "methodology_fr", "data_source_fr"]
        if indicator.code != "NI050-0377-2017":
            fields.append("name_fr")
        for field in fields:
            text = getattr(indicator, field).lower()
            for word in ("engagement", "rencontre", "tribune", "brouillon"):
                assert word not in text, (indicator.code, field, word)
            checked += 1
    assert checked >= 20
    official = Indicator.objects.get(code="NI050-0377-2017")
    assert official.name_fr.startswith("i) Pourcentage de décisions/rapports issus de rencontres")
