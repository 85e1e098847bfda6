"""demo.partners: demo agreements beside the real ones; safe to run twice."""

import io
import random

import pytest

from demo import partners as demo
from partners.models import AgreementAmount, ContributionAgreement, ReportingRequirement
from partners.selectors import attention_items
from partners.services import check_authorities_within_total

pytestmark = pytest.mark.django_db


def test_demo_agreements_are_idempotent_valid_and_need_attention():
    demo.seed(rng=random.Random(1), engagements=0, stdout=io.StringIO())
    counts = (
        ContributionAgreement.objects.count(),
        AgreementAmount.objects.count(),
        ReportingRequirement.objects.count(),
    )
    demo.seed(rng=random.Random(1), engagements=0, stdout=io.StringIO())
    assert counts == (
        ContributionAgreement.objects.count(),
        AgreementAmount.objects.count(),
        ReportingRequirement.objects.count(),
    )
    assert ContributionAgreement.objects.filter(number__startswith="DEMO-").count() == 3
    for model in (ContributionAgreement, AgreementAmount, ReportingRequirement):
        for row in model.objects.all():
            row.full_clean()
    for agreement in ContributionAgreement.objects.all():
        check_authorities_within_total(
            total=agreement.total_amount,
            authorized=agreement.amounts.values_list("authorized", flat=True),
        )
    kinds = {item.kind for item in attention_items()}
    assert kinds == {"report_overdue", "ending_soon"}
