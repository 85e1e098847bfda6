"""axe-core on the pages no journey visits, in French and English, as the role that uses them:
lists (agreements, meetings, forums, partners, indicators), details (agreement with its linked
engagements, partner, meeting, indicator), the by-forum and funding dashboards, the printable
report, my work, the review queue, the engagement form, the services list and a service line, and
the 403 and 404 pages, the search results and one's saved views. Each page is
also checked for English left on the French version."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from engagements.models import Engagement
from partners.models import ContributionAgreement
from search.models import SavedView
from tests.browser.helpers import assert_accessible, sign_in
from tests.engagements.factories import EngagementFactory, PositionFactory
from tests.events.factories import AssessmentFactory, EventFactory
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory
from tests.partners.factories import (
    AgreementFactory,
    AmountFactory,
    OrganizationFactory,
    ReportFactory,
    ServiceLineFactory,
    ServiceVolumeFactory,
)

# Words that only an untranslated page would show (Django, django-filter and django-tables2
# defaults included).
ENGLISH_LEFT = ["Unknown", "Previous", "Next", "Export", "Search", "Submit", "Filter", "Yes", "No"]


def make_records(users):
    iom = OrganizationFactory(acronym_en="OIM-T", name_en="IOM test", name_fr="OIM essai")
    forum = ForumFactory(acronym_en="CNL", acronym_fr="CNL", secretariat=iom)
    meeting = MeetingFactory(
        forum=forum,
        start_date=datetime.date(2014, 7, 1),
        end_date=datetime.date(2014, 7, 2),
        is_important=True,
    )
    document = OutcomeDocumentFactory(meeting=meeting, adopted_on=datetime.date(2014, 7, 2))
    agreement = AgreementFactory(
        recipient=iom,
        start_date=datetime.date(2014, 4, 1),
        end_date=datetime.date(2016, 3, 31),
        status=ContributionAgreement.Status.ACTIVE,
    )
    AmountFactory(agreement=agreement, fiscal_year=2014)
    ReportFactory(agreement=agreement, due_date=datetime.date(2015, 6, 30))
    officer = users["officer"]
    approved = EngagementFactory(
        meeting=meeting,
        lead_officer=officer,
        agreement=agreement,
        status=Engagement.Status.APPROVED,
    )
    PositionFactory(engagement=approved, outcome_document=document, outcome="reflected")
    EngagementFactory(meeting=meeting, lead_officer=officer, status=Engagement.Status.SUBMITTED)
    EngagementFactory(meeting=meeting, lead_officer=officer, status=Engagement.Status.DRAFT)
    event = EventFactory()
    AssessmentFactory(event=event)
    service = ServiceLineFactory(partner=iom, agreement=agreement)
    ServiceVolumeFactory(service_line=service, fiscal_year=2014, amount=Decimal("125000"))
    SavedView.objects.create(
        user=officer, list_name="engagements:list", name="Approved", query="status=approved"
    )
    return {
        "service": service,
        "agreement": agreement,
        "meeting": meeting,
        "partner": iom,
        "forum": forum,
        "event": event,
    }


def pages_for(records):
    return {
        "officer": [
            ("agreements/", 200),
            (f"agreements/{records['agreement'].pk}/", 200),
            ("my-work/", 200),
            ("engagements/", 200),  # with its export links (the positions export too)
            ("engagements/new/", 200),
            ("meetings/", 200),
            (f"meetings/{records['meeting'].pk}/", 200),
            (f"partners/{records['partner'].pk}/", 200),
            ("services/", 200),
            (f"services/{records['service'].pk}/", 200),
            ("review/", 403),
            ("no-such-page/", 404),
            ("saved-views/", 200),
            ("search/?q=essai&kind=organizations", 200),
            ("search/?q=x", 200),
        ],
        "manager": [
            ("review/", 200),
            ("forums/", 200),
            ("partners/", 200),
            ("indicators/", 200),
            ("indicators/NI050-0377-2017/", 200),
            ("indicators/forums/?year=2014-15", 200),
            ("indicators/funding/", 200),
            ("indicators/report/", 200),
            ("agreements/funding/", 200),
            (f"agreements/{records['agreement'].pk}/", 200),
            ("services/?fiscal_year=2014-15", 200),
            (f"services/{records['service'].pk}/volumes/?year=2014-15", 200),
        ],
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["officer", "manager"])
def test_pages_without_a_journey_are_accessible_in_both_languages(
    live_server, page, demo_users, role
):
    records = make_records(demo_users)
    sign_in(page, live_server, role)
    for lang in ("en", "fr"):
        for path, status in pages_for(records)[role]:
            response = page.goto(f"{live_server.url}/{lang}/{path}")
            assert response.status == status, f"{path}: {response.status}"
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.get_by_role("heading", level=1)).to_have_count(1)
            assert_accessible(page)
            if lang == "fr":
                text = f" {page.locator('main').inner_text()} "
                left = [word for word in ENGLISH_LEFT if f" {word} " in text.replace("\n", " ")]
                assert not left, f"{path}: English on the French page: {left}"


def every_portal_page(records, users):
    """Every page of the portal (Django admin apart) as the role that uses it."""
    officer = users["officer"]
    approved = Engagement.objects.filter(status=Engagement.Status.APPROVED).first()
    draft = Engagement.objects.filter(status=Engagement.Status.DRAFT, lead_officer=officer).first()
    indicator = "NI050-0377-2017"
    return {
        "anonymous": ["accounts/login/", "help/", "about/", "privacy/", "report-a-problem/"],
        "officer": [
            "my-work/",
            "engagements/new/",
            f"engagements/{draft.pk}/",
            f"engagements/{draft.pk}/edit/",
            "accounts/password/",
            "accounts/profile/",
            "notifications/",
            "plan/?year=2014-15",
            f"meetings/{records['meeting'].pk}/propose/",
            "report-a-problem/",
            "events/",
            "events/new/",
            f"events/{records['event'].pk}/",
            f"events/{records['event'].pk}/edit/",
            f"events/engagements/{draft.pk}/",
            "engagements/import/",
            "accounts/tokens/",
            "services/",
            f"services/{records['service'].pk}/",
        ],
        "manager": [
            "",
            "engagements/",
            f"engagements/{approved.pk}/",
            "review/",
            "forums/",
            f"forums/{records['forum'].pk}/",
            "meetings/",
            f"meetings/{records['meeting'].pk}/",
            f"meetings/{records['meeting'].pk}/importance/",
            "plan/?year=2014-15",
            "partners/",
            f"partners/{records['partner'].pk}/",
            "agreements/",
            "agreements/funding/",
            f"agreements/{records['agreement'].pk}/",
            "indicators/",
            f"indicators/{indicator}/",
            f"indicators/{indicator}/2014-15/",
            f"indicators/{indicator}/2014-15/record/",
            "indicators/forums/?year=2014-15",
            "indicators/funding/?year=2014-15",
            "indicators/report/?year=2014-15",
            f"history/engagements/engagement/{approved.pk}/",
            "help/",
            "meetings/import/",
            "engagements/import/",
            "services/",
            "services/?fiscal_year=2014-15",
            "services/new/",
            f"services/{records['service'].pk}/",
            f"services/{records['service'].pk}/edit/",
            f"services/{records['service'].pk}/volumes/",
        ],
    }


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# How far each table's own region scrolls: at 1280 px no table is cut (the year's plan was).
TABLES_CUT = "[...document.querySelectorAll('.table-container')].map(box => box.scrollWidth - box.clientWidth)"
# Status pills that wrap onto a second line (taller than one line and a half of their text).
PILLS_WRAPPED = """[...document.querySelectorAll('.status')].filter(pill => {
  const style = getComputedStyle(pill);
  return pill.getBoundingClientRect().height > 1.5 * parseFloat(style.lineHeight) + 4;
}).map(pill => pill.textContent.trim())"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_scrolls_sideways_and_axe_finds_nothing(live_server, page, demo_users, width):
    """At a desktop's 1280 px and a phone's 390 px, in both languages: the page itself never
    scrolls sideways (a wide table scrolls inside its own focusable region), no status pill wraps
    and axe-core finds nothing."""
    records = make_records(demo_users)
    page.set_viewport_size({"width": width, "height": 900})
    for role, paths in every_portal_page(records, demo_users).items():
        page.context.clear_cookies()
        if role != "anonymous":
            sign_in(page, live_server, role)
        for lang in ("en", "fr"):
            for path in paths:
                response = page.goto(f"{live_server.url}/{lang}/{path}")
                assert response.status == 200, f"{role} {path}: {response.status}"
                overflow = page.evaluate(SIDEWAYS)
                assert overflow <= 0, f"{role} /{lang}/{path} scrolls {overflow} px sideways"
                wrapped = page.evaluate(PILLS_WRAPPED)
                assert not wrapped, f"{role} /{lang}/{path}: status pills wrap: {wrapped}"
                if width >= 1280:
                    cut = [px for px in page.evaluate(TABLES_CUT) if px > 0]
                    assert not cut, f"{role} /{lang}/{path}: a table is cut by {cut} px"
                assert_accessible(page)
