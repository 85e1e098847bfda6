"""The service lines (partners) join the search: their GIN index, as in 0002."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.documents import vector

FIELDS = ("name_en", "name_fr", "description_en", "description_fr", "program_en", "program_fr")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("partners.ServiceLine")
    schema_editor.add_index(model, GinIndex(vector(*FIELDS), name="search_service_doc"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_service_doc")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_search"),
        ("partners", "0008_service_lines_iom_unhcr"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
