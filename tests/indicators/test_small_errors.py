"""Small errors found on the indicator pages and dashboards (issue 14, point 7), one test each."""

import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from core.fiscal import FiscalYear
from indicators.models import Target
from tests.forums.factories import ForumFactory, MeetingFactory
from tests.indicators.factories import official
from tests.indicators.records import YEAR, AmountFactory, DocumentFactory, deliver

pytestmark = pytest.mark.django_db

FY = FiscalYear(YEAR)
CODE = "NI050-0377-2017"


@pytest.mark.parametrize(("lang", "expected"), [("en", "March 2018"), ("fr", "mars 2018")])
def test_to_achieve_by_reads_as_a_month_and_year(manager_client, lang, expected):
    Target.objects.filter(indicator=official()).update(target_month=3, target_year=2018)
    with translation.override(lang):
        html = manager_client.get(reverse("indicators:indicator_detail", args=[CODE])).content
    text = html.decode()
    assert f"<td>{expected}</td>" in text
    assert "3/2,018" not in text and "3/2\u00a0018" not in text and "3/2018" not in text


def test_indicator_year_title_says_the_indicator_once(manager_client):
    response = manager_client.get(reverse("indicators:indicator_year", args=[CODE, FY]))
    html = response.content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    name = str(official().name)
    assert h1.strip() == f"{name} ({FY.label})"
    # the card below the title does not repeat the indicator's name as a heading
    headings = re.findall(r"<h[2-6][^>]*>(.*?)</h[2-6]>", html, re.S)
    assert not any(name in heading for heading in headings)


def test_funding_dashboard_reads_the_selected_year_and_links_its_rows(manager_client):
    shown = AmountFactory(fiscal_year=YEAR, authorized=Decimal("1000"), actual=Decimal("400"))
    other = AmountFactory(fiscal_year=YEAR - 1, authorized=Decimal("9999"), actual=None)
    response = manager_client.get(reverse("indicators:funding_dashboard"), {"year": FY.slug})
    rows = response.context["funding_table"].data.data
    assert [row["fiscal_year"] for row in rows] == [FY.label]
    assert rows[0]["transfer_payment"] == str(shown.agreement.transfer_payment.name)
    html = response.content.decode()
    assert f'href="{shown.agreement.get_absolute_url()}"' in html
    assert str(other.agreement.transfer_payment.name) not in html


def test_funding_dashboard_says_why_the_share_is_not_available(manager_client):
    AmountFactory(fiscal_year=YEAR, authorized=Decimal("2500"), actual=None)
    response = manager_client.get(reverse("indicators:funding_dashboard"), {"year": FY.slug})
    html = response.content.decode()
    assert "no authorized amount with known spending" not in html
    assert "$2,500 is authorized for 2021-22, but no actual spending has been recorded" in html
    empty = manager_client.get(reverse("indicators:funding_dashboard"), {"year": "2019-20"})
    assert "no agreement amount is recorded for 2019-20" in empty.content.decode()


@pytest.mark.parametrize("url_name", ["dashboard", "indicators:forum_dashboard"])
def test_a_fiscal_year_outside_the_portal_is_not_called_malformed(manager_client, url_name):
    response = manager_client.get(reverse(url_name), {"year": "1999-00"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert "The portal has no figures for 1999-00" in html
    assert "use the form 2014-15" not in html
    malformed = manager_client.get(reverse(url_name), {"year": "1999"})
    assert "use the form 2014-15" in malformed.content.decode()


def test_forum_dashboard_has_a_totals_row_and_does_not_link_zeros(manager_client):
    document = DocumentFactory()
    deliver(document, "reflected", "not_reflected")
    deliver(DocumentFactory(), "reflected")
    quiet = ForumFactory()
    MeetingFactory(forum=quiet, start_date=FY.start, end_date=FY.start, is_important=False)
    response = manager_client.get(reverse("indicators:forum_dashboard"), {"year": FY.slug})
    html = response.content.decode()
    footer = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", footer)]
    rows = response.context["table"].data.data
    assert cells[0] == "Total"
    assert cells[1] == str(sum(row["meetings"] for row in rows))
    assert cells[6] == str(sum(row["reflected"] for row in rows))
    quiet_row = re.search(rf'href="{quiet.get_absolute_url()}">.*?</td>(.*?)</tr>', html, re.S)
    zeros = re.findall(r'<td class="num">(.*?)</td>', quiet_row.group(1))
    assert "0" in zeros and not any("href" in cell and ">0<" in cell for cell in zeros)
