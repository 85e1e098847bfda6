from tests.factories import OrganizationFactory
from tests.permissions.matrix import EVERYONE, Case


def organization(users):
    return {"pk": OrganizationFactory().pk}


CASES = [
    Case("partners:organization_list", EVERYONE),
    Case("partners:organization_list", EVERYONE, query="_export=csv", label="csv"),
    Case("partners:organization_detail", EVERYONE, setup=organization),
]
