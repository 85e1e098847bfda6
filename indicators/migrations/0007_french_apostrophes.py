"""The French texts the portal wrote itself (its indicators' definitions and methodology, its own
indicators and results) write the apostrophe as ’ (« l’exercice »). What GC InfoBase published stays
verbatim, typewriter apostrophes included: the program, its expected result, the official
indicators' names and targets, and the results it published (drr16)."""

from django.db import migrations

from core.typography import french_apostrophes

OWN_TEXTS = ["definition_fr", "methodology_fr", "data_source_fr", "frequency_fr", "baseline_fr"]


def _fix(queryset, fields):
    for row in queryset:
        changed = {
            field: french_apostrophes(getattr(row, field))
            for field in fields
            if "'" in (getattr(row, field) or "")
        }
        if changed:
            queryset.model.objects.filter(pk=row.pk).update(**changed)


def apply(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Target = apps.get_model("indicators", "Target")
    Result = apps.get_model("indicators", "Result")
    _fix(Indicator.objects.filter(kind="official"), OWN_TEXTS)
    _fix(Indicator.objects.exclude(kind="official"), ["name_fr", *OWN_TEXTS])
    _fix(Target.objects.exclude(indicator__kind="official"), ["narrative_fr"])
    _fix(Result.objects.filter(source=""), ["actual_result_fr", "explanation_fr"])


class Migration(migrations.Migration):
    dependencies = [("indicators", "0006_drr16_result")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
