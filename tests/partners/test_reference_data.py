"""What the partners data migration loads: the real organizations, in both languages."""

import pytest

from partners.models import Organization
from tests.forums.reference import partners_data

pytestmark = pytest.mark.django_db


def test_every_organization_is_loaded_with_both_names():
    loaded = Organization.objects.filter(
        acronym_en__in=[row[1] for row in partners_data.ORGANIZATIONS]
    )
    assert loaded.count() == len(partners_data.ORGANIZATIONS) == 22
    for organization in loaded:
        assert organization.name_en and organization.name_fr and organization.acronym_fr


@pytest.mark.parametrize(
    ("kind", "acronym_en", "acronym_fr", "name_fr"),
    [
        ("international", "UNHCR", "HCR", "Haut Commissariat des Nations Unies pour les réfugiés"),
        ("international", "IOM", "OIM", "Organisation internationale pour les migrations"),
        ("federal_partner", "CBSA", "ASFC", "Agence des services frontaliers du Canada"),
        ("federal_partner", "GAC", "AMC", "Affaires mondiales Canada"),
        ("federal_partner", "PS", "SP", "Sécurité publique Canada"),
        ("federal_partner", "HC", "SC", "Santé Canada"),
        ("federal_partner", "RCMP", "GRC", "Gendarmerie royale du Canada"),
        ("research", "MPI", "MPI", "Migration Policy Institute"),
        ("foreign_government", "United States", "États-Unis", "Gouvernement des États-Unis"),
    ],
)
def test_official_bilingual_names(kind, acronym_en, acronym_fr, name_fr):
    organization = Organization.objects.get(kind=kind, acronym_en=acronym_en)
    assert (organization.acronym_fr, organization.name_fr) == (acronym_fr, name_fr)


def test_five_country_conference_partners_and_mexico_are_governments():
    governments = set(
        Organization.objects.filter(kind=Organization.Kind.FOREIGN_GOVERNMENT).values_list(
            "country", flat=True
        )
    )
    assert {"AU", "NZ", "GB", "US", "MX"} <= governments


def test_federal_partners_are_canadian_with_gc_websites():
    for organization in Organization.objects.filter(kind=Organization.Kind.FEDERAL_PARTNER):
        assert organization.country.code == "CA"
        assert organization.website.startswith("https://")
        assert "gc.ca" in organization.website or "canada.ca" in organization.website


def test_loading_again_changes_nothing():
    from django.apps import apps

    before = Organization.objects.count()
    partners_data.load_organizations(apps, None)
    assert Organization.objects.count() == before
