"""Demo links between engagements and the contribution agreements that paid for the work
(called by demo.engagements.seed after the engagements exist)."""

from django.db.models import Q

from engagements.models import Engagement
from partners.models import ContributionAgreement

BATCH = 5000

# Which engagements served which agreement: (agreement number, secretariats of the forums whose
# work it funded, a partner organization it funded, share of those engagements linked out of 10).
# Canada's IOM membership dues pay for its seat at the IOM Council and SCPF; the Grant for
# Migration Policy Development funded the GFMD, IGC and RCM secretariats' meetings.
AGREEMENT_LINKS = [
    ("CIC-IOM-AC-2012", ["IOM"], None, 7),
    (
        "CIC-MPG-2012",
        ["GFMD Support Unit", "IGC Secretariat", "RCM Technical Secretariat"],
        None,
        5,
    ),
    ("DEMO-MPG-GFMD", ["GFMD Support Unit"], None, 8),
    ("DEMO-MPG-IGC", ["IGC Secretariat"], None, 8),
    ("DEMO-MPG-MPI", [], "MPI", 8),
]


def link_agreements(*, stdout) -> int:
    """Link a realistic share of the engagements to the agreement that paid for the work: those at
    the funded forums (or with the funded partner) within the agreement's dates. The choice
    depends only on the engagement's id, so running it twice links nothing more."""
    agreements = {
        a.number: a
        for a in ContributionAgreement.objects.filter(
            number__in=[number for number, *_rest in AGREEMENT_LINKS]
        )
    }
    linked = 0
    for number, secretariats, partner, share in AGREEMENT_LINKS:
        agreement = agreements.get(number)
        if agreement is None or agreement.status == ContributionAgreement.Status.DRAFT:
            continue
        served = Q(forum__secretariat__acronym_en__in=secretariats) | Q(
            forum__parent__secretariat__acronym_en__in=secretariats
        )
        if partner:
            served |= Q(
                pk__in=Engagement.partners.through.objects.filter(
                    organization__acronym_en=partner
                ).values("engagement")
            )
        candidates = Engagement.objects.filter(
            served,
            agreement__isnull=True,
            start_date__gte=agreement.start_date,
            end_date__lte=agreement.end_date,
        ).values_list("pk", flat=True)
        chosen = [pk for pk in candidates if pk % 10 < share]
        for start in range(0, len(chosen), BATCH):
            linked += Engagement.objects.filter(pk__in=chosen[start : start + BATCH]).update(
                agreement=agreement
            )
    total = Engagement.objects.filter(agreement__isnull=False).count()
    stdout.write(f"Engagements: {linked} linked to agreements ({total} linked in all).")
    return linked
