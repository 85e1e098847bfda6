"""The change history page: every audited model keeps who/when/what, managers read it in the
portal with human labels in both languages, at a constant number of queries, page by page."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.history import PAGE_SIZE, SOURCES
from engagements.models import Engagement, Evidence, Position
from forums.models import Meeting, OutcomeDocument
from indicators.models import Indicator, Result, Target
from partners.models import AgreementAmount, ContributionAgreement, ReportingRequirement
from tests.engagements.factories import EngagementFactory, PositionFactory, theme
from tests.forums.factories import ForumFactory, MeetingFactory
from tests.indicators.factories import official
from tests.indicators.records import YEAR, deliver
from tests.indicators.records import DocumentFactory as IndicatorDocumentFactory
from tests.partners.factories import (
    AgreementFactory,
    AmountFactory,
    OrganizationFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

AUDITED = [
    Engagement,
    Position,
    Evidence,
    Meeting,
    OutcomeDocument,
    ContributionAgreement,
    AgreementAmount,
    ReportingRequirement,
    Indicator,
    Target,
    Result,
]


def history_url(obj, lang="en"):
    with translation.override(lang):
        return reverse("record_history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


@pytest.mark.parametrize("model", AUDITED, ids=lambda m: m._meta.label)
def test_every_audited_model_keeps_its_history(model):
    assert hasattr(model, "history"), f"{model._meta.label} has no HistoricalRecords"
    history_model = model.history.model
    names = {f.name for f in history_model._meta.fields}
    assert {"history_user", "history_date", "history_type"} <= names


def test_every_audited_model_has_a_history_page():
    reachable = set()
    for source in SOURCES.values():
        reachable.add(source.model)
        reachable.update(part.model for part in source.parts)
    assert set(AUDITED) <= reachable


def test_the_request_user_is_recorded():
    assert "simple_history.middleware.HistoryRequestMiddleware" in settings.MIDDLEWARE


def test_a_result_recorded_through_the_portal_names_the_manager(manager_client, manager):
    deliver(IndicatorDocumentFactory(), "reflected")
    code = official().code
    from core.fiscal import FiscalYear

    response = manager_client.post(
        reverse("indicators:record_result", args=[code, FiscalYear(YEAR)]),
        {"explanation_en": "All reflected.", "explanation_fr": "Toutes reprises."},
    )
    assert response.status_code == HTTPStatus.FOUND
    result = Result.objects.get(indicator__code=code, fiscal_year=YEAR)
    assert result.history.get().history_user == manager
    page = manager_client.get(history_url(result))
    assert page.status_code == HTTPStatus.OK
    assert "created the record" in page.content.decode()


def _meeting_with_changes(user):
    old_forum, new_forum = ForumFactory(acronym_en="OLDF"), ForumFactory(acronym_en="NEWF")
    meeting = MeetingFactory(forum=old_forum, name_en="Council", is_important=False)
    meeting._history_user = user
    meeting.forum = new_forum
    meeting.name_en = "Council, 105th session"
    meeting.is_important = True
    meeting.importance = "important"
    meeting.importance_decided_on = datetime.date(2014, 4, 2)
    meeting.country = "AT"
    meeting.start_date = datetime.date(2014, 5, 13)
    meeting.save()
    return meeting, old_forum, new_forum


def test_manager_reads_who_when_and_each_field_from_to(manager_client, administrator):
    meeting, old_forum, new_forum = _meeting_with_changes(administrator)
    OutcomeDocument.objects.create(meeting=meeting, kind="report", title_en="Report of the Council")
    response = manager_client.get(history_url(meeting))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    rows = {
        change.label: (change.shown_old, change.shown_new)
        for entry in response.context["entries"]
        for change in entry.changes
        if entry.kind == "changed"
    }
    assert rows["forum"] == (str(old_forum.name), str(new_forum.name))
    assert rows["name (English)"] == ("Council", "Council, 105th session")
    assert rows["identified as important"] == ("No", "Yes")
    assert rows["country"] == ("Switzerland", "Austria")
    assert rows["start date"][1] == "13 May 2014"
    assert administrator.get_full_name() or administrator.username in html
    # the outcome document, a part of the meeting, has its own entry
    assert "added — outcome document:" in html
    assert "Report of the Council" in html


def test_the_history_reads_in_french(manager_client, administrator):
    meeting, _old, _new = _meeting_with_changes(administrator)
    with translation.override("fr"):
        response = manager_client.get(history_url(meeting, "fr"))
        html = response.content.decode()
        rows = {
            str(change.label): (change.shown_old, change.shown_new)
            for entry in response.context["entries"]
            for change in entry.changes
            if entry.kind == "changed"
        }
    assert response.status_code == HTTPStatus.OK
    assert "Historique des modifications" in html
    assert rows["jugée importante"] == ("Non", "Oui")
    assert rows["pays"] == ("Suisse", "Autriche")
    assert rows["date de début"][1] == "13 mai 2014"


def test_agreement_history_includes_its_amounts_and_reports(manager_client, administrator):
    agreement = AgreementFactory(total_amount=Decimal("1000000.00"))
    amount = AmountFactory(agreement=agreement, fiscal_year=2014, authorized=Decimal("100000"))
    report = ReportFactory(agreement=agreement)
    amount._history_user = administrator
    amount.actual = Decimal("99500.50")
    amount.save()
    agreement.total_amount = Decimal("1250000.00")
    agreement.status = ContributionAgreement.Status.CLOSED
    agreement.save()
    report.delete()
    response = manager_client.get(history_url(agreement))
    html = response.content.decode()
    entries = response.context["entries"]
    subjects = {(e.kind, e.subject, e.subject_label) for e in entries}
    assert ("changed", "fiscal-year amount", "2014-15") in subjects
    assert ("deleted", "reporting requirement", "Financial report, 31 May 2015") in subjects
    changes = {
        c.label: (c.shown_old, c.shown_new)
        for e in entries
        for c in e.changes
        if e.kind == "changed"
    }
    assert changes["actual (CAD)"] == ("90,000.00", "99,500.50")
    assert changes["total amount (CAD)"] == ("1,000,000.00", "1,250,000.00")
    assert changes["status"] == ("Active", "Closed")
    assert "removed — reporting requirement:" in html


def test_engagement_history_shows_themes_and_positions_by_name(manager_client, officer):
    engagement = EngagementFactory(lead_officer=officer)
    engagement.themes.set([theme("resettlement")])
    Engagement.history.model.objects.all().delete()
    from engagements.models import engagement_history

    engagement._history_user = officer
    engagement_history.create_historical_record(engagement, "+")
    engagement.themes.set([theme("resettlement"), theme("integration")])
    engagement.summary = "A new summary."
    engagement.save()
    PositionFactory(engagement=engagement, text="Canada supports resettlement.")
    response = manager_client.get(history_url(engagement))
    entries = response.context["entries"]
    changes = {
        c.label: (c.shown_old, c.shown_new)
        for e in entries
        for c in e.changes
        if e.kind == "changed" and not e.subject
    }
    resettlement, integration = theme("resettlement").name, theme("integration").name
    assert changes["themes"] == (resettlement, ", ".join(sorted([integration, resettlement])))
    assert changes["summary"][1] == "A new summary."
    assert any(e.subject == "position" and e.kind == "created" for e in entries)


def _agreement_changed(times, user):
    agreement = AgreementFactory()
    agreement._history_user = user
    for step in range(times):
        agreement.total_amount = Decimal(1000 + step)
        agreement.recipient = OrganizationFactory()
        agreement.save()
        AmountFactory(agreement=agreement, fiscal_year=2014 + step % 2) if step < 2 else None
    return agreement


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


def test_the_page_costs_the_same_queries_however_long_the_history(manager_client, administrator):
    short = history_url(_agreement_changed(PAGE_SIZE + 5, administrator))
    long = history_url(_agreement_changed(4 * PAGE_SIZE, administrator))
    _queries(manager_client, short)  # warm caches (content types, permissions)
    assert _queries(manager_client, long) == _queries(manager_client, short)
    # the last page holds the creation (more related models to name), still the same for both
    assert _queries(manager_client, long + "?page=999") == _queries(
        manager_client, short + "?page=999"
    )


def test_the_history_is_paginated(manager_client, administrator):
    agreement = _agreement_changed(PAGE_SIZE + 10, administrator)
    first = manager_client.get(history_url(agreement))
    total = first.context["page_obj"].paginator.count
    assert total > PAGE_SIZE
    assert len(first.context["saves"]) == PAGE_SIZE
    assert 'rel="next"' in first.content.decode()
    last = manager_client.get(history_url(agreement), {"page": "999"})
    assert last.status_code == HTTPStatus.OK
    assert len(last.context["saves"]) == total - PAGE_SIZE
    # newest first
    dates = [save.date for save in first.context["saves"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "make,url_name,args",
    [
        (lambda: MeetingFactory(), "forums:meeting_detail", lambda o: [o.pk]),
        (lambda: ForumFactory(), "forums:forum_detail", lambda o: [o.pk]),
        (lambda: OrganizationFactory(), "partners:organization_detail", lambda o: [o.pk]),
        (lambda: AgreementFactory(), "partners:agreement_detail", lambda o: [o.pk]),
        (lambda: official(), "indicators:indicator_detail", lambda o: [o.code]),
    ],
    ids=["meeting", "forum", "organization", "agreement", "indicator"],
)
def test_detail_pages_link_to_the_history_for_managers_only(
    make, url_name, args, client, officer, manager
):
    obj = make()
    url = reverse(url_name, args=args(obj))
    link = f'href="{history_url(obj)}"'
    client.force_login(manager)
    assert link in client.get(url).content.decode()
    client.force_login(officer)
    assert link not in client.get(url).content.decode()


def test_the_year_page_links_to_the_recorded_result_history(manager_client, manager):
    from core.fiscal import FiscalYear
    from tests.indicators.factories import ResultFactory

    result = ResultFactory(recorded_by=manager)
    page = manager_client.get(
        reverse("indicators:indicator_year", args=[result.indicator.code, FiscalYear(YEAR)])
    )
    assert f'href="{history_url(result)}"' in page.content.decode()
    with translation.override("fr"):
        french = manager_client.get(
            reverse("indicators:indicator_year", args=[result.indicator.code, FiscalYear(YEAR)])
        )
    assert "Historique" in french.content.decode()


def test_evidence_history_hides_technical_fields_and_empty_reasons(
    manager_client, settings, tmp_path
):
    """History that reads (issue 14, point 4): an uploaded file is named, its content type and
    size in bytes are not shown, and no "Change reason: None" appears."""
    from tests.engagements.factories import EvidenceFactory

    settings.MEDIA_ROOT = tmp_path
    evidence = EvidenceFactory()
    evidence.original_name = "renamed.pdf"
    evidence.save()
    response = manager_client.get(history_url(evidence.engagement))
    labels = {c.label for e in response.context["entries"] for c in e.changes}
    assert not labels & {"content type", "size in bytes", "sort order"}
    html = response.content.decode()
    assert "statement.pdf" in html or "renamed.pdf" in html
    assert "size in bytes" not in html and "content type" not in html
    main = html.split("<main", 1)[1]
    assert "reason: None" not in main and "Change reason" not in main
