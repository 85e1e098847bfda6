"""Records logged before the portal knew when positions were set: a position whose engagement was
created after its meeting ended was set when the outcome could be known, so it carries the flag
(services.flag_position_set_late's fields), with a reason that says how it was found. Both
languages in the one reason, as the portal wrote it rather than an officer."""

from django.db import migrations
from django.db.models import F

REASON = (
    "Logged after the meeting ended (flagged when the portal began recording when positions were "
    "set). / Fiche saisie après la fin de la réunion (signalée quand le portail a commencé à "
    "noter quand les positions sont fixées)."
)


def flag(apps, schema_editor):
    Position = apps.get_model("engagements", "Position")
    Position.objects.filter(
        set_late=False,
        engagement__meeting__isnull=False,
        engagement__created_at__date__gt=F("engagement__meeting__end_date"),
    ).update(set_late=True, set_late_reason=REASON)


def unflag(apps, schema_editor):
    Position = apps.get_model("engagements", "Position")
    Position.objects.filter(set_late=True, set_late_reason=REASON).update(
        set_late=False, set_late_reason=""
    )


class Migration(migrations.Migration):
    dependencies = [("engagements", "0009_positions_set_before_the_outcome")]

    operations = [migrations.RunPython(flag, unflag)]
