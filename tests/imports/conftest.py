import datetime

import pytest

from forums.models import Forum
from tests.forums.factories import MeetingFactory, OutcomeDocumentFactory


@pytest.fixture
def atcr(db):
    forum = Forum.objects.get(acronym_en="ATCR")  # reference data (forums 0002)
    meeting = MeetingFactory(
        forum=forum,
        name_en="ATCR 2013",
        name_fr="CTAR 2013",
        start_date=datetime.date(2013, 6, 25),
        end_date=datetime.date(2013, 6, 27),
    )
    document = OutcomeDocumentFactory(
        meeting=meeting, title_en="Chair's summary 2013", title_fr="Résumé de la présidence 2013"
    )
    return forum, meeting, document
