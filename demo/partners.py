"""Demo agreements beside the real ones: a few realistic grants and contributions, with
fiscal-year amounts and reports (some overdue, one agreement ending soon). Safe to run twice:
each agreement is keyed on its number and updated in place."""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.fiscal import FiscalYear, fiscal_year_range
from partners.models import (
    AgreementAmount,
    ContributionAgreement,
    Organization,
    ReportingRequirement,
    TransferPayment,
)

# number, transfer payment code, recipient acronym, purpose en, purpose fr, years (first offset
# from the current fiscal year, count), yearly amount, months until the end from today or None
DEMO_AGREEMENTS = [
    (
        "DEMO-MPG-MPI",
        "migration-policy-grant",
        "MPI",
        "Comparative research on labour migration pathways and integration outcomes.",
        "Recherche comparative sur les voies de migration de la main-d’œuvre et les résultats "
        "d’intégration.",
        (-2, 3),
        Decimal("120000.00"),
    ),
    (
        "DEMO-MPG-IGC",
        "migration-policy-grant",
        "IGC Secretariat",
        "Support to the IGC secretariat's working group on data and technology.",
        "Soutien au groupe de travail du secrétariat des CIG sur les données et la technologie.",
        (-1, 2),
        Decimal("90000.00"),
    ),
    (
        "DEMO-MPG-GFMD",
        "migration-policy-grant",
        "GFMD Support Unit",
        "Support to the Global Forum on Migration and Development's thematic workshops.",
        "Soutien aux ateliers thématiques du Forum mondial sur la migration et le développement.",
        (-1, 1),
        Decimal("60000.00"),
    ),
]


def seed(*, rng, engagements, stdout):
    today = timezone.localdate()
    current = FiscalYear.current()
    payments = {tp.code: tp for tp in TransferPayment.objects.all()}
    organizations = {
        org.acronym_en: org
        for org in Organization.objects.filter(acronym_en__in=[a[2] for a in DEMO_AGREEMENTS])
    }
    created = 0
    for number, code, acronym, purpose_en, purpose_fr, (offset, count), yearly in DEMO_AGREEMENTS:
        if code not in payments or acronym not in organizations:
            continue
        first = FiscalYear(current.start_year + offset)
        last = FiscalYear(first.start_year + count - 1)
        # The GFMD one ends within 90 days, so the attention list has something to show.
        end = today + datetime.timedelta(days=45) if number == "DEMO-MPG-GFMD" else last.end
        start = min(first.start, end)
        years = fiscal_year_range(
            FiscalYear.from_date(start).start_year, FiscalYear.from_date(end).start_year
        )
        agreement, was_created = ContributionAgreement.objects.update_or_create(
            number=number,
            defaults={
                "transfer_payment": payments[code],
                "recipient": organizations[acronym],
                "purpose_en": purpose_en,
                "purpose_fr": purpose_fr,
                "start_date": start,
                "end_date": end,
                "total_amount": yearly * len(years),
                "status": ContributionAgreement.Status.ACTIVE,
            },
        )
        created += was_created
        for year in years:
            spent = None
            if year.start_year < current.start_year:
                spent = (yearly * Decimal(rng.randint(900, 1000)) / 1000).quantize(Decimal("1"))
            AgreementAmount.objects.update_or_create(
                agreement=agreement,
                fiscal_year=year.start_year,
                defaults={"authorized": yearly, "actual": spent},
            )
        for year in years:
            due = datetime.date(year.start_year + 1, 6, 30)
            received = (
                due - datetime.timedelta(days=10)
                if due < today - datetime.timedelta(days=60)
                else None
            )
            ReportingRequirement.objects.update_or_create(
                agreement=agreement,
                kind=ReportingRequirement.Kind.FINANCIAL,
                due_date=due,
                defaults={"received_date": received if received and received >= start else None},
            )
        # One activity report left overdue on purpose.
        ReportingRequirement.objects.update_or_create(
            agreement=agreement,
            kind=ReportingRequirement.Kind.ACTIVITY,
            due_date=max(start, today - datetime.timedelta(days=20)),
            defaults={"description": "Interim activity report", "received_date": None},
        )
    stdout.write(f"Agreements: {created} demo agreements created, {len(DEMO_AGREEMENTS)} in all.")
