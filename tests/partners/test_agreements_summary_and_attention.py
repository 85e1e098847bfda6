import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse

from core.charts import BarChart, Series, nice_ticks
from core.fiscal import FiscalYear
from core.formatting import money_compact
from partners.models import ContributionAgreement
from partners.selectors import attention_items, funding_summary, lapse_percent
from tests.exports import read_csv
from tests.partners.factories import (
    AgreementFactory,
    AmountFactory,
    ReportFactory,
    TransferPaymentFactory,
)

pytestmark = pytest.mark.django_db

YEARS = [FiscalYear(2014), FiscalYear(2015)]


@pytest.fixture
def two_payments():
    """Hand-made figures, computed by hand below."""
    ContributionAgreement.objects.all().delete()
    grant = TransferPaymentFactory(code="g", kind="grant")
    contribution = TransferPaymentFactory(code="c")
    a = AgreementFactory(transfer_payment=grant, total_amount=Decimal("500000"))
    b = AgreementFactory(transfer_payment=grant, total_amount=Decimal("500000"))
    c = AgreementFactory(transfer_payment=contribution, total_amount=Decimal("500000"))
    draft = AgreementFactory(transfer_payment=contribution, status="draft")
    AmountFactory(agreement=a, fiscal_year=2014, authorized="100000.00", actual="80000.00")
    AmountFactory(agreement=b, fiscal_year=2014, authorized="50000.00", actual="50000.00")
    AmountFactory(agreement=a, fiscal_year=2015, authorized="120000.00", actual=None)
    AmountFactory(agreement=c, fiscal_year=2015, authorized="200000.00", actual="150000.50")
    AmountFactory(agreement=draft, fiscal_year=2015, authorized="999.00", actual="1.00")
    return grant, contribution, a, c


def test_summary_cells_and_totals_against_hand_computed_values(two_payments):
    grant, contribution, a, c = two_payments
    summary = funding_summary(years=YEARS)
    rows = {row.transfer_payment.code: row for row in summary.rows}
    g, k = rows["g"], rows["c"]
    assert g.cells[0].authorized == Decimal("150000.00")
    assert g.cells[0].actual == Decimal("130000.00")
    assert g.cells[0].lapsed == Decimal("20000.00")
    assert g.cells[0].percent_lapsed == Decimal("13.3")  # 20 000 / 150 000
    assert g.cells[0].agreements == 2 and g.cells[0].agreement_id is None
    assert g.cells[1].authorized == Decimal("120000.00") and g.cells[1].actual == 0
    assert g.cells[1].agreement_id == a.pk
    assert k.cells[0].authorized == 0 and k.cells[0].agreements == 0
    assert k.cells[1].authorized == Decimal("200000.00")  # the draft is left out
    assert k.cells[1].actual == Decimal("150000.50")
    assert k.cells[1].percent_lapsed == Decimal("25.0")  # 49 999.50 / 200 000
    assert g.total.authorized == Decimal("270000.00") and g.total.actual == Decimal("130000.00")
    assert summary.totals[0].authorized == Decimal("150000.00")
    assert summary.totals[1].authorized == Decimal("320000.00")
    assert summary.totals[1].actual == Decimal("150000.50")
    assert summary.grand_total.authorized == Decimal("470000.00")
    assert summary.grand_total.actual == Decimal("280000.50")
    assert summary.grand_total.lapsed == Decimal("189999.50")
    assert lapse_percent(Decimal("470000"), Decimal("280000.50")) == Decimal("40.4")


def test_summary_page_links_each_figure_to_its_agreements(manager_client, two_payments):
    grant, contribution, a, c = two_payments
    body = manager_client.get(reverse("partners:funding_summary")).content.decode()
    list_url = reverse("partners:agreement_list")
    assert f'href="{list_url}?transfer_payment={grant.pk}&amp;fiscal_year=2014-15"' in body
    assert f'href="{a.get_absolute_url()}"' in body
    assert f'href="{list_url}?fiscal_year=2015-16"' in body
    assert "$470,000.00" in body and "$280,000.50" in body
    assert 'role="img"' in body and "<desc" in body


def test_summary_year_range_and_bad_range(manager_client, two_payments):
    url = reverse("partners:funding_summary")
    body = manager_client.get(url, {"first": 2015, "last": 2015}).content.decode()
    assert "2015-16" in body and ">2014-15</th>" not in body
    response = manager_client.get(url, {"first": 2015, "last": 2014})
    assert response.status_code == HTTPStatus.OK
    assert "The last fiscal year cannot be before the first." in response.content.decode()


def test_summary_export_has_the_figures(manager_client, two_payments):
    response = manager_client.get(reverse("partners:funding_summary"), {"_export": "csv"})
    title, rows = read_csv(response)
    assert response["Content-Disposition"].startswith("attachment;")
    assert title.startswith("Funding summary — Fiscal years: ")
    assert " to " in title
    assert ["Authorities", "Total", "150000.00", "320000.00", "470000.00"] in rows


def test_list_filters(manager_client, two_payments):
    grant, contribution, a, c = two_payments
    url = reverse("partners:agreement_list")

    def numbers(**params):
        response = manager_client.get(url, {**params, "_export": "csv"})
        return sorted(row[0] for row in read_csv(response)[1][1:])

    assert numbers(transfer_payment=contribution.pk) == sorted(
        ContributionAgreement.objects.filter(transfer_payment=contribution).values_list(
            "number", flat=True
        )
    )
    assert numbers(fiscal_year="2015-16", transfer_payment=grant.pk) == [a.number]
    assert numbers(kind="grant") == sorted(
        ContributionAgreement.objects.filter(transfer_payment=grant).values_list(
            "number", flat=True
        )
    )
    assert numbers(status="draft") == sorted(
        ContributionAgreement.objects.filter(status="draft").values_list("number", flat=True)
    )
    assert c.number in numbers(recipient=c.recipient_id)
    assert numbers(q=c.number) == [c.number]
    assert a.number in numbers(active_on="2015-01-01")
    assert numbers(active_on="2030-01-01") == []
    # Malformed filters are messages, not errors.
    assert manager_client.get(url, {"fiscal_year": "2014-99", "active_on": "x"}).status_code == 200
    response = manager_client.get(url, {"q": "nothing-like-this"})
    assert "No agreement matches these filters." in response.content.decode()


def test_attention_items_reports_overdue_and_agreements_ending_soon():
    today = datetime.date(2024, 6, 1)
    active = AgreementFactory(
        start_date=datetime.date(2023, 4, 1), end_date=datetime.date(2024, 8, 30)
    )  # ends in 90 days
    later = AgreementFactory(
        start_date=datetime.date(2023, 4, 1), end_date=datetime.date(2024, 8, 31)
    )  # 91 days: not yet
    closed = AgreementFactory(status="closed", end_date=datetime.date(2024, 7, 1))
    overdue = ReportFactory(agreement=active, due_date=datetime.date(2024, 5, 31))
    ReportFactory(agreement=active, due_date=datetime.date(2024, 6, 1))  # due today: not late
    ReportFactory(
        agreement=later,
        due_date=datetime.date(2024, 1, 31),
        received_date=datetime.date(2024, 2, 1),
    )
    ReportFactory(agreement=closed, due_date=datetime.date(2024, 1, 31))  # closed: not watched
    items = attention_items(today=today)
    assert [(i.kind, i.agreement.pk, i.days) for i in items] == [
        ("report_overdue", active.pk, 1),
        ("ending_soon", active.pk, 90),
    ]
    assert items[0].report == overdue


def test_attention_list_on_the_agreements_page(manager_client):
    agreement = AgreementFactory(
        start_date=datetime.date(2020, 4, 1), end_date=datetime.date(2099, 3, 31)
    )
    ReportFactory(agreement=agreement, due_date=datetime.date(2021, 5, 31))
    body = manager_client.get("/en/agreements/").content.decode()
    assert "Report overdue" in body and agreement.get_absolute_url() in body


def test_detail_shows_amounts_lapse_and_reports(manager_client):
    agreement = AgreementFactory(total_amount=Decimal("300000.00"))
    AmountFactory(agreement=agreement, fiscal_year=2014, authorized="100000.00", actual="75000.00")
    AmountFactory(agreement=agreement, fiscal_year=2015, authorized="100000.00", actual=None)
    ReportFactory(agreement=agreement, due_date=datetime.date(2015, 5, 31))
    body = manager_client.get(agreement.get_absolute_url()).content.decode()
    assert "$25,000.00" in body  # lapsed 2014-15
    assert "75.0%" in body  # used, on the year whose spending is known
    assert "$100,000.00" in body  # not yet allocated: 300 000 − 200 000
    assert "not yet known" in body and "Overdue" in body
    assert "Edit in administration" not in body


def test_bar_chart_is_accessible_escaped_and_localized():
    chart = BarChart(
        id="c1",
        title="Spending <b>",
        description="Desc",
        categories=["2014-15", "2015-16"],
        series=[Series("<script>x</script>", [Decimal("1500000"), None]), Series("B", [0, 5])],
        x_label="Fiscal year",
        y_label="CAD",
        tick_format=money_compact,
    )
    svg = str(chart.svg())
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "Spending &lt;b&gt;" in svg
    assert "$1.5M" in svg
    assert svg.count("<rect") == 3  # the missing value draws no bar
    assert chart.rows()[1]["cells"] == ["—", "5"]
    from django.utils import translation

    with translation.override("fr"):
        assert money_compact(Decimal("1500000")) == "1,5\xa0M$"
        assert money_compact(Decimal("250000")) == "250\xa0k$"
    assert nice_ticks(2140178) == [0, 500000, 1000000, 1500000, 2000000, 2500000]
    assert nice_ticks(0) == [0, 1]
