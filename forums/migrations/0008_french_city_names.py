"""The reference meetings' cities in French (« Genève », « Copenhague »)."""

from django.db import migrations

from forums.cities import FRENCH_CITY_NAMES


def apply(apps, schema_editor):
    Meeting = apps.get_model("forums", "Meeting")
    for english, french in FRENCH_CITY_NAMES.items():
        Meeting.objects.filter(city=english, city_fr="").update(city_fr=french)


class Migration(migrations.Migration):
    dependencies = [("forums", "0007_meeting_city_in_french")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
