"""Permission matrix for the imports: officers import their own engagements, managers import for
anyone; an import is seen by its uploader and by managers (404 to other officers), committed
only by its uploader; administrators maintain reference data in admin and do not import here."""

from imports import services
from imports.models import ImportLog
from tests.imports.helpers import csv_bytes, row, upload
from tests.permissions.matrix import FORBIDDEN, NOT_FOUND, OK, Case, expect

BAD_REQUEST = 400


def officers_import(users):
    log = services.upload(
        actor=users["officer"], kind=ImportLog.Kind.ENGAGEMENTS, file=upload(csv_bytes([row()]))
    )
    return {"pk": log.pk}


CASES = [
    Case(
        "imports:engagements",
        expect(officer=OK, manager=OK, administrator=FORBIDDEN),
    ),
    Case(
        "imports:engagements",
        # no file: the form answers with its error
        expect(officer=BAD_REQUEST, manager=BAD_REQUEST, administrator=FORBIDDEN),
        method="post",
        data={},
    ),
    Case(
        "imports:engagements_template",
        expect(officer=OK, manager=OK, administrator=FORBIDDEN),
    ),
    Case("imports:meetings", expect(officer=FORBIDDEN, manager=OK, administrator=FORBIDDEN)),
    Case(
        "imports:meetings",
        expect(officer=FORBIDDEN, manager=BAD_REQUEST, administrator=FORBIDDEN),
        method="post",
        data={},
    ),
    Case(
        "imports:meetings_template",
        expect(officer=FORBIDDEN, manager=OK, administrator=FORBIDDEN),
    ),
    Case(
        "imports:detail",
        expect(officer=OK, other_officer=NOT_FOUND, manager=OK, administrator=OK),
        setup=officers_import,
    ),
    Case(
        "imports:file",
        expect(officer=OK, other_officer=NOT_FOUND, manager=OK, administrator=OK),
        setup=officers_import,
    ),
    Case(
        "imports:commit",
        # the officer's file has errors (no meeting ATCR 2013 here): 400 with them, nothing saved;
        # managers see the import but only its uploader commits it
        expect(
            officer=BAD_REQUEST, other_officer=NOT_FOUND, manager=FORBIDDEN, administrator=FORBIDDEN
        ),
        setup=officers_import,
        method="post",
        data={"reason": "Past year."},
    ),
]
