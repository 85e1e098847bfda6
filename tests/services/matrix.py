from tests.partners.factories import ServiceLineFactory
from tests.permissions.matrix import EVERYONE, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, expect

# everyone reads the services; managers and administrators record service lines and volumes
RECORDERS = expect(officer=FORBIDDEN, manager=OK, administrator=OK)
RECORDED = expect(officer=FORBIDDEN, manager=REDIRECT, administrator=REDIRECT)
MISSING = expect(officer=FORBIDDEN, manager=NOT_FOUND, administrator=NOT_FOUND)


def line(users):
    return {"pk": ServiceLineFactory().pk}


def missing(users):
    return {"pk": 999999}


def new_line(users):
    line = ServiceLineFactory.build()
    return {
        "kind": "medical",
        "name_en": "Health assessments",
        "name_fr": "Évaluations de la santé",
        "partner": ServiceLineFactory().partner_id,
        "department": ServiceLineFactory().department_id,
        "program_en": line.program_en,
        "program_fr": line.program_fr,
        "source_name_en": "IOM",
        "source_name_fr": "OIM",
        "source_url": "https://www.iom.int/",
    }


VOLUMES = {"fiscal_year": "2014-15", "people_served": "120", "sessions": "6"}

CASES = [
    Case("partners:service_list", EVERYONE),
    Case("partners:service_list", EVERYONE, query="_export=csv", label="csv"),
    Case("partners:service_list", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case(
        "partners:service_list",
        EVERYONE,
        query="kind=return&fiscal_year=2013-14&q=toronto",
        label="filtered",
    ),
    Case("partners:service_list", EVERYONE, query="kind=catering&fiscal_year=1-2", label="bad"),
    Case("partners:service_detail", EVERYONE, setup=line),
    Case(
        "partners:service_detail",
        expect(officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND),
        setup=missing,
        label="missing",
    ),
    Case("partners:service_create", RECORDERS),
    Case("partners:service_create", RECORDED, method="post", data=new_line),
    Case("partners:service_edit", RECORDERS, setup=line),
    Case("partners:service_edit", MISSING, setup=missing, label="missing"),
    Case("partners:service_volumes", RECORDERS, setup=line),
    Case("partners:service_volumes", RECORDERS, setup=line, query="year=2014-15", label="year"),
    Case("partners:service_volumes", RECORDED, setup=line, method="post", data=VOLUMES),
    Case("partners:service_volumes", MISSING, setup=missing, label="missing"),
]
