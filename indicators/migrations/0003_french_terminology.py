"""The portal's own French texts for the indicators use the portal's terms: « activité » for an
engagement record, « réunion » for a meeting, « forum », « ébauche » for a draft. The official names
from GC InfoBase (the indicator's and the expected result's) stay verbatim."""

from django.db import migrations

OFFICIAL_INDICATOR = "NI050-0377-2017"
CODES = [OFFICIAL_INDICATOR, "P43-S1", "P43-S2", "P43-S3", "P43-S4", "P43-S5"]
FIELDS = ["name_fr", "definition_fr", "methodology_fr", "data_source_fr"]

# Longest first: each phrase is replaced whole, so genders and agreements stay right.
REPLACEMENTS = [
    (
        "Dossiers d'engagement consignés par les agents des politiques et approuvés",
        "Fiches d’activité consignées par les agents des politiques et approuvées",
    ),
    (
        "rencontres et de tribunes internationales considérées comme importantes",
        "réunions et de forums internationaux considérés comme importants",
    ),
    (
        "Les engagements à l'état de brouillon, soumis mais non encore approuvés ou renvoyés "
        "ne sont pas comptés",
        "Les activités à l’état d’ébauche, soumises mais non encore approuvées, ou renvoyées "
        "ne sont pas comptées",
    ),
    (
        "aucun engagement de l'exercice n'est approuvé",
        "aucune activité de l’exercice n’est approuvée",
    ),
    ("au moins un engagement approuvé", "au moins une activité approuvée"),
    ("un engagement approuvé", "une activité approuvée"),
    ("Nombre d'engagements approuvés", "Nombre d’activités approuvées"),
    ("Positions des engagements approuvés", "Positions des activités approuvées"),
    ("dans les engagements approuvés", "dans les activités approuvées"),
    ("Engagements où", "Activités où"),
    ("à l'état de brouillon", "à l’état d’ébauche"),
    ("rencontres", "réunions"),
    ("rencontre", "réunion"),
    ("Rencontres", "Réunions"),
]


def portal_terms(text: str) -> str:
    for old, new in REPLACEMENTS:
        text = text.replace(old, new)
    return text


def apply(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for indicator in Indicator.objects.filter(code__in=CODES):
        for field in FIELDS:
            if indicator.code == OFFICIAL_INDICATOR and field == "name_fr":
                continue  # GC InfoBase's own wording
            setattr(indicator, field, portal_terms(getattr(indicator, field)))
        indicator.save(update_fields=FIELDS)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_program_4_3")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
