"""demo.engagements writes its history rows with demo.bulk: they must be the rows simple-history
itself writes for the same saves, column for column."""

import io

import pytest
from django.core.management import call_command

from demo.engagements import HISTORY_COLUMNS
from engagements.models import Engagement

pytestmark = pytest.mark.django_db

History = Engagement.history.model


def _row(historical) -> dict:
    return {
        field.attname: getattr(historical, field.attname)
        for field in History._meta.concrete_fields
        if field.attname != "history_id"
    }


def _as_simple_history_writes_it(engagement, *, status, at, user, history_type) -> dict:
    """The historical row simple-history writes for the engagement in that state (then undone)."""
    engagement.status = status
    engagement.agreement_id = None  # linked to an agreement after its history was written
    engagement._history_date = at
    engagement._history_user = user
    [written] = Engagement.history.bulk_history_create(
        [engagement], update=history_type == "~", default_change_reason=None
    )
    row = _row(History.objects.get(pk=written.pk))
    History.objects.filter(pk=written.pk).delete()
    return row


def test_demo_history_rows_are_simple_historys_own():
    call_command("seed_demo", "--engagements", "40", stdout=io.StringIO())
    # every column of the historical table is written but its id and change reason (NULL)
    columns = {field.column for field in History._meta.concrete_fields}
    assert columns - set(HISTORY_COLUMNS) == {"history_id", "history_change_reason"}
    checked = 0
    for engagement in Engagement.objects.select_related("created_by"):
        created = engagement.history.get(history_type="+")
        assert _row(created) == _as_simple_history_writes_it(
            engagement,
            status=Engagement.Status.DRAFT,
            at=engagement.created_at,
            user=engagement.created_by,
            history_type="+",
        )
        last_step = engagement.transitions.order_by("at", "pk").last()
        if last_step is None:
            assert not engagement.history.filter(history_type="~").exists()
            continue
        changed = engagement.history.get(history_type="~")
        assert _row(changed) == _as_simple_history_writes_it(
            Engagement.objects.get(pk=engagement.pk),
            status=last_step.to_status,
            at=last_step.at,
            user=last_step.actor,
            history_type="~",
        )
        checked += 1
    assert checked > 10
