"""The real partner organizations of Program 4.3, with their official names in both languages.

Idempotent: each organization is keyed on (kind, English acronym) and updated in place, so running
the migration again (or on a database that already has some of them) creates no duplicates. The
reverse removes exactly these organizations.

Sources: each organization's own bilingual site (names, acronyms, headquarters); the Government of
Canada's Federal Identity Program (federal partners' applied titles and acronyms). Global Affairs
Canada was "Foreign Affairs, Trade and Development Canada" until November 2015; the current name is
kept because it is the one users search for.
"""

from django.db import migrations
from django.db.models import ProtectedError

INTERNATIONAL = "international"
FOREIGN_GOVERNMENT = "foreign_government"
FEDERAL_PARTNER = "federal_partner"
RESEARCH = "research"

# kind, acronym_en, acronym_fr, name_en, name_fr, country, website
ORGANIZATIONS = [
    (
        INTERNATIONAL,
        "UNHCR",
        "HCR",
        "Office of the United Nations High Commissioner for Refugees",
        "Haut Commissariat des Nations Unies pour les réfugiés",
        "CH",
        "https://www.unhcr.org",
    ),
    (
        INTERNATIONAL,
        "IOM",
        "OIM",
        "International Organization for Migration",
        "Organisation internationale pour les migrations",
        "CH",
        "https://www.iom.int",
    ),
    (
        INTERNATIONAL,
        "IGC Secretariat",
        "Secrétariat des CIG",
        "Secretariat of the Intergovernmental Consultations on Migration, Asylum and Refugees",
        "Secrétariat des Consultations intergouvernementales sur les politiques d'asile, "
        "de réfugiés et de migration",
        "CH",
        "https://igc.ch",
    ),
    (
        INTERNATIONAL,
        "GFMD Support Unit",
        "Unité d'appui du FMMD",
        "Support Unit of the Global Forum on Migration and Development",
        "Unité d'appui du Forum mondial sur la migration et le développement",
        "CH",
        "https://www.gfmd.org",
    ),
    (
        INTERNATIONAL,
        "RCM Technical Secretariat",
        "Secrétariat technique CRM",
        "Technical Secretariat of the Regional Conference on Migration",
        "Secrétariat technique de la Conférence régionale sur les migrations",
        "CR",
        "",
    ),
    (
        INTERNATIONAL,
        "UN DESA",
        "DAES",
        "United Nations Department of Economic and Social Affairs",
        "Département des affaires économiques et sociales de l'Organisation des Nations Unies",
        "US",
        "https://www.un.org/development/desa/",
    ),
    (
        INTERNATIONAL,
        "IHRA",
        "IHRA",
        "International Holocaust Remembrance Alliance",
        "Alliance internationale pour la mémoire de l'Holocauste",
        "DE",
        "https://www.holocaustremembrance.com",
    ),
    (
        INTERNATIONAL,
        "OECD",
        "OCDE",
        "Organisation for Economic Co-operation and Development",
        "Organisation de coopération et de développement économiques",
        "FR",
        "https://www.oecd.org",
    ),
    (
        INTERNATIONAL,
        "UNODC",
        "ONUDC",
        "United Nations Office on Drugs and Crime",
        "Office des Nations Unies contre la drogue et le crime",
        "AT",
        "https://www.unodc.org",
    ),
    (
        RESEARCH,
        "MPI",
        "MPI",
        "Migration Policy Institute",
        "Migration Policy Institute",
        "US",
        "https://www.migrationpolicy.org",
    ),
    (
        FEDERAL_PARTNER,
        "CBSA",
        "ASFC",
        "Canada Border Services Agency",
        "Agence des services frontaliers du Canada",
        "CA",
        "https://www.cbsa-asfc.gc.ca",
    ),
    (
        FEDERAL_PARTNER,
        "GAC",
        "AMC",
        "Global Affairs Canada",
        "Affaires mondiales Canada",
        "CA",
        "https://www.international.gc.ca",
    ),
    (
        FEDERAL_PARTNER,
        "PS",
        "SP",
        "Public Safety Canada",
        "Sécurité publique Canada",
        "CA",
        "https://www.publicsafety.gc.ca",
    ),
    (
        FEDERAL_PARTNER,
        "HC",
        "SC",
        "Health Canada",
        "Santé Canada",
        "CA",
        "https://www.canada.ca/en/health-canada.html",
    ),
    (
        FEDERAL_PARTNER,
        "RCMP",
        "GRC",
        "Royal Canadian Mounted Police",
        "Gendarmerie royale du Canada",
        "CA",
        "https://www.rcmp-grc.gc.ca",
    ),
    (
        FEDERAL_PARTNER,
        "ESDC",
        "EDSC",
        "Employment and Social Development Canada",
        "Emploi et Développement social Canada",
        "CA",
        "https://www.canada.ca/en/employment-social-development.html",
    ),
    # The Five Country Conference partners, Mexico (RCM, bilateral dialogue) and Sweden (GFMD chair
    # 2013-2014). A government's "acronym" is its short name, which is what lists show.
    (
        FOREIGN_GOVERNMENT,
        "Australia",
        "Australie",
        "Government of Australia",
        "Gouvernement de l'Australie",
        "AU",
        "https://www.australia.gov.au",
    ),
    (
        FOREIGN_GOVERNMENT,
        "New Zealand",
        "Nouvelle-Zélande",
        "Government of New Zealand",
        "Gouvernement de la Nouvelle-Zélande",
        "NZ",
        "https://www.govt.nz",
    ),
    (
        FOREIGN_GOVERNMENT,
        "United Kingdom",
        "Royaume-Uni",
        "Government of the United Kingdom",
        "Gouvernement du Royaume-Uni",
        "GB",
        "https://www.gov.uk",
    ),
    (
        FOREIGN_GOVERNMENT,
        "United States",
        "États-Unis",
        "Government of the United States",
        "Gouvernement des États-Unis",
        "US",
        "https://www.usa.gov",
    ),
    (
        FOREIGN_GOVERNMENT,
        "Mexico",
        "Mexique",
        "Government of Mexico",
        "Gouvernement du Mexique",
        "MX",
        "https://www.gob.mx",
    ),
    (
        FOREIGN_GOVERNMENT,
        "Sweden",
        "Suède",
        "Government of Sweden",
        "Gouvernement de la Suède",
        "SE",
        "https://www.government.se",
    ),
]


def load_organizations(apps, schema_editor):
    Organization = apps.get_model("partners", "Organization")
    for kind, acronym_en, acronym_fr, name_en, name_fr, country, website in ORGANIZATIONS:
        Organization.objects.update_or_create(
            kind=kind,
            acronym_en=acronym_en,
            defaults={
                "acronym_fr": acronym_fr,
                "name_en": name_en,
                "name_fr": name_fr,
                "country": country,
                "website": website,
                "is_active": True,
            },
        )


def remove_organizations(apps, schema_editor):
    """Remove these organizations, except one that records added since still point to (PROTECT):
    removing it would lose them."""
    Organization = apps.get_model("partners", "Organization")
    for kind, acronym_en, *_rest in ORGANIZATIONS:
        try:
            Organization.objects.filter(kind=kind, acronym_en=acronym_en).delete()
        except ProtectedError:
            continue


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(load_organizations, remove_organizations),
    ]
