"""The French reference data and methodology texts write the apostrophe as ’ (« l’exercice »)."""

from django.db import migrations

from core.typography import fix_french_apostrophes

FIELDS = {
    "indicators.Program": ["name_fr", "description_fr", "strategic_outcome_fr"],
    "indicators.Outcome": ["name_fr"],
    "indicators.Indicator": [
        "name_fr",
        "definition_fr",
        "methodology_fr",
        "data_source_fr",
        "frequency_fr",
        "baseline_fr",
    ],
    "indicators.Target": ["narrative_fr"],
    "indicators.Result": ["actual_result_fr", "explanation_fr"],
}


def apply(apps, schema_editor):
    fix_french_apostrophes(apps, FIELDS)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0006_drr16_result")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
