"""The program's three transfer payments and their Public Accounts figures, 2012-13 to 2016-17.

Source: GC InfoBase open data, `infobase-program-4.3-transfer-payments.csv` (authorities `_auth`
and actual expenditures `_exp`, columns mapped to fiscal years by the data README). The values
are embedded here, not read at run time, because deployments do not carry the data folder;
`tests/partners/test_agreements_real_figures.py` compares every figure with the CSV.

Each transfer payment gets one agreement holding its fiscal-year amounts:
- the IOM assessed contribution: Canada's membership dues, recipient IOM;
- the contribution to the Task Force for International Cooperation on Holocaust Education,
  Remembrance and Research (ITF, renamed IHRA in 2013), recipient IHRA; it was last funded in
  2014-15 (the source shows 0 for 2015-16 and 2016-17), so the agreement ends on 31 March 2015;
- the Grant for Migration Policy Development goes to several recipients chosen year by year, who
  are not in the source: an umbrella agreement whose recipient is described ("various") rather
  than invented.
Agreement numbers are the portal's own identifiers (the department's are not published).
In every year of the source the actual expenditure is within the authorities.

Idempotent: keyed on the transfer payment code and the agreement number, updated in place.
"""

import datetime
from decimal import Decimal

from django.db import migrations

# code, kind, name_en, name_fr
TRANSFER_PAYMENTS = [
    (
        "iom-assessed",
        "assessed",
        "Assessed contribution to the International Organization for Migration",
        "Contribution quote-part à l'Organisation internationale pour les migrations",
    ),
    (
        "migration-policy-grant",
        "grant",
        "Grant for Migration Policy Development",
        "Subvention pour l'élaboration de politiques sur la migration",
    ),
    (
        "itf-ihra",
        "contribution",
        "Contribution to the Task Force for International Cooperation on Holocaust Education, "
        "Remembrance and Research",
        "Contribution au Groupe de travail pour la coopération internationale sur l'éducation, "
        "la mémoire et la recherche sur l'Holocauste",
    ),
]

# fiscal year (start year) -> (authorized, actual), dollars, from the CSV.
FIGURES = {
    "iom-assessed": {
        2012: (1488746, 1488745),
        2013: (1716884, 1716884),
        2014: (1871744, 1871744),
        2015: (2003350, 2002843),
        2016: (2140178, 2140178),
    },
    "migration-policy-grant": {
        2012: (350000, 348976),
        2013: (348707, 348707),
        2014: (350000, 349765),
        2015: (350000, 348114),
        2016: (350000, 348909),
    },
    "itf-ihra": {
        2012: (44450, 39753),
        2013: (45114, 45114),
        2014: (44450, 42648),
    },
}

AGREEMENTS = [
    {
        "number": "CIC-IOM-AC-2012",
        "transfer_payment": "iom-assessed",
        "recipient": ("international", "IOM"),
        "recipient_other_en": "",
        "recipient_other_fr": "",
        "purpose_en": "Canada's assessed contribution to the administrative budget of the "
        "International Organization for Migration, as a member state.",
        "purpose_fr": "Contribution quote-part du Canada au budget administratif de "
        "l'Organisation internationale pour les migrations, à titre d'État membre.",
        "start_date": datetime.date(2012, 4, 1),
        "end_date": datetime.date(2017, 3, 31),
    },
    {
        "number": "CIC-MPG-2012",
        "transfer_payment": "migration-policy-grant",
        "recipient": None,
        "recipient_other_en": "Various recipients (research institutes, international "
        "organizations and forums' secretariats)",
        "recipient_other_fr": "Divers bénéficiaires (instituts de recherche, organisations "
        "internationales et secrétariats de forums)",
        "purpose_en": "Grants to organizations whose research, dialogue and capacity building "
        "advance migration policy development consistent with Canada's positions.",
        "purpose_fr": "Subventions aux organismes dont la recherche, le dialogue et le "
        "renforcement des capacités font progresser l'élaboration de politiques sur la "
        "migration conformément aux positions du Canada.",
        "start_date": datetime.date(2012, 4, 1),
        "end_date": datetime.date(2017, 3, 31),
    },
    {
        "number": "CIC-ITF-2012",
        "transfer_payment": "itf-ihra",
        "recipient": ("international", "IHRA"),
        "recipient_other_en": "",
        "recipient_other_fr": "",
        "purpose_en": "Canada's contribution as a member of the Task Force for International "
        "Cooperation on Holocaust Education, Remembrance and Research (IHRA since 2013).",
        "purpose_fr": "Contribution du Canada à titre de membre du Groupe de travail pour la "
        "coopération internationale sur l'éducation, la mémoire et la recherche sur "
        "l'Holocauste (IHRA depuis 2013).",
        "start_date": datetime.date(2012, 4, 1),
        "end_date": datetime.date(2015, 3, 31),
    },
]


def load(apps, schema_editor):
    TransferPayment = apps.get_model("partners", "TransferPayment")
    ContributionAgreement = apps.get_model("partners", "ContributionAgreement")
    AgreementAmount = apps.get_model("partners", "AgreementAmount")
    Organization = apps.get_model("partners", "Organization")

    payments = {}
    for code, kind, name_en, name_fr in TRANSFER_PAYMENTS:
        payments[code], _created = TransferPayment.objects.update_or_create(
            code=code, defaults={"kind": kind, "name_en": name_en, "name_fr": name_fr}
        )
    for spec in AGREEMENTS:
        recipient = None
        if spec["recipient"]:
            kind, acronym = spec["recipient"]
            recipient = Organization.objects.get(kind=kind, acronym_en=acronym)
        figures = FIGURES[spec["transfer_payment"]]
        agreement, _created = ContributionAgreement.objects.update_or_create(
            number=spec["number"],
            defaults={
                "transfer_payment": payments[spec["transfer_payment"]],
                "recipient": recipient,
                "recipient_other_en": spec["recipient_other_en"],
                "recipient_other_fr": spec["recipient_other_fr"],
                "purpose_en": spec["purpose_en"],
                "purpose_fr": spec["purpose_fr"],
                "start_date": spec["start_date"],
                "end_date": spec["end_date"],
                "total_amount": Decimal(sum(auth for auth, _exp in figures.values())),
                "status": "closed",
            },
        )
        for year, (authorized, actual) in figures.items():
            AgreementAmount.objects.update_or_create(
                agreement=agreement,
                fiscal_year=year,
                defaults={"authorized": Decimal(authorized), "actual": Decimal(actual)},
            )


def unload(apps, schema_editor):
    ContributionAgreement = apps.get_model("partners", "ContributionAgreement")
    TransferPayment = apps.get_model("partners", "TransferPayment")
    ContributionAgreement.objects.filter(number__in=[a["number"] for a in AGREEMENTS]).delete()
    TransferPayment.objects.filter(
        code__in=[code for code, *_rest in TRANSFER_PAYMENTS], agreements__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_reference_organizations"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
