"""The services list, a service line's page, its forms, the organization page's service lines
and the funding summary's services section; their query counts do not grow with the data."""

import html
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partners.models import Organization, ServiceLine, ServiceVolume
from tests.exports import read_csv
from tests.partners.factories import ServiceLineFactory, ServiceVolumeFactory

pytestmark = pytest.mark.django_db


def pilot():
    return ServiceLine.objects.get(kind="return")


def test_the_list_shows_the_loaded_lines_and_exports_them(officer_client):
    response = officer_client.get(reverse("partners:service_list"))
    assert response.status_code == HTTPStatus.OK
    assert "Canadian Orientation Abroad" in response.text
    assert response.context["table"].paginator.count == 5
    assert "Record a service line" not in response.text  # officers read only
    title, rows = read_csv(officer_client.get(reverse("partners:service_list"), {"_export": "csv"}))
    assert rows[0][:3] == ["Service", "Kind", "Partner"]
    assert {row[0] for row in rows[1:]} >= {"Resettlement referrals", "Canadian Orientation Abroad"}


def test_the_list_in_french(officer_client):
    with translation.override("fr"):
        response = officer_client.get(reverse("partners:service_list"), {"q": "Toronto"})
    assert "Programme pilote d’aide au retour volontaire" in response.text
    assert response.context["table"].paginator.count == 1


def test_the_year_filter_shows_that_years_volumes(officer_client):
    line = pilot()
    ServiceVolume.objects.create(service_line=line, fiscal_year=2013, people_served=400)
    ServiceVolume.objects.create(service_line=line, fiscal_year=2014, people_served=250)
    url = reverse("partners:service_list")
    every = {r.record.pk: r.record for r in officer_client.get(url).context["table"].rows}
    assert every[line.pk].people_served_total == 650
    one = officer_client.get(url, {"fiscal_year": "2014-15", "kind": "return"})
    (row,) = one.context["table"].rows
    assert row.record.people_served_total == 250
    # a year after the pilot ended lists no pilot
    later = officer_client.get(url, {"fiscal_year": "2016-17", "kind": "return"})
    assert later.context["table"].paginator.count == 0
    assert "No service line matches these filters." in later.text


def test_the_line_page_names_its_source_and_budget(officer_client):
    response = officer_client.get(pilot().get_absolute_url())
    assert "Evaluation of the Assisted Voluntary Return and Reintegration" in response.text
    assert "$31,900,000.00" in response.text
    assert "No volume has been recorded yet." in response.text
    assert "Record a year’s volumes" not in response.text


def test_a_manager_records_a_years_volumes_and_corrects_them(manager_client, manager):
    line = pilot()
    url = reverse("partners:service_volumes", args=[line.pk])
    response = manager_client.post(
        url, {"fiscal_year": "2013-14", "people_served": "1,200", "amount": "150000"}
    )
    assert response.status_code == HTTPStatus.OK  # "1,200" is not a whole number
    response = manager_client.post(
        url, {"fiscal_year": "2013-14", "people_served": "1200", "amount": "150000"}
    )
    assert response.status_code == HTTPStatus.FOUND
    volume = line.volumes.get()
    assert (volume.people_served, volume.amount, volume.recorded_by) == (1200, 150000, manager)
    form = manager_client.get(url, {"year": "2013-14"})
    assert form.context["form"].initial["people_served"] == 1200
    manager_client.post(url, {"fiscal_year": "2013-14", "people_served": "1250"})
    volume.refresh_from_db()
    assert (volume.people_served, volume.amount) == (1250, None)
    page = manager_client.get(line.get_absolute_url())
    assert "1,250" in page.text


@pytest.mark.parametrize(
    ("lang", "data", "message"),
    [
        ("en", {"fiscal_year": "2016-17", "sessions": "3"}, "outside the service line’s dates"),
        ("fr", {"fiscal_year": "2016-17", "sessions": "3"}, "en dehors des dates de la ligne"),
        ("en", {"fiscal_year": "2013-14", "sessions": "-3"}, "cannot be below zero"),
        ("fr", {"fiscal_year": "2013-14", "sessions": "-3"}, "ne peut pas être inférieur à zéro"),
        ("en", {"fiscal_year": "2013-14"}, "Enter at least one figure"),
        ("fr", {"fiscal_year": "2013-14"}, "Entrez au moins un chiffre"),
    ],
)
def test_bad_volumes_are_refused_with_a_message_and_nothing_saved(
    manager_client, lang, data, message
):
    line = pilot()
    with translation.override(lang):
        response = manager_client.post(reverse("partners:service_volumes", args=[line.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert message in html.unescape(response.text).replace("'", "’")
    assert not ServiceVolume.objects.exists()


def test_a_manager_records_a_new_line_and_edits_it(manager_client):
    iom = Organization.objects.get(kind="international", acronym_en="IOM")
    cic = Organization.objects.get(kind="federal_partner", acronym_en="CIC")
    data = {
        "kind": "capacity",
        "name_en": "Border management training",
        "name_fr": "Formation en gestion des frontières",
        "partner": iom.pk,
        "department": cic.pk,
        "program_en": "International migration",
        "program_fr": "Migration internationale",
        "start_date": "2014-04-01",
        "end_date": "2013-04-01",
        "source_name_en": "IOM",
        "source_name_fr": "OIM",
        "source_url": "www.iom.int",
    }
    response = manager_client.post(reverse("partners:service_create"), data)
    assert response.status_code == HTTPStatus.OK
    assert "The end date cannot be before the start date." in response.text
    data["end_date"] = "2016-03-31"
    response = manager_client.post(reverse("partners:service_create"), data)
    line = ServiceLine.objects.get(name_en="Border management training")
    assert response.url == line.get_absolute_url()
    assert line.source_url == "https://www.iom.int"
    data["name_en"] = "Border management capacity building"
    manager_client.post(reverse("partners:service_edit", args=[line.pk]), data)
    line.refresh_from_db()
    assert line.name_en == "Border management capacity building"
    assert line.history.count() == 2


def test_the_organization_page_shows_its_service_lines(officer_client):
    iom = Organization.objects.get(kind="international", acronym_en="IOM")
    cbsa = Organization.objects.get(kind="federal_partner", acronym_en="CBSA")
    iom_page = officer_client.get(iom.get_absolute_url())
    assert "Pre-departure medical services" in iom_page.text
    assert "Resettlement referrals" not in iom_page.text  # UNHCR's
    cbsa_page = officer_client.get(cbsa.get_absolute_url())
    assert "Assisted Voluntary Return and Reintegration pilot" in cbsa_page.text
    assert "delivered by IOM" in cbsa_page.text


def test_the_funding_summary_shows_the_volumes_beside_the_transfer_payments(manager_client):
    ServiceVolume.objects.create(
        service_line=pilot(), fiscal_year=2013, people_served=987, amount=Decimal("12345")
    )
    response = manager_client.get(reverse("partners:funding_summary"))
    assert "Services used from IOM and UNHCR" in response.text
    assert "987" in response.text and "$12,345.00" in response.text
    with translation.override("fr"):
        response = manager_client.get(reverse("partners:funding_summary"))
    assert "Services utilisés auprès de l’OIM et du HCR" in response.text


# --- query counts, with few and many rows ---


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


def add_lines(n):
    for index in range(n):
        line = ServiceLineFactory()
        for year in (2013, 2014, 2015):
            ServiceVolumeFactory(service_line=line, fiscal_year=year, referrals=index)


# Each includes the session, the user, the permissions (two), the navigation badge and the session
# save (three with its savepoint): eight before the page's own queries.
PINS = {
    # the count, the filter's partner and department choices, the rows (partner and department
    # joined, the volumes summed in the same query), the user's saved views (the list's menu)
    "list": 13,
    "list, one year": 13,
    # the line (partner, department, agreement, transfer payment joined), its volumes with who
    # recorded them
    "detail": 10,
    "volumes form": 9,
    # the organization, its service lines (both roles, joined), the forums it is secretariat of
    "organization": 11,
    # the funding summary's three, and one for the services section
    "funding summary": 12,
}


def urls():
    line = ServiceLine.objects.order_by("pk").last()
    return {
        "list": reverse("partners:service_list"),
        "list, one year": reverse("partners:service_list") + "?fiscal_year=2014-15",
        "detail": line.get_absolute_url(),
        "volumes form": reverse("partners:service_volumes", args=[line.pk]),
        "organization": line.partner.get_absolute_url(),
        "funding summary": reverse("partners:funding_summary"),
    }


def test_query_counts_do_not_grow_with_the_data(client, manager):
    client.force_login(manager)
    add_lines(1)
    small = {name: queries(client, url) for name, url in urls().items()}
    add_lines(25)
    large = {name: queries(client, url) for name, url in urls().items()}
    assert large == small
    assert large == PINS
