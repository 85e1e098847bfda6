"""What the data migrations load: the real forums, meetings and outcome documents."""

import datetime

import pytest
from django.utils import translation

from forums.models import Forum, Meeting, OutcomeDocument
from tests.forums.reference import forums_data, load_reference_data, remove_reference_data

pytestmark = pytest.mark.django_db


def forum(acronym):
    return Forum.objects.select_related("parent", "secretariat").get(acronym_en=acronym)


def test_every_real_forum_is_loaded_with_both_names():
    loaded = Forum.objects.filter(acronym_en__in=[row[3] for row in forums_data.FORUMS])
    assert loaded.count() == len(forums_data.FORUMS) == 13
    for item in loaded:
        assert item.name_en and item.name_fr and item.acronym_fr
        assert item.name_fr != item.name_en


@pytest.mark.parametrize(
    ("acronym", "french_name"),
    [
        ("ExCom", "Comité exécutif du Programme du Haut Commissaire"),
        (
            "IGC",
            "Consultations intergouvernementales sur les politiques d’asile, de réfugiés et de "
            "migration",
        ),
        ("GFMD", "Forum mondial sur la migration et le développement"),
        ("RCM", "Conférence régionale sur les migrations (Processus de Puebla)"),
        ("WGR", "Groupe de travail sur la réinstallation"),
        ("SCPF", "Comité permanent des programmes et des finances"),
    ],
)
def test_official_french_names(acronym, french_name):
    assert forum(acronym).name_fr == french_name


@pytest.mark.parametrize(
    ("acronym", "year", "kind", "scope"),
    [
        ("ExCom", 1958, Forum.Kind.UN_GOVERNING_BODY, Forum.Scope.MULTILATERAL),
        ("IOM", 1951, Forum.Kind.INTERGOVERNMENTAL, Forum.Scope.MULTILATERAL),
        ("IGC", 1985, Forum.Kind.INTERREGIONAL, Forum.Scope.MULTILATERAL),
        ("GFMD", 2007, Forum.Kind.GLOBAL_FORUM, Forum.Scope.MULTILATERAL),
        ("RCM", 1996, Forum.Kind.REGIONAL_PROCESS, Forum.Scope.REGIONAL),
        ("ATCR", 1995, Forum.Kind.GLOBAL_FORUM, Forum.Scope.MULTILATERAL),
    ],
)
def test_year_kind_and_scope(acronym, year, kind, scope):
    item = forum(acronym)
    assert (item.year_established, item.kind, item.scope) == (year, kind, scope)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("ExCom SC", "ExCom"),
        ("WGR", "ATCR"),
        ("IOM Council", "IOM"),
        ("SCPF", "IOM"),
        ("HLD", "UNGA"),
    ],
)
def test_parent_and_child_forums(child, parent):
    assert forum(child).parent == forum(parent)
    assert forum(child) in forum(parent).children.all()


@pytest.mark.parametrize(
    ("acronym", "secretariat"),
    [
        ("ExCom", "UNHCR"),
        ("ATCR", "UNHCR"),
        ("IOM Council", "IOM"),
        ("IGC", "IGC Secretariat"),
        ("GFMD", "GFMD Support Unit"),
        ("RCM", "RCM Technical Secretariat"),
        ("HLD", "UN DESA"),
    ],
)
def test_secretariats_are_the_real_organizations(acronym, secretariat):
    assert forum(acronym).secretariat.acronym_en == secretariat


def test_atcr_2013_was_chaired_by_canada_in_geneva():
    meeting = Meeting.objects.get(forum=forum("ATCR"), start_date__year=2013)
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2013, 7, 1),
        datetime.date(2013, 7, 3),
    )
    assert (meeting.city, meeting.country.code, meeting.chair) == ("Geneva", "CH", "Canada")
    assert meeting.is_important
    assert meeting.year.label_en == "2013-14"


def test_the_resettlement_chair_passed_to_denmark_in_2014():
    wgr = Meeting.objects.get(forum=forum("WGR"))
    assert (wgr.start_date, wgr.end_date, wgr.city, wgr.chair) == (
        datetime.date(2014, 2, 3),
        datetime.date(2014, 2, 4),
        "Copenhagen",
        "Denmark",
    )
    atcr = Meeting.objects.get(forum=forum("ATCR"), start_date__year=2014)
    assert atcr.chair == "Denmark"


def test_gfmd_stockholm_summit_14_to_16_may_2014():
    meeting = Meeting.objects.get(forum=forum("GFMD"), city="Stockholm")
    assert (meeting.start_date, meeting.end_date) == (
        datetime.date(2014, 5, 14),
        datetime.date(2014, 5, 16),
    )
    assert meeting.chair == "Sweden"
    assert meeting.year.label_en == "2014-15"


def test_excom_64th_session_and_its_conclusion():
    meeting = Meeting.objects.get(forum=forum("ExCom"), start_date=datetime.date(2013, 9, 30))
    assert meeting.end_date == datetime.date(2013, 10, 4)
    assert meeting.name_fr == "Soixante-quatrième session du Comité exécutif"
    (conclusion,) = meeting.outcome_documents.all()
    assert conclusion.kind == OutcomeDocument.Kind.CONCLUSION
    assert conclusion.title_en == "Conclusion on civil registration"
    assert "111 (LXIV)" in conclusion.reference


def test_high_level_dialogue_declaration_a_res_68_4():
    document = OutcomeDocument.objects.get(reference="A/RES/68/4")
    assert document.meeting.forum == forum("HLD")
    assert document.adopted_on == datetime.date(2013, 10, 3)
    assert document.title_fr.startswith("Déclaration du Dialogue de haut niveau")
    with translation.override("fr"):
        assert document.title == document.title_fr


def test_iom_council_reports_are_approved_by_the_next_session():
    for document in OutcomeDocument.objects.filter(meeting__forum=forum("IOM Council")):
        assert document.kind == OutcomeDocument.Kind.REPORT
        assert document.adopted_on > document.meeting.end_date
    assert OutcomeDocument.objects.get(reference="MC/2398").meeting.start_date == (
        datetime.date(2013, 11, 26)
    )


def test_meetings_are_consistent():
    meetings = Meeting.objects.filter(forum__acronym_en__in=[r[3] for r in forums_data.FORUMS])
    assert meetings.count() == len(forums_data.MEETINGS) == 12
    for meeting in meetings:
        assert meeting.start_date <= meeting.end_date
        assert meeting.name_fr and meeting.country
    assert meetings.filter(is_important=True).count() == 10


def test_loading_again_changes_nothing():
    counts = (Forum.objects.count(), Meeting.objects.count(), OutcomeDocument.objects.count())
    load_reference_data()
    load_reference_data()
    assert (
        Forum.objects.count(),
        Meeting.objects.count(),
        OutcomeDocument.objects.count(),
    ) == counts


def test_reverse_removes_exactly_the_reference_rows_and_loads_again():
    from tests.forums.factories import ForumFactory, MeetingFactory

    other = MeetingFactory(forum=ForumFactory(acronym_en="LOCAL"))
    remove_reference_data()
    assert list(Forum.objects.all()) == [other.forum]
    assert list(Meeting.objects.all()) == [other]
    load_reference_data()
    assert Forum.objects.count() == 14
    assert forum("WGR").parent == forum("ATCR")


def test_reverse_keeps_a_reference_forum_that_gained_other_meetings():
    from tests.forums.factories import MeetingFactory

    MeetingFactory(forum=forum("IGC"), name_en="IGC full round")
    remove_reference_data()
    assert list(Forum.objects.values_list("acronym_en", flat=True)) == ["IGC"]
