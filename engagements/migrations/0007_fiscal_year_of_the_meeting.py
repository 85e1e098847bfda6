from django.db import migrations
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import ExtractYear


def meeting_fiscal_year(apps, schema_editor):
    """An engagement at a meeting is counted in the meeting's fiscal year (issue 11)."""
    Engagement = apps.get_model("engagements", "Engagement")
    Meeting = apps.get_model("forums", "Meeting")
    start = Meeting.objects.filter(pk=OuterRef("meeting_id")).annotate(
        fy=ExtractYear("start_date")
        - Case(
            When(start_date__month__lt=4, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    Engagement.objects.filter(meeting__isnull=False).update(
        fiscal_year=Subquery(start.values("fy")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0006_engagement_creation_token"),
        ("forums", "0005_meeting_importance_decisions"),
    ]

    operations = [migrations.RunPython(meeting_fiscal_year, migrations.RunPython.noop)]
