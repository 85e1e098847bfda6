import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import MoneyColumn, ShortDateColumn, YesNoColumn, order_by_language

from .models import ContributionAgreement, Organization


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
    # Not shown (the transfer payment names its type, and the list must fit 1280 px) but exported.
    kind = tables.Column(
        verbose_name=_("Type"),
        accessor="transfer_payment__get_kind_display",
        order_by="transfer_payment__kind",
        visible=False,
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


# --- The funding summary's export ---


class FundingSummaryTable(tables.Table):
    """The funding summary's figures for its export: one row per measure and transfer payment
    (and their total), one amount column per fiscal year, then the total."""

    measure = tables.Column(verbose_name=_("Measure"))
    transfer_payment = tables.Column(verbose_name=_("Transfer payment"))
    total = MoneyColumn(verbose_name=_("Total"))

    export_title = _("Funding summary")

    class Meta:
        orderable = False
        sequence = ("measure", "transfer_payment", "...", "total")

    MEASURES = (
        ("authorized", _("Authorities")),
        ("actual", _("Actual spending")),
        ("lapsed", _("Lapsed")),
    )

    @classmethod
    def for_summary(cls, summary):
        columns = [(f"y{year.start_year}", year) for year in summary.years]
        rows = []
        for key, label in cls.MEASURES:
            for row in [*summary.rows, None]:
                cells, total = (
                    (row.cells, row.total) if row else (summary.totals, summary.grand_total)
                )
                rows.append(
                    {
                        "measure": label,
                        "transfer_payment": str(row.transfer_payment.name) if row else _("Total"),
                        **{
                            name: getattr(c, key)
                            for (name, _y), c in zip(columns, cells, strict=True)
                        },
                        "total": getattr(total, key),
                    }
                )
        extra = [(name, MoneyColumn(verbose_name=year.label)) for name, year in columns]
        return cls(rows, extra_columns=extra)
