"""The French reference data writes the apostrophe as ’ (« Conseil de l’OIM »)."""

from django.db import migrations

from core.typography import fix_french_apostrophes

FIELDS = {
    "forums.Forum": ["acronym_fr", "name_fr"],
    "forums.Meeting": ["name_fr"],
    "forums.OutcomeDocument": ["title_fr"],
}


def apply(apps, schema_editor):
    fix_french_apostrophes(apps, FIELDS)


class Migration(migrations.Migration):
    dependencies = [("forums", "0005_meeting_importance_decisions")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
