"""seed_demo --engagements N: every kind of row the pages read, written in bulk (demo.bulk)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from demo import bulk
from demo.engagements import DEMO_FILES
from engagements.models import Engagement, Evidence, Position, Transition

pytestmark = pytest.mark.django_db


def seed(n):
    out = io.StringIO()
    call_command("seed_demo", "--engagements", str(n), stdout=out)
    return out.getvalue()


def test_volume_demo_has_every_kind_of_row_and_tops_up():
    seed(120)
    assert Engagement.objects.count() == 120
    history = Engagement.history.model.objects
    assert history.filter(history_type="+").count() == 120  # created, as a draft
    non_drafts = Engagement.objects.exclude(status="draft").count()
    assert history.filter(history_type="~").count() == non_drafts  # the latest status change
    statuses = set(Engagement.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "approved", "returned"}
    per_engagement = Engagement.objects.annotate(n=Count("positions")).values_list("n", flat=True)
    assert min(per_engagement) >= 1 and max(per_engagement) <= 4
    assert Evidence.objects.exists()
    assert set(Evidence.objects.values_list("file", flat=True)) <= {
        path for path, _name, _type in DEMO_FILES
    }
    assert Engagement.objects.filter(themes__isnull=True).count() == 0
    # every submitted, approved or returned record has its trail; drafts none
    assert not Transition.objects.filter(engagement__status="draft").exists()
    trail = Engagement.objects.exclude(status="draft").annotate(n=Count("transitions"))
    assert trail.filter(n=0).count() == 0
    assert (
        Engagement.objects.filter(status="approved", transitions__to_status="approved")
        .distinct()
        .count()
        == Engagement.objects.filter(status="approved").count()
    )
    assert Engagement.objects.filter(fiscal_year__lt=2012).count() == 0

    top = Engagement.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert "nothing added" in seed(120)
    seed(150)
    assert Engagement.objects.count() == 150
    assert Engagement.objects.filter(pk__gt=top).count() == 30


def test_ids_reserved_in_bulk_do_not_collide_with_later_inserts():
    seed(30)
    engagement = Engagement.objects.first()
    top = Position.objects.order_by("-pk").first().pk
    position = Position.objects.create(engagement=engagement, text="Later", theme_id=1)
    assert position.pk > top


def test_evidence_files_of_the_demo_exist_in_storage():
    from django.core.files.storage import default_storage

    seed(30)
    evidence = Evidence.objects.first()
    assert default_storage.exists(evidence.file.name)
    with evidence.file.open("rb") as handle:
        assert len(handle.read()) == evidence.size


def test_insert_rows_writes_nulls_and_empty_strings_apart():
    seed(1)
    engagement = Engagement.objects.get()
    ids = bulk.reserve_ids(Position, 2)
    bulk.insert_rows(
        Position,
        [
            "id",
            "engagement_id",
            "text",
            "theme_id",
            "outcome_document_id",
            "outcome",
            "outcome_note",
            "outcome_reference",
            "sort_order",
            "set_late",
            "set_late_reason",
        ],
        [
            (ids[0], engagement.pk, 'A "quoted", text', 1, None, "pending", "", "", 5, False, ""),
            (
                ids[1],
                engagement.pk,
                "Line\nbreak",
                1,
                None,
                "pending",
                "note",
                "p. 1",
                6,
                False,
                "",
            ),
        ],
    )
    bulk.reset_sequences(Position)
    first, second = Position.objects.filter(pk__in=ids).order_by("pk")
    assert (first.text, first.outcome_note, first.outcome_document_id) == (
        'A "quoted", text',
        "",
        None,
    )
    assert (second.text, second.outcome_reference) == ("Line\nbreak", "p. 1")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the bulk foreign-key check is PostgreSQL's"
)
def test_rows_pointing_nowhere_are_refused_after_a_bulk_load():
    from django.db import IntegrityError, transaction

    seed(1)
    engagement = Engagement.objects.get()
    ids = bulk.reserve_ids(Position, 1)
    columns = ["id", "engagement_id", "text", "theme_id", "outcome", "outcome_note"]
    columns += ["outcome_reference", "sort_order", "set_late", "set_late_reason"]
    with (
        pytest.raises(IntegrityError, match="engagement_id"),
        transaction.atomic(),
        bulk.foreign_keys_checked_in_bulk(Position),
    ):
        bulk.insert_rows(
            Position,
            columns,
            [(ids[0], engagement.pk + 1000, "x", 1, "pending", "", "", 0, False, "")],
        )
    with transaction.atomic(), bulk.foreign_keys_checked_in_bulk(Position):
        bulk.insert_rows(
            Position, columns, [(ids[0], engagement.pk, "x", 1, "pending", "", "", 0, False, "")]
        )
    assert Position.objects.filter(pk=ids[0]).exists()
