import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.tables import ShortDateColumn, order_by_language

from .models import Engagement

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class EngagementTable(tables.Table):
    start_date = ShortDateColumn(verbose_name=_("Start"), short=True, linkify=True)
    fiscal_year = tables.Column(verbose_name=_("Fiscal year"), localize=False)
    kind = tables.Column(verbose_name=_("Kind"))
    forum = tables.Column(
        verbose_name=_("Forum"), accessor="forum__acronym", order_by="forum__acronym_en"
    )
    meeting = tables.Column(
        verbose_name=_("Meeting"), accessor="meeting__name", order_by="meeting__name_en"
    )
    themes = tables.Column(verbose_name=_("Themes"), orderable=False, empty_values=())
    lead_officer = tables.Column(
        verbose_name=_("Lead officer"),
        order_by=("lead_officer__last_name", "lead_officer__first_name"),
    )
    position_count = tables.Column(verbose_name=_("Positions"), attrs=NUM)
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Engagement
        fields = [
            "start_date",
            "fiscal_year",
            "kind",
            "forum",
            "meeting",
            "themes",
            "lead_officer",
            "position_count",
            "status",
        ]
        order_by = "-start_date"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # sort bilingual columns by the active language (an OrderByTuple, so "-forum" works too)
        order_by_language(self, forum="forum__acronym", meeting="meeting__name")

    def export_rows(self, queryset):
        """The CSV export's rows, read with values_list() (engagements.exports): the same values
        as the columns give, at volume."""
        from .exports import rows

        return rows(queryset)

    def render_fiscal_year(self, value):
        return FiscalYear(value).label

    def render_themes(self, record):
        return ", ".join(str(theme.name) for theme in record.themes.all())

    def value_themes(self, record):
        return self.render_themes(record)

    def render_status(self, record):
        return format_html(
            '<span class="status status-{}">{}</span>', record.status, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()

    def render_lead_officer(self, value):
        return value.get_full_name() or value.username
