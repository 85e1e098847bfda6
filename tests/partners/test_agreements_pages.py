from http import HTTPStatus

import pytest

from partners.models import ContributionAgreement

pytestmark = pytest.mark.django_db


def test_list_detail_and_summary_render_in_both_languages(manager_client):
    agreement = ContributionAgreement.objects.get(number="CIC-IOM-AC-2012")
    for lang in ("en", "fr"):
        for url in (
            f"/{lang}/agreements/",
            f"/{lang}/agreements/funding/",
            f"/{lang}/agreements/{agreement.pk}/",
        ):
            response = manager_client.get(url)
            assert response.status_code == HTTPStatus.OK, url
