"""The real forums where Canada advances its positions, and real meetings with their outcomes.

Idempotent: forums are keyed on (kind, English acronym), meetings on (forum, start date, English
name), outcome documents on (meeting, English title); running it again updates them in place. The
reverse removes exactly these rows (outcome documents, then meetings, then forums, children first).

Only facts checked against the bodies' own records are loaded (see the sources beside each meeting).
Meetings whose exact dates could not be confirmed (e.g. the February 2013 WGR meeting in Geneva under
Canada's chairmanship, or the June 2013 RCM vice-ministerial meeting in San José) are left for
administrators to enter rather than guessed.
"""

import datetime

from django.db import migrations

UN_GOVERNING_BODY = "un_governing_body"
INTERGOVERNMENTAL = "intergovernmental"
REGIONAL_PROCESS = "regional_process"
GLOBAL_FORUM = "global_forum"
INTERREGIONAL = "interregional"

MULTILATERAL = "multilateral"
REGIONAL = "regional"

# key, kind, scope, acronym_en, acronym_fr, name_en, name_fr, parent key, year established,
# secretariat (partners.Organization kind and English acronym)
FORUMS = [
    (
        "unga",
        UN_GOVERNING_BODY,
        MULTILATERAL,
        "UNGA",
        "AGNU",
        "United Nations General Assembly",
        "Assemblée générale des Nations Unies",
        None,
        1945,
        None,
    ),
    (
        "hld",
        UN_GOVERNING_BODY,
        MULTILATERAL,
        "HLD",
        "DHN",
        "High-level Dialogue on International Migration and Development",
        "Dialogue de haut niveau sur les migrations internationales et le développement",
        "unga",
        2006,
        ("international", "UN DESA"),
    ),
    (
        "excom",
        UN_GOVERNING_BODY,
        MULTILATERAL,
        "ExCom",
        "ExCom",
        "Executive Committee of the High Commissioner's Programme",
        "Comité exécutif du Programme du Haut Commissaire",
        None,
        1958,
        ("international", "UNHCR"),
    ),
    (
        "excom-sc",
        UN_GOVERNING_BODY,
        MULTILATERAL,
        "ExCom SC",
        "ExCom CP",
        "Standing Committee of the Executive Committee of the High Commissioner's Programme",
        "Comité permanent du Comité exécutif du Programme du Haut Commissaire",
        "excom",
        1995,
        ("international", "UNHCR"),
    ),
    (
        "atcr",
        GLOBAL_FORUM,
        MULTILATERAL,
        "ATCR",
        "CATR",
        "Annual Tripartite Consultations on Resettlement",
        "Consultations annuelles tripartites sur la réinstallation",
        None,
        1995,
        ("international", "UNHCR"),
    ),
    (
        "wgr",
        GLOBAL_FORUM,
        MULTILATERAL,
        "WGR",
        "GTR",
        "Working Group on Resettlement",
        "Groupe de travail sur la réinstallation",
        "atcr",
        1995,
        ("international", "UNHCR"),
    ),
    (
        "iom",
        INTERGOVERNMENTAL,
        MULTILATERAL,
        "IOM",
        "OIM",
        "International Organization for Migration",
        "Organisation internationale pour les migrations",
        None,
        1951,
        ("international", "IOM"),
    ),
    (
        "iom-council",
        INTERGOVERNMENTAL,
        MULTILATERAL,
        "IOM Council",
        "Conseil de l'OIM",
        "Council of the International Organization for Migration",
        "Conseil de l'Organisation internationale pour les migrations",
        "iom",
        None,
        ("international", "IOM"),
    ),
    (
        "scpf",
        INTERGOVERNMENTAL,
        MULTILATERAL,
        "SCPF",
        "CPPF",
        "Standing Committee on Programmes and Finance",
        "Comité permanent des programmes et des finances",
        "iom",
        None,
        ("international", "IOM"),
    ),
    (
        "igc",
        INTERREGIONAL,
        MULTILATERAL,
        "IGC",
        "CIG",
        "Intergovernmental Consultations on Migration, Asylum and Refugees",
        "Consultations intergouvernementales sur les politiques d'asile, de réfugiés et de migration",
        None,
        1985,
        ("international", "IGC Secretariat"),
    ),
    (
        "gfmd",
        GLOBAL_FORUM,
        MULTILATERAL,
        "GFMD",
        "FMMD",
        "Global Forum on Migration and Development",
        "Forum mondial sur la migration et le développement",
        None,
        2007,
        ("international", "GFMD Support Unit"),
    ),
    (
        "rcm",
        REGIONAL_PROCESS,
        REGIONAL,
        "RCM",
        "CRM",
        "Regional Conference on Migration (Puebla Process)",
        "Conférence régionale sur les migrations (Processus de Puebla)",
        None,
        1996,
        ("international", "RCM Technical Secretariat"),
    ),
    (
        "fcc",
        INTERREGIONAL,
        MULTILATERAL,
        "FCC",
        "C5N",
        "Five Country Conference",
        "Conférence des cinq nations",
        None,
        None,
        None,
    ),
]

CONCLUSION = "conclusion"
REPORT = "report"
DECLARATION = "declaration"


def day(text):
    return datetime.date.fromisoformat(text)


# forum key, name_en, name_fr, start, end, city, country, chair, important,
# outcome documents: (kind, title_en, title_fr, reference, adopted_on)
MEETINGS = [
    # UNHCR ExCom annual plenary: the 2013 session adopted Conclusion No. 111 (LXIV) on civil
    # registration, proposed by Mexico and negotiated in the Standing Committee.
    (
        "excom",
        "Sixty-fourth session of the Executive Committee",
        "Soixante-quatrième session du Comité exécutif",
        "2013-09-30",
        "2013-10-04",
        "Geneva",
        "CH",
        "",
        True,
        [
            (
                CONCLUSION,
                "Conclusion on civil registration",
                "",
                "Conclusion No. 111 (LXIV) – 2013",
                None,
            ),
        ],
    ),
    (
        "excom-sc",
        "Standing Committee meeting, June 2013",
        "Réunion du Comité permanent, juin 2013",
        "2013-06-25",
        "2013-06-27",
        "Geneva",
        "CH",
        "",
        False,
        [],
    ),
    # Canada chaired the ATCR and the WGR for the 2012-2013 cycle (CIC's Director of Resettlement
    # in the chair, the Canadian NGO focal point beside her); Denmark chaired the next cycle.
    (
        "atcr",
        "Annual Tripartite Consultations on Resettlement 2013",
        "Consultations annuelles tripartites sur la réinstallation 2013",
        "2013-07-01",
        "2013-07-03",
        "Geneva",
        "CH",
        "Canada",
        True,
        [],
    ),
    (
        "wgr",
        "Working Group on Resettlement, February 2014",
        "Groupe de travail sur la réinstallation, février 2014",
        "2014-02-03",
        "2014-02-04",
        "Copenhagen",
        "DK",
        "Denmark",
        False,
        [],
    ),
    (
        "atcr",
        "Annual Tripartite Consultations on Resettlement 2014",
        "Consultations annuelles tripartites sur la réinstallation 2014",
        "2014-06-24",
        "2014-06-26",
        "Geneva",
        "CH",
        "Denmark",
        True,
        [],
    ),
    # Second High-level Dialogue of the General Assembly: the Declaration, A/RES/68/4, was adopted
    # by consensus on its first day.
    (
        "hld",
        "Second High-level Dialogue on International Migration and Development",
        "Deuxième Dialogue de haut niveau sur les migrations internationales et le développement",
        "2013-10-03",
        "2013-10-04",
        "New York",
        "US",
        "President of the General Assembly",
        True,
        [
            (
                DECLARATION,
                "Declaration of the High-level Dialogue on International Migration and Development",
                "Déclaration du Dialogue de haut niveau sur les migrations internationales et le "
                "développement",
                "A/RES/68/4",
                "2013-10-03",
            ),
        ],
    ),
    # GFMD summit meetings (government days): Mauritius 2012, Sweden's 18-month chairmanship
    # (January 2013 – June 2014) ending with the Stockholm summit.
    (
        "gfmd",
        "Sixth GFMD Summit Meeting (Mauritius 2012)",
        "Sixième réunion au sommet du FMMD (Maurice 2012)",
        "2012-11-21",
        "2012-11-22",
        "Pailles",
        "MU",
        "Mauritius",
        True,
        [],
    ),
    (
        "gfmd",
        "Seventh GFMD Summit Meeting (Stockholm 2014)",
        "Septième réunion au sommet du FMMD (Stockholm 2014)",
        "2014-05-14",
        "2014-05-16",
        "Stockholm",
        "SE",
        "Sweden",
        True,
        [],
    ),
    # IOM Council regular sessions; each report is approved by the Council's next regular session.
    (
        "iom-council",
        "103rd Session of the IOM Council",
        "103e session du Conseil de l'OIM",
        "2013-11-26",
        "2013-11-29",
        "Geneva",
        "CH",
        "",
        True,
        [
            (
                REPORT,
                "Report on the 103rd Session of the Council",
                "",
                "MC/2398",
                "2014-11-25",
            ),
        ],
    ),
    (
        "iom-council",
        "106th Session of the IOM Council",
        "106e session du Conseil de l'OIM",
        "2015-11-24",
        "2015-11-27",
        "Geneva",
        "CH",
        "",
        True,
        [
            (
                REPORT,
                "Report on the 106th Session of the Council",
                "",
                "C/106/54/Rev.1",
                "2016-12-05",
            ),
        ],
    ),
    (
        "iom-council",
        "108th Session of the IOM Council",
        "108e session du Conseil de l'OIM",
        "2017-11-28",
        "2017-12-01",
        "Geneva",
        "CH",
        "",
        True,
        [
            (
                REPORT,
                "Report on the 108th Session of the Council",
                "",
                "C/108/23",
                "2018-11-27",
            ),
        ],
    ),
    # RCM vice-ministerial meeting under Honduras' presidency pro tempore.
    (
        "rcm",
        "XXI Regional Conference on Migration, Vice-Ministerial Meeting",
        "XXIe Conférence régionale sur les migrations, réunion vice-ministérielle",
        "2016-11-17",
        "2016-11-18",
        "Omoa / San Pedro Sula",
        "HN",
        "Honduras",
        True,
        [
            (
                DECLARATION,
                "Declaration of the XXI Regional Conference on Migration: "
                "Migration, a Shared Responsibility",
                "",
                "",
                "2016-11-18",
            ),
        ],
    ),
]


LEGACY_REASON = (
    "Identified as important before the portal recorded importance decisions: the date of the "
    "decision is not known, so the meeting is flagged as identified after it began."
)


def load_forums(apps, schema_editor):
    Forum = apps.get_model("forums", "Forum")
    Meeting = apps.get_model("forums", "Meeting")
    OutcomeDocument = apps.get_model("forums", "OutcomeDocument")
    Organization = apps.get_model("partners", "Organization")

    forums = {}
    for key, kind, scope, acr_en, acr_fr, name_en, name_fr, parent, year, secretariat in FORUMS:
        secretariat_org = (
            Organization.objects.filter(kind=secretariat[0], acronym_en=secretariat[1]).first()
            if secretariat
            else None
        )
        forums[key], _created = Forum.objects.update_or_create(
            kind=kind,
            acronym_en=acr_en,
            defaults={
                "acronym_fr": acr_fr,
                "name_en": name_en,
                "name_fr": name_fr,
                "scope": scope,
                "parent": forums[parent] if parent else None,
                "year_established": year,
                "secretariat": secretariat_org,
                "is_active": True,
            },
        )

    # forums 0004 adds the manager's importance decision; the tests load this data again with the
    # current models, where the database requires the decision behind `is_important`
    decided = any(field.name == "importance" for field in Meeting._meta.get_fields())
    for forum_key, name_en, name_fr, start, end, city, country, chair, important, docs in MEETINGS:
        decision = (
            {
                "importance": "important" if important else "none",
                "importance_decided_on": day(start) if important else None,
                "importance_reason": LEGACY_REASON if important else "",
            }
            if decided
            else {}
        )
        meeting, _created = Meeting.objects.update_or_create(
            forum=forums[forum_key],
            name_en=name_en,
            start_date=day(start),
            defaults={
                "name_fr": name_fr,
                "end_date": day(end),
                "city": city,
                "country": country,
                "chair": chair,
                "is_important": important,
                **decision,
            },
        )
        for kind, title_en, title_fr, reference, adopted_on in docs:
            OutcomeDocument.objects.update_or_create(
                meeting=meeting,
                title_en=title_en,
                defaults={
                    "kind": kind,
                    "title_fr": title_fr,
                    "reference": reference,
                    "adopted_on": day(adopted_on) if adopted_on else None,
                },
            )


def remove_forums(apps, schema_editor):
    Forum = apps.get_model("forums", "Forum")
    Meeting = apps.get_model("forums", "Meeting")
    OutcomeDocument = apps.get_model("forums", "OutcomeDocument")
    keys = {row[0]: (row[1], row[3]) for row in FORUMS}
    for forum_key, name_en, _fr, start, *_rest in MEETINGS:
        kind, acronym = keys[forum_key]
        meetings = Meeting.objects.filter(
            forum__kind=kind, forum__acronym_en=acronym, name_en=name_en, start_date=day(start)
        )
        OutcomeDocument.objects.filter(meeting__in=meetings).delete()
        meetings.delete()
    # Children before parents (PROTECT). A forum that has gained other meetings or sub-forums since
    # is kept: removing it would lose records this migration did not create.
    for _key, kind, _scope, acronym, *_rest in reversed(FORUMS):
        Forum.objects.filter(
            kind=kind, acronym_en=acronym, meetings__isnull=True, children__isnull=True
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_initial"),
        ("partners", "0003_reference_organizations"),
    ]

    operations = [
        migrations.RunPython(load_forums, remove_forums),
    ]
