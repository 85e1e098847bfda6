"""Load the twelve themes of the Program 4.3 description (bilingual, as the program names them)."""

from django.db import migrations

THEMES = [
    ("refugee-protection", "Refugee protection", "Protection des réfugiés"),
    ("resettlement", "Resettlement", "Réinstallation"),
    ("integration", "Integration", "Intégration"),
    ("health", "Health", "Santé"),
    ("international-crime", "International crime", "Criminalité internationale"),
    ("trafficking", "Trafficking in persons", "Traite de personnes"),
    ("smuggling", "Migrant smuggling", "Passage de clandestins"),
    ("social-development", "Social development", "Développement social"),
    ("economic-well-being", "Economic well-being", "Bien-être économique"),
    (
        "information-sharing-biometrics",
        "Information sharing and biometrics",
        "Échange de renseignements et biométrie",
    ),
    ("irregular-migration", "Irregular migration", "Migration irrégulière"),
    ("mass-movements", "Mass movements", "Mouvements massifs"),
]


def load_themes(apps, schema_editor):
    Theme = apps.get_model("engagements", "Theme")
    for code, name_en, name_fr in THEMES:
        Theme.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_fr": name_fr, "is_active": True}
        )


def unload_themes(apps, schema_editor):
    Theme = apps.get_model("engagements", "Theme")
    Theme.objects.filter(code__in=[code for code, *_names in THEMES], positions=None).delete()


class Migration(migrations.Migration):
    dependencies = [("engagements", "0001_initial")]
    operations = [migrations.RunPython(load_themes, unload_themes)]
