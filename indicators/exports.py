"""The GC InfoBase indicator export: the columns of `infobase-program-4.3-indicator.csv`.

One row per indicator and fiscal year that has a target set for it or a recorded result (an
indicator with neither still gets one row, without a target). `doc` is the plan the target comes
from (`dp17` for the 2017-18 Departmental Plan) or, for a recorded result, the Departmental
Results Report of that year (`drr17` for 2017-18). `status_color` carries GC InfoBase's status key
(`met`, `not_met`, `not_available`, `future`) and `status_period` the fiscal year it is for.

A result loaded from a GC InfoBase publication (the 2016-17 result, `drr16`) is exported as the row
it was published in, field for field: GC InfoBase's own ids, wording and status key ("success").
"""

import re
from decimal import Decimal

from django.utils import translation

from core.fiscal import FiscalYear
from core.formatting import percent

from .selectors import indicators_for_display
from .status import status_for, target_in_force

INFOBASE_COLUMNS = [
    "id",
    "result_id",
    "name_en",
    "name_fr",
    "target_year",
    "target_month",
    "explanation_en",
    "explanation_fr",
    "target_type",
    "target_min",
    "target_max",
    "target_narrative_en",
    "target_narrative_fr",
    "doc",
    "actual_datatype",
    "actual_result_en",
    "actual_result_fr",
    "status_color",
    "status_period",
]


# columns GC InfoBase writes as bare numbers (unquoted) when they hold one
NUMERIC_COLUMNS = {
    "target_year",
    "target_month",
    "target_min",
    "target_max",
    "actual_result_en",
    "actual_result_fr",
}
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def published_row(published: dict) -> dict:
    """A published row for the CSV writer: numbers as Decimals, so that they are written bare
    and exactly as published ("90.00" stays 90.00), everything else as text."""
    return {
        column: Decimal(value)
        if column in NUMERIC_COLUMNS and _NUMBER.match(str(value))
        else str(value)
        for column, value in ((column, published.get(column, "")) for column in INFOBASE_COLUMNS)
    }


def _actual(result, language):
    if result is None:
        return ""
    with translation.override(language):
        if result.value is None:
            return result.actual_result_en if language == "en" else result.actual_result_fr
        if result.is_percentage:
            return percent(result.value, result.indicator.decimals)
        return (
            str(result.value.normalize())
            if language == "en"
            else str(result.value.normalize()).replace(".", ",")
        )


def infobase_rows():
    for indicator in indicators_for_display():
        targets = list(indicator.targets.all())
        results = {r.fiscal_year: r for r in indicator.results.all()}
        years = sorted({t.fiscal_year for t in targets} | set(results))
        if not years:
            years = [None]
        for start in years:
            year = FiscalYear(start) if start is not None else None
            target = target_in_force(targets, year) if year is not None else None
            result = results.get(start)
            if result is not None and result.published:
                yield published_row(result.published)
                continue
            if result is not None:
                status = result.status
                doc = f"drr{start % 100:02d}"
            else:
                status = (
                    status_for(
                        year=year, value=None, target=target, seeking_to=indicator.seeking_to
                    )
                    if year is not None
                    else "not_available"
                )
                doc = (target.doc if target else "") or (f"dp{start % 100:02d}" if start else "")
            target_type = target.target_type if target else indicator.target_type
            yield {
                "id": indicator.code,
                "result_id": indicator.outcome.code,
                "name_en": indicator.name_en,
                "name_fr": indicator.name_fr,
                "target_year": target.target_year if target and target.target_year else "",
                "target_month": target.target_month if target and target.target_month else "",
                "explanation_en": result.explanation_en if result else "",
                "explanation_fr": result.explanation_fr if result else "",
                "target_type": target_type,
                "target_min": float(target.target_min)
                if target and target.target_min is not None
                else "",
                "target_max": float(target.target_max)
                if target and target.target_max is not None
                else "",
                "target_narrative_en": target.narrative_en if target else "",
                "target_narrative_fr": target.narrative_fr if target else "",
                "doc": doc,
                "actual_datatype": (
                    ("percent" if indicator.is_percentage else "num")
                    if result is not None and result.value is not None
                    else ("text" if result is not None else "")
                ),
                "actual_result_en": _actual(result, "en"),
                "actual_result_fr": _actual(result, "fr"),
                "status_color": str(status),
                "status_period": year.label_en if year else "",
            }
