from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and funding")

    def ready(self):
        from core import cache, history, navigation
        from core.formatting import long_date

        from .models import (
            AgreementAmount,
            ContributionAgreement,
            Organization,
            ReportingRequirement,
            TransferPayment,
        )

        def report_label(record) -> str:
            kind = history.choice_label(ReportingRequirement.Kind.choices, record.kind)
            due = long_date(record.due_date) if record.due_date else history.EMPTY
            return f"{kind}, {due}"

        navigation.register(
            navigation.NavItem(
                _("Partners"),
                "partners:organization_list",
                "partners.view_organization",
                "partners",
                70,
            ),
            navigation.NavItem(
                _("Agreements"),
                "partners:agreement_list",
                "partners.view_contributionagreement",
                "agreements",
                80,
            ),
            navigation.NavItem(
                _("Services"), "partners:service_list", "partners.view_serviceline", "services", 85
            ),
        )
        history.register(
            history.Source("partners.organization"),
            history.Source(
                "partners.contributionagreement",
                parts=(
                    history.Part(
                        "partners.agreementamount", "agreement", history.fiscal_year_label
                    ),
                    history.Part("partners.reportingrequirement", "agreement", report_label),
                ),
            ),
        )
        for model in (ContributionAgreement, AgreementAmount, Organization, TransferPayment):
            cache.track(model)
