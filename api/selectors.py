"""What the API reads besides each resource's own rows."""

from collections import defaultdict

from rest_framework import serializers

from engagements.models import Engagement, Evidence, Position, Theme

POSITION_FIELDS = {
    "id": "id",
    "text": "text",
    "theme": "theme_id",
    "outcome_document": "outcome_document_id",
    "outcome": "outcome",
    "outcome_note": "outcome_note",
    "outcome_reference": "outcome_reference",
    "sort_order": "sort_order",
    "set_late": "set_late",
}
EVIDENCE_FIELDS = ["id", "original_name", "content_type", "size", "uploaded_at"]


def attach_engagement_relations(engagements: list[Engagement]) -> None:
    """Give each engagement of an API page its partners, themes, positions and evidence
    metadata as plain values (`api_partners`, `api_themes`, `api_positions`, `api_evidence`),
    in one query per relation whatever the page's size.

    prefetch_related would cost the same queries but clones a queryset per row and relation
    (400 clones for a page of 100), and the nested serializers as much again: two thirds of a
    page's time at a million engagements (benchmarks/api.py). The values here are what those
    serializers gave, in the same order."""
    if not engagements:
        return
    ids = [engagement.pk for engagement in engagements]
    partners = defaultdict(list)
    for engagement_id, organization_id in (
        Engagement.partners.through.objects.filter(engagement_id__in=ids)
        .order_by("organization__acronym_en", "organization_id")
        .values_list("engagement_id", "organization_id")
    ):
        partners[engagement_id].append(organization_id)
    catalog = {
        row["id"]: row
        for row in Theme.objects.order_by("pk").values("id", "code", "name_en", "name_fr")
    }
    themes = defaultdict(list)
    for engagement_id, theme_id in (
        Engagement.themes.through.objects.filter(engagement_id__in=ids)
        .order_by("theme_id")
        .values_list("engagement_id", "theme_id")
    ):
        themes[engagement_id].append(catalog[theme_id])
    positions = defaultdict(list)
    for row in (
        Position.objects.filter(engagement_id__in=ids)
        .order_by("sort_order", "pk")
        .values("engagement_id", *POSITION_FIELDS.values())
    ):
        positions[row["engagement_id"]].append(
            {name: row[column] for name, column in POSITION_FIELDS.items()}
        )
    evidence = defaultdict(list)
    uploaded_at = serializers.DateTimeField()  # the representation every other datetime has
    for row in (
        Evidence.objects.filter(engagement_id__in=ids)
        .order_by("pk")
        .values("engagement_id", *EVIDENCE_FIELDS)
    ):
        item = {name: row[name] for name in EVIDENCE_FIELDS}
        item["uploaded_at"] = uploaded_at.to_representation(item["uploaded_at"])
        evidence[row["engagement_id"]].append(item)
    for engagement in engagements:
        engagement.api_partners = partners[engagement.pk]
        engagement.api_themes = themes[engagement.pk]
        engagement.api_positions = positions[engagement.pk]
        engagement.api_evidence = evidence[engagement.pk]
