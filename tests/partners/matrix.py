from tests.partners.factories import AgreementFactory, OrganizationFactory
from tests.permissions.matrix import EVERYONE, Case


def organization(users):
    return {"pk": OrganizationFactory().pk}


def agreement(users):
    return {"pk": AgreementFactory().pk}


CASES = [
    Case("partners:organization_list", EVERYONE),
    Case("partners:organization_list", EVERYONE, query="_export=csv", label="csv"),
    Case("partners:organization_detail", EVERYONE, setup=organization),
    Case("partners:agreement_list", EVERYONE),
    Case("partners:agreement_list", EVERYONE, query="_export=csv", label="csv"),
    Case("partners:agreement_list", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("partners:agreement_list", EVERYONE, query="fiscal_year=1999-00&active_on=x", label="bad"),
    Case("partners:agreement_detail", EVERYONE, setup=agreement),
    Case("partners:funding_summary", EVERYONE),
    Case("partners:funding_summary", EVERYONE, query="_export=csv", label="csv"),
    Case("partners:funding_summary", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("partners:funding_summary", EVERYONE, query="first=abc&last=2013", label="bad"),
]
