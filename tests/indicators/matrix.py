"""Who may open the indicator pages: everyone signed in reads; managers record results."""

from tests.indicators.records import DocumentFactory, deliver
from tests.permissions.matrix import EVERYONE, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Case, expect

OFFICIAL = "NI050-0377-2017"
CLOSED = "2015-16"  # 2016-17 has the result published in drr16


def official(users):
    return {"code": OFFICIAL}


def official_year(users):
    return {"code": OFFICIAL, "year": CLOSED}


def official_figure(users):
    deliver(DocumentFactory(), "reflected")
    return {"code": OFFICIAL, "year": "2021-22", "figure": "numerator"}


def official_awaiting(users):
    deliver(DocumentFactory(), "reflected", status="submitted")
    return {"code": OFFICIAL, "year": "2021-22", "figure": "awaiting"}


def forum_figure(users):
    document = DocumentFactory()
    deliver(document, "reflected")
    return {"year": "2021-22", "forum": document.meeting.forum_id, "figure": "positions"}


def record_data(users):
    return {"explanation_en": "Most positions were reflected.", "explanation_fr": "La plupart."}


MANAGERS_ONLY = expect(officer=FORBIDDEN, manager=OK, administrator=FORBIDDEN)

CASES = [
    Case("dashboard", EVERYONE, query="year=2014-15", label="year"),
    Case(
        "dashboard",
        expect(officer=400, manager=400, administrator=400),
        query="year=2014-99",
        label="bad-year",
    ),
    Case("dashboard", EVERYONE, query="year=2014-15&_table=resources&_export=csv", label="csv"),
    Case(
        "dashboard",
        expect(officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND),
        query="_table=nothing&_export=csv",
        label="unknown-table",
    ),
    Case("indicators:indicator_list", EVERYONE),
    Case("indicators:indicator_list", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("indicators:forum_dashboard", EVERYONE),
    Case("indicators:forum_dashboard", EVERYONE, query="_table=forums&_export=xlsx", label="xlsx"),
    Case("indicators:forum_records", EVERYONE, setup=forum_figure),
    Case("indicators:funding_dashboard", EVERYONE),
    Case("indicators:funding_dashboard", EVERYONE, query="_table=funding&_export=csv", label="csv"),
    Case("indicators:report", EVERYONE),
    Case("indicators:infobase_export", EVERYONE),
    Case("indicators:indicator_detail", EVERYONE, setup=official),
    Case("indicators:indicator_year", EVERYONE, setup=official_year),
    Case("indicators:indicator_records", EVERYONE, setup=official_figure),
    Case(
        "indicators:indicator_records",
        EVERYONE,
        setup=official_figure,
        query="_export=csv",
        label="csv",
    ),
    Case("indicators:indicator_records", EVERYONE, setup=official_awaiting, label="awaiting"),
    Case("indicators:record_result", MANAGERS_ONLY, setup=official_year),
    Case(
        "indicators:record_result",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=official_year,
        method="post",
        data=record_data,
    ),
]


def _document(users):
    document = DocumentFactory()
    deliver(document, "reflected")
    return {"pk": document.pk}


CASES += [
    Case("indicators:document_positions", EVERYONE, setup=_document),
    Case(
        "indicators:document_positions",
        EVERYONE,
        setup=_document,
        query="_export=csv",
        label="csv",
    ),
    Case(
        "indicators:document_positions",
        expect(officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND),
        setup=lambda users: {"pk": 999999},
        label="missing",
    ),
]


def _recorded(users):
    from indicators.models import Result

    result = Result.objects.get(indicator__code=OFFICIAL, fiscal_year=2016)  # drr16, loaded
    return {"code": OFFICIAL, "year": result.year}


def _revise_data(users):
    return {
        "reason": "An outcome document was reassessed.",
        "explanation_en": "Revised.",
        "explanation_fr": "Révisé.",
    }


CASES += [
    Case("indicators:revise_result", MANAGERS_ONLY, setup=_recorded),
    Case(
        "indicators:revise_result",
        expect(officer=FORBIDDEN, manager=REDIRECT, administrator=FORBIDDEN),
        setup=_recorded,
        method="post",
        data=_revise_data,
    ),
    Case(
        "indicators:revise_result",
        expect(officer=FORBIDDEN, manager=NOT_FOUND, administrator=FORBIDDEN),
        setup=official_year,
        label="not-recorded",
    ),
]
