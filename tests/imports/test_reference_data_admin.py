"""Reference data in Django admin (issue 13 point 7): administrators import forums with
django-import-export's own dry run (the preview saves nothing, the confirmation saves), export
organizations through the portal's spreadsheet-safety rule; nobody else reaches these pages."""

import io
import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from forums.models import Forum
from partners.models import AgreementAmount, Organization
from tests.partners.factories import AgreementFactory

pytestmark = pytest.mark.django_db

FORUMS_CSV = (
    "acronym_en,acronym_fr,name_en,name_fr,kind,scope,parent,year_established,secretariat,"
    "is_active\n"
    "BDP,PBD,Budapest Process,Processus de Budapest,Regional consultative process,regional,,"
    "1993,IOM,yes\n"
    "ExCom,ExCom,Executive Committee of the UNHCR Programme,Comité exécutif du Programme du "
    "HCR,un_governing_body,multilateral,,1958,HCR,oui\n"
)


def post_import(client, model, data: bytes, name="forums.csv", fmt="0"):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")
    return client.post(
        url, {"import_file": SimpleUploadedFile(name, data), "format": fmt, "resource": "0"}
    )


def confirm(client, model, preview):
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', preview.text))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_process_import")
    return client.post(
        url,
        {k: fields[k] for k in ("import_file_name", "original_file_name", "format", "resource")},
    )


def test_an_administrator_imports_forums_dry_run_first(client, administrator):
    client.force_login(administrator)
    before = Forum.objects.count()
    preview = post_import(client, Forum, FORUMS_CSV.encode())
    assert preview.status_code == HTTPStatus.OK
    assert "Confirm import" in preview.text
    assert "Budapest Process" in preview.text
    assert Forum.objects.count() == before  # the dry run saved nothing
    assert not Forum.objects.filter(acronym_en="BDP").exists()

    done = confirm(client, Forum, preview)
    assert done.status_code == HTTPStatus.FOUND
    budapest = Forum.objects.get(acronym_en="BDP")
    assert budapest.name_fr == "Processus de Budapest"
    assert budapest.kind == Forum.Kind.REGIONAL_PROCESS  # by its label
    assert budapest.secretariat.acronym_en == "IOM"
    assert Forum.objects.count() == before + 1  # ExCom was matched by its acronym, updated
    excom = Forum.objects.get(acronym_en="ExCom")
    assert excom.secretariat.acronym_en == "UNHCR"  # by its French acronym
    trail = budapest.history.latest()
    assert trail.history_user == administrator
    assert "forums.csv" in trail.history_change_reason


def test_row_errors_and_unknown_columns_block_the_import(client, administrator):
    client.force_login(administrator)
    bad = FORUMS_CSV.replace("Regional consultative process", "Choir").replace(",IOM,", ",IMO,")
    preview = post_import(client, Forum, bad.encode())
    assert "Confirm import" not in preview.text
    assert "No kind is called “Choir”" in preview.text
    assert "Closest" in preview.text  # IMO: IOM suggested
    unknown = post_import(client, Forum, FORUMS_CSV.replace("is_active", "colour").encode())
    assert "Confirm import" not in unknown.text
    assert "Unknown columns: colour" in unknown.text
    assert not Forum.objects.filter(acronym_en="BDP").exists()


def test_a_macro_enabled_workbook_is_refused(client, administrator):
    client.force_login(administrator)
    response = post_import(client, Forum, b"PK\x03\x04 anything", name="forums.xlsm", fmt="1")
    assert "macro-enabled" in response.text
    assert "Confirm import" not in response.text


def test_agreement_amounts_by_number_and_year_within_the_total(client, administrator):
    agreement = AgreementFactory(number="CA-2014-01", total_amount=1000)
    client.force_login(administrator)
    csv = 'agreement,fiscal_year,authorized,actual\nCA-2014-01,{year},"600,50",\n'
    year = (
        agreement.start_date.year
        if agreement.start_date.month >= 4
        else agreement.start_date.year - 1
    )
    preview = post_import(client, AgreementAmount, csv.format(year=year).encode(), "a.csv")
    assert "Confirm import" in preview.text, preview.text[-3000:]
    confirm(client, AgreementAmount, preview)
    amount = AgreementAmount.objects.get(agreement=agreement, fiscal_year=year)
    assert str(amount.authorized) == "600.50"
    over = csv.replace('"600,50"', "1500").format(year=year)
    refused = post_import(client, AgreementAmount, over.encode(), "a.csv")
    assert "Confirm import" not in refused.text
    assert "more than the agreement" in refused.text


@pytest.mark.parametrize("fmt", ["0", "1"])
def test_an_administrator_exports_organizations_neutralised(client, administrator, fmt):
    Organization.objects.filter(acronym_en="MPI").update(name_fr='=HYPERLINK("x")')
    client.force_login(administrator)
    url = reverse("admin:partners_organization_export")
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(url, {"format": fmt, "resource": "0"})
    assert response.status_code == HTTPStatus.OK
    if fmt == "0":
        text = response.content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("name_en,name_fr,acronym_en")
        assert "'=HYPERLINK" in text
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
        assert '\'=HYPERLINK("x")' in cells
        assert '=HYPERLINK("x")' not in cells


def test_the_pages_are_in_french(client, administrator):
    client.force_login(administrator)
    with translation.override("fr"):
        url = reverse("admin:forums_forum_import")
        listing = reverse("admin:forums_forum_changelist")
    assert "Importer" in client.get(url).text
    assert "Exporter" in client.get(listing).text


ADMIN_URLS = [
    ("admin:forums_forum_import", "get"),
    ("admin:forums_forum_process_import", "post"),
    ("admin:forums_forum_export", "get"),
    ("admin:partners_organization_import", "get"),
    ("admin:partners_organization_export", "get"),
    ("admin:partners_organization_export", "post"),
    ("admin:partners_agreementamount_import", "get"),
    ("admin:partners_agreementamount_export", "get"),
]


@pytest.mark.parametrize(("name", "method"), ADMIN_URLS)
def test_nobody_but_administrators_reaches_import_and_export(
    client, officer, manager, administrator, name, method
):
    url = reverse(name)
    for user in (None, officer, manager):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = getattr(client, method)(url, {"format": "0", "resource": "0"})
        assert response.status_code == HTTPStatus.FOUND, (user, url)
        assert "/login/" in response["Location"]
    assert not Forum.objects.filter(acronym_en="BDP").exists()
    client.force_login(administrator)
    assert client.get(reverse(name.replace("process_import", "import"))).status_code in (
        HTTPStatus.OK,
        HTTPStatus.METHOD_NOT_ALLOWED,
    )


def test_a_staff_member_who_may_only_read_cannot_import(client, administrator):
    """Importing takes the rights to add and to change: seeing the list is not enough."""
    from django.contrib.auth.models import Permission

    from tests.accounts.factories import UserFactory

    reader = UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_forum"))
    client.force_login(reader)
    assert client.get(reverse("admin:forums_forum_import")).status_code == HTTPStatus.FORBIDDEN
    assert client.get(reverse("admin:forums_forum_export")).status_code == HTTPStatus.OK
