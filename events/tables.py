import django_tables2 as tables
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.tables import NUM, ShortDateColumn, order_by_language

from .models import LEVEL_RANK, Event

LEVEL_LABELS = {rank: level.label for level, rank in LEVEL_RANK.items()}


class EventTable(tables.Table):
    start_date = ShortDateColumn(verbose_name=_("Start"))
    title = tables.Column(verbose_name=_("Event"), linkify=True, order_by="title_en")
    kind = tables.Column(verbose_name=_("Kind"))
    region = tables.Column(verbose_name=_("Region"))
    countries = tables.Column(
        verbose_name=_("Countries"), accessor="country_names", orderable=False
    )
    status = tables.Column(verbose_name=_("Status"))
    level_rank = tables.Column(verbose_name=_("Highest level assessed"))
    displaced = tables.Column(verbose_name=_("People displaced or refugees"), attrs=NUM)
    next_review = ShortDateColumn(verbose_name=_("Next review"))
    followed_by = tables.Column(verbose_name=_("Followed by"), order_by="followed_by__last_name")

    class Meta:
        model = Event
        fields = [
            "start_date",
            "title",
            "kind",
            "region",
            "countries",
            "status",
            "level_rank",
            "displaced",
            "next_review",
            "followed_by",
        ]
        order_by = "-start_date"
        attrs = {"class": "table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order_by_language(self, title="title")

    def render_level_rank(self, value):
        return LEVEL_LABELS.get(value) or _("Not assessed")

    def value_level_rank(self, value):
        return str(self.render_level_rank(value))

    def render_displaced(self, value):
        return number_format(value, force_grouping=True)

    def value_displaced(self, value):
        return value

    def render_followed_by(self, value):
        return value.get_full_name() or value.username

    def value_followed_by(self, value):
        return self.render_followed_by(value) if value else ""
