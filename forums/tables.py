import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import YesNoColumn, order_by_language

from .models import Forum, Meeting


class ForumTable(tables.Table):
    acronym = tables.Column(verbose_name=_("Acronym"), linkify=True, order_by="acronym_en")
    name = tables.Column(verbose_name=_("Name"), order_by="name_en")
    kind = tables.Column(verbose_name=_("Kind"))
    scope = tables.Column(verbose_name=_("Scope"))
    parent = tables.Column(
        verbose_name=_("Part of"), accessor="parent__acronym", order_by="parent__acronym_en"
    )
    year_established = tables.Column(verbose_name=_("Established"), localize=False)
    meeting_count = tables.Column(
        verbose_name=_("Meetings"), attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )
    is_active = YesNoColumn(verbose_name=_("Active"))

    class Meta:
        model = Forum
        fields = [
            "acronym",
            "name",
            "kind",
            "scope",
            "parent",
            "year_established",
            "meeting_count",
            "is_active",
        ]
        order_by = "acronym"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # sort bilingual columns by the active language
        order_by_language(self, acronym="acronym", name="name")


class MeetingTable(tables.Table):
    start_date = tables.DateColumn(verbose_name=_("Start"), short=True)
    forum = tables.Column(
        verbose_name=_("Forum"),
        accessor="forum__acronym",
        order_by="forum__acronym_en",
        linkify=lambda record: record.forum.get_absolute_url(),
    )
    name = tables.Column(verbose_name=_("Meeting"), linkify=True, order_by="name_en")
    city = tables.Column(verbose_name=_("City"))
    country = tables.Column(verbose_name=_("Country"), accessor="country__name", order_by="country")
    is_important = YesNoColumn(verbose_name=_("Important"))

    class Meta:
        model = Meeting
        fields = [
            "start_date",
            "forum",
            "name",
            "city",
            "country",
            "is_important",
        ]
        order_by = "-start_date"
