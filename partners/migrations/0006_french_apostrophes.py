"""The French reference data writes the apostrophe as ’ (« Gouvernement de l’Australie »)."""

from django.db import migrations

from core.typography import fix_french_apostrophes

FIELDS = {
    "partners.Organization": ["acronym_fr", "name_fr"],
    "partners.TransferPayment": ["name_fr"],
    "partners.ContributionAgreement": ["recipient_other_fr", "purpose_fr"],
}


def apply(apps, schema_editor):
    fix_french_apostrophes(apps, FIELDS)


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_dates_in_portal_range")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
