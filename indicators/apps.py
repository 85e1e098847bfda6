from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators and results")

    def ready(self):
        from core import history, navigation

        from . import tallies

        tallies.connect()

        navigation.register(
            navigation.NavItem(
                _("Indicators"),
                "indicators:indicator_list",
                "indicators.view_indicator",
                "indicators",
                90,
            ),
        )
        history.register(
            history.Source(
                "indicators.indicator",
                parts=(
                    history.Part("indicators.target", "indicator", history.fiscal_year_label),
                    history.Part("indicators.result", "indicator", history.fiscal_year_label),
                ),
            ),
            history.Source("indicators.result", hidden=frozenset({"recorded_at"})),
        )
