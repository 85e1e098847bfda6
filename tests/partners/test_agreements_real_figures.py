"""The data migration reproduces every figure of GC InfoBase's transfer-payment file."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from core.fiscal import FiscalYear
from partners.models import AgreementAmount, ContributionAgreement, TransferPayment
from partners.selectors import funding_summary, funding_years

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
CSV_FILE = DATA / "infobase-program-4.3-transfer-payments.csv"

# The data README: pa_last_year is 2016-17, pa_last_year_5 is 2012-13.
COLUMNS = {
    2012: "pa_last_year_5",
    2013: "pa_last_year_4",
    2014: "pa_last_year_3",
    2015: "pa_last_year_2",
    2016: "pa_last_year",
}
CODES = {
    "International Organization for Migration": "iom-assessed",
    "Grant for Migration policy development": "migration-policy-grant",
    "Task force for International Cooperation on Holocaust Education, Remembrance and Research": (
        "itf-ihra"
    ),
}


@pytest.fixture
def source_rows():
    if not CSV_FILE.exists():
        pytest.skip(f"the shared data folder is not beside the repository ({CSV_FILE} absent)")
    with CSV_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_source_figure_is_reproduced_to_the_dollar(source_rows):
    assert len(source_rows) == 3
    summary = funding_summary(years=[FiscalYear(y) for y in COLUMNS])
    rows = {row.transfer_payment.code: row for row in summary.rows}
    compared = 0
    for source in source_rows:
        row = rows[CODES[source["name_en"]]]
        for i, (year, prefix) in enumerate(COLUMNS.items()):
            cell = row.cells[i]
            assert cell.year == FiscalYear(year)
            assert cell.authorized == Decimal(source[f"{prefix}_auth"]), (source["name_en"], year)
            assert cell.actual == Decimal(source[f"{prefix}_exp"]), (source["name_en"], year)
            compared += 2
    assert compared == 30


def test_each_stored_amount_matches_its_source_cell(source_rows):
    by_code = {CODES[s["name_en"]]: s for s in source_rows}
    amounts = AgreementAmount.objects.filter(
        agreement__number__in=["CIC-IOM-AC-2012", "CIC-MPG-2012", "CIC-ITF-2012"]
    ).select_related("agreement__transfer_payment")
    assert amounts.count() == 13  # the ITF had no authorities after 2014-15
    for amount in amounts:
        source = by_code[amount.agreement.transfer_payment.code]
        prefix = COLUMNS[amount.fiscal_year]
        assert amount.authorized == Decimal(source[f"{prefix}_auth"])
        assert amount.actual == Decimal(source[f"{prefix}_exp"])
    # Years without a row are the source's zeros.
    for source in source_rows:
        code = CODES[source["name_en"]]
        stored = set(
            AgreementAmount.objects.filter(agreement__transfer_payment__code=code).values_list(
                "fiscal_year", flat=True
            )
        )
        for year, prefix in COLUMNS.items():
            if year not in stored:
                assert source[f"{prefix}_auth"] == "0" and source[f"{prefix}_exp"] == "0"


def test_source_never_shows_spending_above_authorities(source_rows):
    """The rule actual ≤ authorized holds in reality: if this fails, the rule must change."""
    for source in source_rows:
        for prefix in COLUMNS.values():
            assert Decimal(source[f"{prefix}_exp"]) <= Decimal(source[f"{prefix}_auth"])


def test_transfer_payments_and_agreements_are_bilingual_and_typed():
    payments = {tp.code: tp for tp in TransferPayment.objects.all()}
    assert payments["iom-assessed"].kind == "assessed"
    assert payments["migration-policy-grant"].kind == "grant"
    assert payments["itf-ihra"].kind == "contribution"
    assert payments["iom-assessed"].name_fr == (
        "Contribution quote-part à l’Organisation internationale pour les migrations"
    )
    assert payments["migration-policy-grant"].name_fr == (
        "Subvention pour l’élaboration de politiques sur la migration"
    )
    iom = ContributionAgreement.objects.get(number="CIC-IOM-AC-2012")
    assert iom.recipient.acronym_en == "IOM"
    assert iom.total_amount == Decimal("9220902.00")
    grant = ContributionAgreement.objects.get(number="CIC-MPG-2012")
    assert grant.recipient is None and grant.recipient_other_fr
    itf = ContributionAgreement.objects.get(number="CIC-ITF-2012")
    assert itf.recipient.acronym_en == "IHRA"
    assert [y.label_en for y in funding_years()] == [
        "2012-13",
        "2013-14",
        "2014-15",
        "2015-16",
        "2016-17",
    ]


def test_manager_reads_iom_2014_15_and_grant_lapse_in_both_languages(manager_client):
    """The issue's question: IOM in 2014-15, and how much of the grant lapsed."""
    english = manager_client.get("/en/agreements/funding/").content.decode()
    assert "$1,871,744.00" in english  # IOM actual 2014-15
    assert "$4,236.00 (0.2%)" in english  # grant lapsed over 2012-13..2016-17
    french = manager_client.get("/fr/agreements/funding/").content.decode()
    assert "1\xa0871\xa0744,00\xa0$" in french
    assert "4\xa0236,00\xa0$ (0,2\xa0%)" in french
