import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import ShortDateColumn, YesNoColumn, order_by_language
from core.templatetags.portal import money

from .models import ContributionAgreement, Organization
from .selectors import to_money


class OrganizationTable(tables.Table):
    acronym = tables.Column(verbose_name=_("Acronym"), linkify=True, order_by="acronym_en")
    name = tables.Column(verbose_name=_("Name"), order_by="name_en")
    kind = tables.Column(verbose_name=_("Kind"))
    country = tables.Column(verbose_name=_("Country"), accessor="country__name", order_by="country")
    is_active = YesNoColumn(verbose_name=_("Active"))

    class Meta:
        model = Organization
        fields = ["acronym", "name", "kind", "country", "is_active"]
        order_by = "acronym"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order_by_language(self, acronym="acronym", name="name")


# --- Contribution agreements ---


class MoneyColumn(tables.Column):
    """Dollars in the active language on the page; the plain number in CSV/XLSX exports."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"th": {"class": "num"}, "td": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return money(value)

    def value(self, value):
        return to_money(value)


class AgreementTable(tables.Table):
    number = tables.Column(
        verbose_name=_("Number"), linkify=True, attrs={"td": {"class": "nowrap"}}
    )
    recipient = tables.Column(
        verbose_name=_("Recipient"), accessor="recipient_name", order_by="recipient__acronym_en"
    )
    transfer_payment = tables.Column(
        verbose_name=_("Transfer payment"), accessor="transfer_payment__name"
    )
    kind = tables.Column(
        verbose_name=_("Type"),
        accessor="transfer_payment__get_kind_display",
        order_by="transfer_payment__kind",
    )
    start_date = ShortDateColumn(verbose_name=_("Start"), short=True)
    end_date = ShortDateColumn(verbose_name=_("End"), short=True)
    total_amount = MoneyColumn(verbose_name=_("Total"))
    authorized_total = MoneyColumn(verbose_name=_("Authorized"))
    actual_total = MoneyColumn(verbose_name=_("Actual"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = ContributionAgreement
        fields = [
            "number",
            "recipient",
            "transfer_payment",
            "kind",
            "start_date",
            "end_date",
            "total_amount",
            "authorized_total",
            "actual_total",
            "status",
        ]
        order_by = "-start_date"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order_by_language(
            self,
            recipient=("recipient__acronym", "recipient_other"),
            transfer_payment="transfer_payment__name",
        )
