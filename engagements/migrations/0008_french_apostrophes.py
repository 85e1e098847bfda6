"""The themes' French names write the apostrophe as ’."""

from django.db import migrations

from core.typography import fix_french_apostrophes


def apply(apps, schema_editor):
    fix_french_apostrophes(apps, {"engagements.Theme": ["name_fr"]})


class Migration(migrations.Migration):
    dependencies = [("engagements", "0007_fiscal_year_of_the_meeting")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
