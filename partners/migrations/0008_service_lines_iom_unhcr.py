"""The services Canada uses from IOM and UNHCR, as public pages describe them, in both languages.

Each line names its source (a Government of Canada or IOM page, with its address). No yearly
volume is loaded: the pages give no count per fiscal year that the portal could keep with its
source, so managers enter the volumes as they receive them. Dates and amounts are loaded only
where the source states them:

- Assisted voluntary return and reintegration (AVRR) pilot, run by the CBSA and delivered by IOM
  in the Greater Toronto Area from 29 June 2012 to 31 March 2015, budget of $31.9 million over
  four years: CBSA, "Evaluation of the Assisted Voluntary Return and Reintegration Pilot Program
  – Final Report", December 2014,
  http://www.cbsa-asfc.gc.ca/agency-agence/reports-rapports/ae-ve/2014/avrrpp-pparvr-eng.html
  (dates and area also on CIC's page http://www.cic.gc.ca/english/refugees/reform-avr.asp).
- Canadian Orientation Abroad, implemented by IOM and funded by CIC since November 1998 (before
  the portal's first fiscal year, so its start date is left empty): IOM, "About COA",
  http://www.iom.int/cms/coa/about-coa
- Pre-departure medical services (Interim Federal Health Program) and movement assistance with
  transportation to Canada (Immigration Loans Program), both under agreements with IOM: IRCC,
  "International Organization for Migration" (operational instructions REV-OVS-11),
  https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/operational-bulletins-manuals/refugee-protection/resettlement/partners/international-organization-migration.html
- Resettlement referrals by UNHCR to Canada's visa offices (Government-Assisted Refugees):
  IRCC, "Referrals from the UNHCR and other authorized organizations",
  https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/operational-bulletins-manuals/refugee-protection/resettlement/government-assisted/receipt/high-commissioner.html

The department that runs the four CIC services is CIC itself, added as a federal organization
(it was renamed Immigration, Refugees and Citizenship Canada in November 2015; its website is
IRCC's).
None of these services is paid under the program's own transfer payments (IOM assessed
contribution, migration policy grant, ITF/IHRA), so none is linked to an agreement.

Idempotent: keyed on the English name, updated in place.
"""

import datetime
from decimal import Decimal

from django.db import migrations

CIC = {
    "kind": "federal_partner",
    "acronym_en": "CIC",
    "acronym_fr": "CIC",
    "name_en": "Citizenship and Immigration Canada",
    "name_fr": "Citoyenneté et Immigration Canada",
    "country": "CA",
    "website": "https://www.canada.ca/en/immigration-refugees-citizenship.html",
}

IRCC_IOM_PAGE = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/"
    "operational-bulletins-manuals/refugee-protection/resettlement/partners/"
    "international-organization-migration.html"
)
IRCC_IOM_NAME_EN = "IRCC — International Organization for Migration (operational instructions)"
IRCC_IOM_NAME_FR = (
    "IRCC — Organisation internationale pour les migrations (instructions opérationnelles)"
)

SERVICE_LINES = [
    {
        "name_en": "Assisted Voluntary Return and Reintegration pilot (Greater Toronto Area)",
        "name_fr": "Programme pilote d’aide au retour volontaire et à la réintégration "
        "(région du Grand Toronto)",
        "kind": "return",
        "partner": "IOM",
        "department": "CBSA",
        "program_en": "Removals (failed refugee claimants)",
        "program_fr": "Renvois (demandeurs d’asile déboutés)",
        "start_date": datetime.date(2012, 6, 29),
        "end_date": datetime.date(2015, 3, 31),
        "budget": Decimal("31900000"),
        "description_en": (
            "Introduced by the CBSA with the refugee reform to help low-risk failed refugee "
            "claimants in the Greater Toronto Area return home voluntarily. The CBSA decides who "
            "is eligible; IOM, as the third-party service provider, arranges their departure "
            "(plane tickets, travel documents) and in-kind reintegration assistance. Budget of "
            "$31.9 million over four years."
        ),
        "description_fr": (
            "Mis en place par l’ASFC avec la réforme du système d’octroi de l’asile pour aider les "
            "demandeurs d’asile déboutés à faible risque de la région du Grand Toronto à rentrer "
            "volontairement chez eux. L’ASFC détermine l’admissibilité; l’OIM, fournisseur de "
            "services tiers, organise leur départ (billets d’avion, titres de voyage) et l’aide à "
            "la réintégration en nature. Budget de 31,9 millions de dollars sur quatre ans."
        ),
        "source_name_en": "CBSA — Evaluation of the Assisted Voluntary Return and "
        "Reintegration Pilot Program, Final Report (December 2014)",
        "source_name_fr": "ASFC — Évaluation du Programme pilote d’aide au retour volontaire et "
        "à la réintégration, rapport final (décembre 2014)",
        "source_url": "http://www.cbsa-asfc.gc.ca/agency-agence/reports-rapports/ae-ve/2014/"
        "avrrpp-pparvr-eng.html",
    },
    {
        "name_en": "Canadian Orientation Abroad",
        "name_fr": "Orientation canadienne à l’étranger",
        "kind": "orientation",
        "partner": "IOM",
        "department": "CIC",
        "program_en": "Resettlement Assistance Program (pre-departure orientation)",
        "program_fr": "Programme d’aide à la réinstallation (orientation avant le départ)",
        "start_date": None,
        "end_date": None,
        "budget": None,
        "description_en": (
            "Pre-departure information and orientation sessions for refugees, immigrants and "
            "live-in caregivers bound for Canada, implemented by IOM and funded by CIC since "
            "November 1998. Sessions for refugees generally last three days, for immigrants one."
        ),
        "description_fr": (
            "Séances d’information et d’orientation avant le départ pour les réfugiés, les "
            "immigrants et les aides familiaux résidants qui partent pour le Canada, offertes par "
            "l’OIM et financées par CIC depuis novembre 1998. Les séances durent généralement "
            "trois jours pour les réfugiés et un jour pour les immigrants."
        ),
        "source_name_en": "IOM — About Canadian Orientation Abroad (COA)",
        "source_name_fr": "OIM — À propos de l’Orientation canadienne à l’étranger (OCE)",
        "source_url": "http://www.iom.int/cms/coa/about-coa",
    },
    {
        "name_en": "Pre-departure medical services",
        "name_fr": "Services médicaux avant le départ",
        "kind": "medical",
        "partner": "IOM",
        "department": "CIC",
        "program_en": "Interim Federal Health Program",
        "program_fr": "Programme fédéral de santé intérimaire",
        "start_date": None,
        "end_date": None,
        "budget": None,
        "description_en": (
            "Immigration medical examinations, treatment of conditions that would make refugees "
            "inadmissible on public health grounds, immunization, medical escorts and devices for "
            "safe travel, for clients selected for resettlement, before they leave for Canada."
        ),
        "description_fr": (
            "Examens médicaux aux fins de l’immigration, traitement des affections qui rendraient "
            "les réfugiés interdits de territoire pour raisons de santé publique, vaccination, "
            "escortes médicales et appareils pour voyager en sécurité, pour les clients "
            "sélectionnés pour la réinstallation, avant leur départ pour le Canada."
        ),
        "source_name_en": IRCC_IOM_NAME_EN,
        "source_name_fr": IRCC_IOM_NAME_FR,
        "source_url": IRCC_IOM_PAGE,
    },
    {
        "name_en": "Refugee transportation to Canada",
        "name_fr": "Transport des réfugiés vers le Canada",
        "kind": "transportation",
        "partner": "IOM",
        "department": "CIC",
        "program_en": "Immigration Loans Program (loans for transportation to Canada)",
        "program_fr": "Programme de prêts aux immigrants (prêts pour le transport au Canada)",
        "start_date": None,
        "end_date": None,
        "budget": None,
        "description_en": (
            "Movement assistance for refugees being resettled: IOM arranges their travel to "
            "Canada, paid through a transportation loan under the Immigration Loans Program."
        ),
        "description_fr": (
            "Aide aux déplacements des réfugiés en voie de réinstallation : l’OIM organise leur "
            "voyage vers le Canada, payé au moyen d’un prêt pour le transport du Programme de "
            "prêts aux immigrants."
        ),
        "source_name_en": IRCC_IOM_NAME_EN,
        "source_name_fr": IRCC_IOM_NAME_FR,
        "source_url": IRCC_IOM_PAGE,
    },
    {
        "name_en": "Resettlement referrals",
        "name_fr": "Recommandations aux fins de réinstallation",
        "kind": "referrals",
        "partner": "UNHCR",
        "department": "CIC",
        "program_en": "Government-Assisted Refugees Program",
        "program_fr": "Programme des réfugiés pris en charge par le gouvernement",
        "start_date": None,
        "end_date": None,
        "budget": None,
        "description_en": (
            "UNHCR refers refugees for whom it has concluded that resettlement is the best "
            "solution to Canada's visa offices, usually with a Refugee Referral Form; Canadian "
            "officers then decide whether they meet Canada's requirements."
        ),
        "description_fr": (
            "Le HCR recommande aux bureaux des visas du Canada les réfugiés pour lesquels il a "
            "conclu que la réinstallation est la meilleure solution, habituellement au moyen "
            "d’un formulaire de recommandation; les agents canadiens décident ensuite s’ils "
            "satisfont aux exigences du Canada."
        ),
        "source_name_en": "IRCC — Referrals from the UNHCR and other authorized organizations",
        "source_name_fr": "IRCC — Recommandations du HCR et d’autres organisations autorisées",
        "source_url": "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/"
        "publications-manuals/operational-bulletins-manuals/refugee-protection/resettlement/"
        "government-assisted/receipt/high-commissioner.html",
    },
]


def load(apps, schema_editor):
    Organization = apps.get_model("partners", "Organization")
    ServiceLine = apps.get_model("partners", "ServiceLine")
    Organization.objects.update_or_create(
        kind=CIC["kind"], acronym_en=CIC["acronym_en"], defaults=CIC
    )
    for spec in SERVICE_LINES:
        spec = dict(spec)
        kind = "international"
        spec["partner"] = Organization.objects.get(kind=kind, acronym_en=spec["partner"])
        spec["department"] = Organization.objects.get(
            kind="federal_partner", acronym_en=spec["department"]
        )
        ServiceLine.objects.update_or_create(name_en=spec.pop("name_en"), defaults=spec)


def unload(apps, schema_editor):
    ServiceLine = apps.get_model("partners", "ServiceLine")
    ServiceLine.objects.filter(name_en__in=[s["name_en"] for s in SERVICE_LINES]).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0007_service_lines")]

    operations = [migrations.RunPython(load, unload)]
