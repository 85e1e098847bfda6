"""PostgreSQL full-text search: unaccent, the portal_en / portal_fr configurations (the English and
French stemmers behind unaccent), and one GIN index per searched table on the exact expression the
search uses (search.documents.vector), which the database keeps up to date on every write.

Nothing on SQLite: the search falls back to folded substring matching there (search/documents.py).
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from search.documents import vector

CONFIGURATIONS = {"portal_en": "english", "portal_fr": "french"}

# (model, fields searched, index name): the search page (/search/) and its counts
INDEXES = [
    ("engagements.Engagement", ("summary", "city"), "search_engagement_doc"),
    ("engagements.Position", ("text", "outcome_note"), "search_position_doc"),
    ("accounts.User", ("first_name", "last_name", "username"), "search_user_doc"),
    ("forums.Meeting", ("name_en", "name_fr", "city", "city_fr", "chair"), "search_meeting_doc"),
    ("forums.OutcomeDocument", ("title_en", "title_fr", "reference"), "search_document_doc"),
    ("forums.Forum", ("acronym_en", "acronym_fr", "name_en", "name_fr"), "search_forum_doc"),
    (
        "partners.Organization",
        ("acronym_en", "acronym_fr", "name_en", "name_fr"),
        "search_organization_doc",
    ),
    (
        "partners.ContributionAgreement",
        ("number", "recipient_other_en", "recipient_other_fr", "purpose_en", "purpose_fr"),
        "search_agreement_doc",
    ),
    ("events.Event", ("title_en", "title_fr", "summary_en", "summary_fr"), "search_event_doc"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, base in CONFIGURATIONS.items():
        schema_editor.execute(
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
                CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base});
                ALTER TEXT SEARCH CONFIGURATION {name}
                  ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart
                  WITH unaccent, {base}_stem;
              END IF;
            END $$;
            """
        )
    for label, fields, index_name in INDEXES:
        model = apps.get_model(label)
        schema_editor.add_index(model, GinIndex(vector(*fields), name=index_name))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _label, _fields, index_name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name}")
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("accounts", "0003_notification_language_and_unread_count"),
        ("engagements", "0010_flag_positions_logged_after_their_meeting"),
        ("forums", "0008_french_city_names"),
        ("partners", "0006_french_apostrophes"),
        ("events", "0002_international_events"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
