"""Program 4.3, its expected result, its official indicator and target, and its resources, as GC
InfoBase publishes them (../shared/data/infobase-program-4.3-*.csv, Open Government Licence – Canada),
plus the portal's own supplementary indicators. Idempotent: rows are matched on their codes."""

from decimal import Decimal

from django.db import migrations

PROGRAM = {
    "code": "LJZ00",
    "number": "4.3",
    "department_code": "CI",
    "name_en": "Canadian Influence in International Migration and Integration Agenda",
    "name_fr": "Influence du Canada sur les orientations internationales liées aux mouvements migratoires et à l'intégration",
    "description_en": "As part of its mandate, CIC aims to influence the international migration and integration policy agenda. This is done by developing and promoting, together with other public policy sectors, Canada's positions on international migration, integration and refugee protection issues through meetings with multilateral and bilateral partners, membership in international organizations, and participation in regional forums. CIC works closely with bilateral partners to ensure the effective management of migration and administration of immigration laws through an exchange of information, including biometric data. This international migration policy development helps Canada advance its interests with respect to international migration as well as meet its international obligations and commitments. CIC supports international engagement and partnerships through membership in and contributions to such organizations as the International Organization for Migration, Regional Conference on Migration, the UNHCR, the Five Country Conference, the Global Forum on Migration and Development, and the Intergovernmental Consultations on Migration, Asylum and Refugees. The program uses transfer payment funding for the following: Migration Policy Development Program (grants), and membership in the International Organization for Migration (annual assessed contributions) and the International Holocaust Remembrance Alliance (IHRA) (annual assessed contributions) formerly called the Task Force for International Cooperation on Holocaust Education, Remembrance and Research (ITF).",
    "description_fr": "Dans le cadre de son mandat, CIC cherche à exercer une influence sur les objectifs stratégiques internationaux en matière de mouvements migratoires et d'intégration. Pour ce faire, CIC élabore et promeut, de concert avec d'autres secteurs de la politique publique, les positions du Canada en ce qui a trait aux mouvements migratoires internationaux, à l'intégration et à la protection des réfugiés, par l'entremise de réunions avec des partenaires multilatéraux et bilatéraux, de l'adhésion à des organisations internationales et de la participation à des forums régionaux. CIC collabore étroitement avec des partenaires bilatéraux afin d'assurer l'efficacité de la gestion de la migration et de l'application des lois en matière d'immigration au moyen de l'échange de renseignements, notamment des données biométriques. L'élaboration de politiques en matière de mouvements migratoires internationaux aide le Canada à défendre ses intérêts sur le plan de la migration internationale et à respecter ses obligations et ses engagements à l'échelle internationale. CIC soutient la participation et les partenariats internationaux en adhérant et en offrant des contributions à des organisations comme l'Organisation internationale pour les migrations, la Conférence régionale sur la migration, le HCR, la Conférence des cinq nations, le Forum mondial sur les migrations et le développement et les Consultations intergouvernementales sur les politiques concernant le droit d'asile, les réfugiés et les migrations. Ce programme a recours au financement par paiement de transfert en ce qui touche le Programme d'élaboration des politiques en matière de migration (subventions), de même que l'adhésion à l'Organisation internationale pour les migrations (quote-parts annuelles) et à l'Alliance internationale pour la mémoire de l'Holocauste (AIMH) (quote-parts annuelles), anciennement appelée le Groupe d'action internationale pour la coopération sur l'éducation, la mémoire et la recherche sur l'Holocauste (GAI).",
    # CIC's Strategic Outcome 4 in the 2013-14 Program Alignment Architecture.
    "strategic_outcome_en": "Managed migration that promotes Canadian interests and protects the health, safety and security of Canadians",
    "strategic_outcome_fr": "Migration gérée qui favorise les intérêts canadiens et protège la santé, la sûreté et la sécurité des Canadiens",
}

OUTCOME = {
    "code": "NR050-0051-2017",
    "name_en": "Canadian positions on managed migration, integration, and international protection are advanced in international fora",
    "name_fr": "Les positions du Canada sur la gestion des migrations, l’intégration et la protection internationale sont formulées devant les tribunes internationales",
    "doc": "dp17",
}

SOURCE_EN = (
    "Engagement records logged by policy officers and approved by program managers in this portal"
)
SOURCE_FR = "Dossiers d'engagement consignés par les agents des politiques et approuvés par les gestionnaires de programme dans ce portail"

OFFICIAL = {
    "code": "NI050-0377-2017",
    "kind": "official",
    "position": 1,
    "name_en": "i) Percentage of decisions/reports from international meetings and fora identified as important that reflect the delivered CIC migration-related position",
    "name_fr": "i) Pourcentage de décisions/rapports issus de rencontres internationales considérées comme importantes qui cadrent avec la position relative aux migrations qu’a présentée CIC",
    "definition_en": "Of the decisions and reports adopted at international meetings and fora identified as important, at which Canada delivered a migration-related position, the share that reflect that position.",
    "definition_fr": "Parmi les décisions et rapports adoptés lors de rencontres et de tribunes internationales considérées comme importantes, où le Canada a présenté une position relative aux migrations, la proportion qui cadrent avec cette position.",
    "methodology_en": (
        "Unit: an outcome document (decision, conclusion, resolution, report or declaration) adopted at a meeting "
        "identified as important, held in the fiscal year (by the meeting's start date), at which Canada delivered "
        "at least one position recorded in an approved engagement and aimed at that document. "
        "Denominator: those documents for which every position aimed at them has an assessed outcome (reflected, "
        "partially reflected or not reflected); documents with a position still pending are not in the denominator "
        "and are reported separately as pending. "
        "Strict numerator (the official result): documents in the denominator where every delivered position is "
        "reflected. Lenient numerator (shown beside it): documents in the denominator where every delivered "
        "position is reflected or partially reflected. A document that takes up one Canadian position and rejects "
        'another does not reflect the delivered position, hence "every" rather than "at least one". '
        "Result = numerator ÷ denominator × 100, rounded to one decimal; not available when the denominator is zero. "
        "Engagements that are drafts, submitted but not yet approved, or returned are not counted, and neither are "
        "meetings not identified as important."
    ),
    "methodology_fr": (
        "Unité : un document final (décision, conclusion, résolution, rapport ou déclaration) adopté lors d'une "
        "rencontre considérée comme importante, tenue pendant l'exercice (selon sa date de début), où le Canada a "
        "présenté au moins une position consignée dans un engagement approuvé et visant ce document. "
        "Dénominateur : les documents dont chaque position qui les vise a un résultat évalué (reflétée, "
        "partiellement reflétée ou non reflétée); les documents dont une position est encore en attente ne font pas "
        "partie du dénominateur et sont présentés à part comme en attente. "
        "Numérateur strict (le résultat officiel) : les documents du dénominateur dont chaque position présentée "
        "est reflétée. Numérateur souple (présenté à côté) : les documents du dénominateur dont chaque position "
        "présentée est reflétée ou partiellement reflétée. Un document qui reprend une position canadienne et en "
        "rejette une autre ne cadre pas avec la position présentée, d'où « chaque » plutôt que « au moins une ». "
        "Résultat = numérateur ÷ dénominateur × 100, arrondi à une décimale; non disponible lorsque le "
        "dénominateur est nul. Les engagements à l'état de brouillon, soumis mais non encore approuvés ou renvoyés "
        "ne sont pas comptés, pas plus que les rencontres non considérées comme importantes."
    ),
    "data_source_en": SOURCE_EN,
    "data_source_fr": SOURCE_FR,
    "frequency_en": "Annual",
    "frequency_fr": "Annuelle",
    "target_type": "percent",
    "seeking_to": "increase",
    "measurement": "positions_reflected_in_outcome_documents",
}

SUPPLEMENTARY = [
    {
        "code": "P43-S1",
        "position": 1,
        "name_en": "Number of meetings identified as important with Canadian participation",
        "name_fr": "Nombre de rencontres considérées comme importantes auxquelles le Canada a participé",
        "definition_en": "Meetings identified as important, held in the fiscal year, at which Canada took part.",
        "definition_fr": "Rencontres considérées comme importantes, tenues pendant l'exercice, auxquelles le Canada a pris part.",
        "methodology_en": "Count of meetings identified as important whose start date falls in the fiscal year and that have at least one approved engagement. Not available when no meeting identified as important is recorded for the year.",
        "methodology_fr": "Nombre de rencontres considérées comme importantes dont la date de début tombe dans l'exercice et qui comptent au moins un engagement approuvé. Non disponible lorsqu'aucune rencontre considérée comme importante n'est consignée pour l'exercice.",
        "target_type": "num",
        "measurement": "important_meetings_with_participation",
    },
    {
        "code": "P43-S2",
        "position": 2,
        "name_en": "Number of leadership roles held (chair, co-chair, rapporteur, host)",
        "name_fr": "Nombre de rôles de direction assumés (présidence, coprésidence, rapporteur, hôte)",
        "definition_en": "Engagements in which Canada chaired, co-chaired, served as rapporteur or hosted.",
        "definition_fr": "Engagements où le Canada a assumé la présidence ou la coprésidence, le rôle de rapporteur ou celui d'hôte.",
        "methodology_en": "Count of approved engagements of the fiscal year (by the engagement's start date) whose leadership role is chair, co-chair, rapporteur or host; vice-chair is not counted. Not available when no engagement of the year is approved.",
        "methodology_fr": "Nombre d'engagements approuvés de l'exercice (selon leur date de début) dont le rôle de direction est la présidence, la coprésidence, le rôle de rapporteur ou celui d'hôte; la vice-présidence n'est pas comptée. Non disponible lorsqu'aucun engagement de l'exercice n'est approuvé.",
        "target_type": "num",
        "measurement": "leadership_roles_held",
    },
    {
        "code": "P43-S3",
        "position": 3,
        "name_en": "Percentage of delivered positions reflected in outcome documents",
        "name_fr": "Pourcentage des positions présentées qui sont reflétées dans les documents finaux",
        "definition_en": "Of the positions Canada delivered whose outcome is known, the share that were reflected.",
        "definition_fr": "Parmi les positions présentées par le Canada dont le résultat est connu, la proportion qui ont été reflétées.",
        "methodology_en": "Positions of approved engagements of the fiscal year (by the engagement's start date). Denominator: positions whose outcome is reflected, partially reflected or not reflected (pending positions are reported separately). Strict numerator: reflected; lenient numerator: reflected or partially reflected. Not available when the denominator is zero.",
        "methodology_fr": "Positions des engagements approuvés de l'exercice (selon leur date de début). Dénominateur : positions dont le résultat est reflétée, partiellement reflétée ou non reflétée (les positions en attente sont présentées à part). Numérateur strict : reflétées; numérateur souple : reflétées ou partiellement reflétées. Non disponible lorsque le dénominateur est nul.",
        "target_type": "percent",
        "measurement": "delivered_positions_reflected",
    },
    {
        "code": "P43-S4",
        "position": 4,
        "name_en": "Percentage of transfer-payment authorities spent",
        "name_fr": "Pourcentage des autorisations de paiements de transfert dépensées",
        "definition_en": "Actual transfer-payment spending as a share of the amounts authorized under the program's agreements.",
        "definition_fr": "Dépenses réelles de paiements de transfert en proportion des montants autorisés au titre des accords du programme.",
        "methodology_en": "Sum of actual amounts ÷ sum of authorized amounts × 100, over the fiscal-year amounts of agreements that are not drafts and whose actual spending is known. Not available when nothing is authorized.",
        "methodology_fr": "Somme des montants réels ÷ somme des montants autorisés × 100, pour les montants de l'exercice des accords qui ne sont pas à l'état de brouillon et dont les dépenses réelles sont connues. Non disponible lorsque rien n'est autorisé.",
        "target_type": "percent",
        "measurement": "transfer_payment_authorities_spent",
        "data_source_en": "Contribution agreements and their fiscal-year amounts in this portal",
        "data_source_fr": "Accords de contribution et leurs montants par exercice dans ce portail",
    },
    {
        "code": "P43-S5",
        "position": 5,
        "name_en": "Number of partner organizations engaged",
        "name_fr": "Nombre d'organisations partenaires mobilisées",
        "definition_en": "Distinct partner organizations with which Canada worked in the fiscal year.",
        "definition_fr": "Organisations partenaires distinctes avec lesquelles le Canada a collaboré pendant l'exercice.",
        "methodology_en": "Count of distinct organizations named as partners in approved engagements of the fiscal year (by the engagement's start date). Not available when no engagement of the year is approved.",
        "methodology_fr": "Nombre d'organisations distinctes nommées comme partenaires dans les engagements approuvés de l'exercice (selon leur date de début). Non disponible lorsqu'aucun engagement de l'exercice n'est approuvé.",
        "target_type": "num",
        "measurement": "partner_organizations_engaged",
    },
]

TARGET = {
    "fiscal_year": 2017,
    "target_type": "percent",
    "target_min": Decimal("90.00"),
    "target_max": Decimal("90.00"),
    "target_year": 2018,
    "target_month": 3,
    "doc": "dp17",
}

# fiscal year: (planned spending, authorities, actual spending, planned FTEs, actual FTEs)
RESOURCES = {
    2012: (None, 3288645, 3282924, None, 12),
    2013: (None, 5617939, 5616646, None, 23),
    2014: (None, 5898735, 5896698, None, 29),
    2015: (None, 6633273, 6480611, None, 33),
    2016: (Decimal("5908956.00"), 6829759, 6749459, 34, 33),
    2017: (Decimal("6113693.00"), None, None, 36, None),
    2018: (Decimal("6001030.00"), None, None, 35, None),
    2019: (Decimal("5979065.00"), None, None, 35, None),
}


def _decimal(value):
    return None if value is None else Decimal(value)


def load(apps, schema_editor):
    Program = apps.get_model("indicators", "Program")
    Outcome = apps.get_model("indicators", "Outcome")
    Indicator = apps.get_model("indicators", "Indicator")
    Target = apps.get_model("indicators", "Target")
    ProgramResource = apps.get_model("indicators", "ProgramResource")

    program, _ = Program.objects.update_or_create(code=PROGRAM["code"], defaults=PROGRAM)
    outcome, _ = Outcome.objects.update_or_create(
        code=OUTCOME["code"], defaults={**OUTCOME, "program": program}
    )
    official, _ = Indicator.objects.update_or_create(
        code=OFFICIAL["code"], defaults={**OFFICIAL, "outcome": outcome}
    )
    Target.objects.update_or_create(
        indicator=official, fiscal_year=TARGET["fiscal_year"], defaults=TARGET
    )
    for row in SUPPLEMENTARY:
        values = {
            "data_source_en": SOURCE_EN,
            "data_source_fr": SOURCE_FR,
            "frequency_en": "Annual",
            "frequency_fr": "Annuelle",
            "seeking_to": "increase",
            **row,
            "kind": "supplementary",
            "outcome": outcome,
        }
        Indicator.objects.update_or_create(code=row["code"], defaults=values)
    for year, (planned, authorities, actual, planned_ftes, actual_ftes) in RESOURCES.items():
        ProgramResource.objects.update_or_create(
            program=program,
            fiscal_year=year,
            defaults={
                "planned_spending": _decimal(planned),
                "authorities": _decimal(authorities),
                "actual_spending": _decimal(actual),
                "planned_ftes": _decimal(planned_ftes),
                "actual_ftes": _decimal(actual_ftes),
                "source": "GC InfoBase",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
