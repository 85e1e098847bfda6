"""International events of the years the portal covers, each with its source, in both languages.

Loaded only what a public page of UNHCR or of the Government of Canada documents (the source of
each is named with its address). No figure of people displaced is loaded: where a page gives a
count of arrivals or of refugees resettled in Canada, it is not a count of people displaced, and
the portal keeps a figure only with its own date and source, so officers enter figures as they
read them. No assessment is loaded either: assessing the effect on Canada's programs is the
officers' work, recorded with who made it. Nobody follows these events yet and no review is set.

Sources:
- UNHCR Operational Data Portal, Syria Regional Refugee Response:
  https://data.unhcr.org/en/situations/syria
- CIC backgrounder, "Typhoon Haiyan: Frequently asked questions", 22 November 2013:
  http://www.cic.gc.ca/english/department/media/backgrounders/2013/2013-11-22.asp
- CIC notice, "CIC's Response to Ebola", 29 May 2015 (Ministerial Instructions of 31 October 2014):
  http://www.cic.gc.ca/english/department/media/notices/2015-05-29.asp
- UNHCR Operational Data Portal, Mediterranean Situation:
  https://data.unhcr.org/en/situations/mediterranean
- UNHCR Operational Data Portal, Rohingya Refugee Response in Bangladesh:
  https://data.unhcr.org/en/situations/myanmar_refugees

Idempotent: keyed on the English title, updated in place.
"""

import datetime

from django.db import migrations

EVENTS = [
    {
        "title_en": "Conflict in Syria",
        "title_fr": "Conflit en Syrie",
        "kind": "armed_conflict",
        "countries": "SY,LB,JO,TR,IQ,EG",
        "region": "mena",
        "start_date": datetime.date(2011, 3, 15),
        "end_date": None,
        "status": "active",
        "summary_en": (
            "Armed conflict in Syria since March 2011. Syrians have fled in millions to Lebanon, "
            "Jordan, Turkey, Iraq and Egypt, where UNHCR coordinates the regional refugee "
            "response. Canada resettled 25,000 Syrian refugees between November 2015 and the end "
            "of February 2016 (#WelcomeRefugees), working with UNHCR and IOM."
        ),
        "summary_fr": (
            "Conflit armé en Syrie depuis mars 2011. Des millions de Syriens ont fui vers le "
            "Liban, la Jordanie, la Turquie, l’Iraq et l’Égypte, où le HCR coordonne la réponse "
            "régionale aux réfugiés. Le Canada a réinstallé 25 000 réfugiés syriens entre "
            "novembre 2015 et la fin de février 2016 (#BienvenueAuxRéfugiés), avec le HCR et "
            "l’OIM."
        ),
        "source_name_en": "UNHCR Operational Data Portal — Syria Regional Refugee Response",
        "source_name_fr": (
            "Portail de données opérationnelles du HCR — Réponse régionale aux réfugiés syriens"
        ),
        "source_url": "https://data.unhcr.org/en/situations/syria",
    },
    {
        "title_en": "Typhoon Haiyan (Yolanda) in the Philippines",
        "title_fr": "Typhon Haiyan (Yolanda) aux Philippines",
        "kind": "natural_disaster",
        "countries": "PH",
        "region": "asia_pacific",
        "start_date": datetime.date(2013, 11, 8),
        "end_date": None,
        "status": "closed",
        "summary_en": (
            "Typhoon Haiyan struck the central Philippines in November 2013. CIC gave priority "
            "processing, on request, to applicants from the affected areas who were significantly "
            "affected, family members of Canadians and permanent residents first, and assessed "
            "the extension applications of temporary residents of Filipino origin in Canada."
        ),
        "summary_fr": (
            "Le typhon Haiyan a frappé le centre des Philippines en novembre 2013. CIC a traité en "
            "priorité, sur demande, les demandes des personnes des régions touchées qui étaient "
            "gravement touchées, d’abord les membres de la famille de Canadiens et de résidents "
            "permanents, et a évalué les demandes de prolongation des résidents temporaires "
            "d’origine philippine au Canada."
        ),
        "source_name_en": (
            "Citizenship and Immigration Canada, backgrounder “Typhoon Haiyan: Frequently asked "
            "questions”, 22 November 2013"
        ),
        "source_name_fr": (
            "Citoyenneté et Immigration Canada, document d’information « Typhon Haiyan : foire aux "
            "questions », 22 novembre 2013"
        ),
        "source_url": "http://www.cic.gc.ca/english/department/media/backgrounders/2013/2013-11-22.asp",
    },
    {
        "title_en": "Ebola virus disease epidemic in West Africa",
        "title_fr": "Épidémie de maladie à virus Ebola en Afrique de l’Ouest",
        "kind": "epidemic",
        "countries": "GN,LR,SL",
        "region": "africa",
        "start_date": datetime.date(2014, 3, 23),
        "end_date": None,
        "status": "closed",
        "summary_en": (
            "The largest Ebola epidemic on record, in Guinea, Liberia and Sierra Leone. "
            "Ministerial Instructions published on 31 October 2014 affected the travel of people "
            "who had resided in, travelled to or transited through the countries the WHO "
            "identified as having widespread and persistent/intense transmission; CIC resumed "
            "processing temporary and permanent resident applications from Liberia on "
            "29 May 2015."
        ),
        "summary_fr": (
            "La plus grande épidémie d’Ebola jamais observée, en Guinée, au Libéria et en "
            "Sierra Leone. Des instructions ministérielles publiées le 31 octobre 2014 ont visé "
            "les déplacements des personnes ayant résidé dans les pays où l’OMS constatait une "
            "transmission généralisée et persistante ou intense, s’y étant rendues ou y ayant "
            "transité ; CIC a repris le traitement des demandes de résidence temporaire et "
            "permanente du Libéria le 29 mai 2015."
        ),
        "source_name_en": "Citizenship and Immigration Canada, notice “CIC’s Response to Ebola”, 29 May 2015",
        "source_name_fr": (
            "Citoyenneté et Immigration Canada, avis « La réponse de CIC à l’Ebola », 29 mai 2015"
        ),
        "source_url": "http://www.cic.gc.ca/english/department/media/notices/2015-05-29.asp",
    },
    {
        "title_en": "Refugee and migrant crossings of the Mediterranean, 2015",
        "title_fr": "Traversées de la Méditerranée par des réfugiés et des migrants, 2015",
        "kind": "other",
        "countries": "GR,IT,TR,LY,SY,AF,IQ",
        "region": "europe",
        "start_date": datetime.date(2015, 1, 1),
        "end_date": datetime.date(2015, 12, 31),
        "status": "closed",
        "summary_en": (
            "In 2015 more than a million refugees and migrants crossed the Mediterranean to "
            "Europe, most of them to Greece and Italy; about half were Syrians fleeing the "
            "conflict, many of the others Afghans and Iraqis."
        ),
        "summary_fr": (
            "En 2015, plus d’un million de réfugiés et de migrants ont traversé la Méditerranée "
            "vers l’Europe, la plupart vers la Grèce et l’Italie ; environ la moitié étaient des "
            "Syriens fuyant le conflit, beaucoup des autres des Afghans et des Iraquiens."
        ),
        "source_name_en": "UNHCR Operational Data Portal — Mediterranean Situation",
        "source_name_fr": "Portail de données opérationnelles du HCR — Situation en Méditerranée",
        "source_url": "https://data.unhcr.org/en/situations/mediterranean",
    },
    {
        "title_en": "Rohingya refugee exodus from Myanmar to Bangladesh",
        "title_fr": "Exode des réfugiés rohingyas du Myanmar vers le Bangladesh",
        "kind": "other",
        "countries": "MM,BD",
        "region": "asia_pacific",
        "start_date": datetime.date(2017, 8, 25),
        "end_date": None,
        "status": "active",
        "summary_en": (
            "From 25 August 2017, violence in Rakhine State, Myanmar, drove hundreds of thousands "
            "of Rohingya across the border to Cox’s Bazar, Bangladesh, where UNHCR leads the "
            "refugee response with the Government of Bangladesh."
        ),
        "summary_fr": (
            "À compter du 25 août 2017, la violence dans l’État rakhine, au Myanmar, a poussé des "
            "centaines de milliers de Rohingyas à franchir la frontière vers Cox’s Bazar, au "
            "Bangladesh, où le HCR dirige la réponse aux réfugiés avec le gouvernement du "
            "Bangladesh."
        ),
        "source_name_en": "UNHCR Operational Data Portal — Rohingya Refugee Response in Bangladesh",
        "source_name_fr": (
            "Portail de données opérationnelles du HCR — Réponse aux réfugiés rohingyas au "
            "Bangladesh"
        ),
        "source_url": "https://data.unhcr.org/en/situations/myanmar_refugees",
    },
]


def load(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for values in EVENTS:
        values = dict(values)
        Event.objects.update_or_create(title_en=values.pop("title_en"), defaults=values)


def unload(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(title_en__in=[e["title_en"] for e in EVENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
