"""Demo data for the indicators: one recorded result, so the pages show a closed year as a
manager left it (and, when later records move the live figure, the note that it differs)."""

from django.contrib.auth import get_user_model

from core.fiscal import FiscalYear
from indicators import services
from indicators.calculations import OFFICIAL
from indicators.models import Indicator, Result

DEMO_YEAR = FiscalYear(2015)


def seed(*, rng, engagements, stdout):
    manager = get_user_model().objects.filter(username="manager").first()
    indicator = Indicator.objects.filter(measurement=OFFICIAL).first()
    if manager is None or indicator is None:
        return
    if Result.objects.filter(indicator=indicator, fiscal_year=DEMO_YEAR.start_year).exists():
        return
    # the explanation a manager starts from: drafted from the records, in the department's style
    drafted = services.draft_explanation(
        indicator, DEMO_YEAR, indicator.calculation.figures_for(DEMO_YEAR)
    )
    result = services.record_result(
        indicator=indicator,
        year=DEMO_YEAR,
        recorded_by=manager,
        explanation_en=drafted["explanation_en"]
        or (
            "Canada's positions were taken up in most decisions and reports of the important "
            "meetings of the year; where they were not, other members' priorities prevailed."
        ),
        explanation_fr=drafted["explanation_fr"]
        or (
            "Les positions du Canada ont été reprises dans la plupart des décisions et rapports "
            "des réunions importantes de l’exercice; sinon, les priorités d’autres membres "
            "l’ont emporté."
        ),
    )
    stdout.write(f"Indicators: the {DEMO_YEAR.label_en} result recorded ({result.value}).")
