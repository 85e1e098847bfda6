import django_tables2 as tables
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.tables import NUM, MoneyColumn, ShortDateColumn, YesNoColumn, order_by_language

from .models import ContributionAgreement, Organization, ServiceLine


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


# --- Services Canada uses from IOM and UNHCR ---


class CountColumn(tables.Column):
    """A count summed from the yearly volumes: empty (a dash) when no volume gave one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return number_format(value, force_grouping=True)

    def value(self, value):
        return value


class ServiceLineTable(tables.Table):
    name = tables.Column(verbose_name=_("Service"), linkify=True, order_by="name_en")
    # Not shown (the service's name says what it is, the line's page says the program it serves,
    # and the list must fit 1280 px in French) but exported: kind, program, years recorded.
    kind = tables.Column(verbose_name=_("Kind"), visible=False)
    partner = tables.Column(
        verbose_name=_("Partner"), accessor="partner__acronym", order_by="partner__acronym_en"
    )
    department = tables.Column(
        verbose_name=_("Run by"), accessor="department__acronym", order_by="department__acronym_en"
    )
    program = tables.Column(
        verbose_name=_("Canadian program served"), order_by="program_en", visible=False
    )
    start_date = ShortDateColumn(verbose_name=_("Start"))
    end_date = ShortDateColumn(verbose_name=_("End"))
    people_served_total = CountColumn(verbose_name=_("People served"))
    sessions_total = CountColumn(verbose_name=_("Sessions"))
    referrals_total = CountColumn(verbose_name=_("Referrals"))
    amount_total = MoneyColumn(verbose_name=_("Amount"))
    years_recorded = CountColumn(verbose_name=_("Years recorded"), visible=False)

    class Meta:
        model = ServiceLine
        fields = [
            "name",
            "kind",
            "partner",
            "department",
            "program",
            "start_date",
            "end_date",
            "people_served_total",
            "sessions_total",
            "referrals_total",
            "amount_total",
            "years_recorded",
        ]
        order_by = "partner"
        attrs = {"class": "table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order_by_language(
            self,
            name="name",
            program="program",
            partner="partner__acronym",
            department="department__acronym",
        )
