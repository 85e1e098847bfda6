"""Status rules: where an indicator stands for a fiscal year against its target.

- A past fiscal year: `met` or `not_met` from the value, the target and `seeking_to`;
  `not_available` when there is no value or no numeric target to compare with.
- The current fiscal year: an in-year reading, `on_track` or `at_risk`, by the same comparison
  (and `not_available` when nothing can be compared yet); the page adds how many records awaiting
  approval could still change it.
- A future fiscal year: `future`.

How the value compares with a target (`lower` is the minimum, or the maximum when only that is
set; `upper` the other way round):
- seeking to increase: met when value ≥ lower;
- seeking to decrease: met when value ≤ upper;
- seeking to reach the target: met when lower ≤ value ≤ upper (a single value must be reached
  exactly; a range, anywhere inside it).
Text and "to be determined" targets cannot be compared with a number: `not_available`.
"""

from core.fiscal import FiscalYear

from .models import NUMERIC_TYPES, Indicator, Status


def meets_target(value, target, seeking_to) -> bool | None:
    """True / False, or None when the value cannot be compared with this target."""
    if value is None or target is None or target.target_type not in NUMERIC_TYPES:
        return None
    lower, upper = target.lower, target.upper
    if lower is None:
        return None
    if seeking_to == Indicator.SeekingTo.INCREASE:
        return value >= lower
    if seeking_to == Indicator.SeekingTo.DECREASE:
        return value <= upper
    return lower <= value <= upper


def status_for(
    *, year: FiscalYear, value, target, seeking_to, today_year: FiscalYear | None = None
):
    current = today_year or FiscalYear.current()
    if year > current:
        return Status.FUTURE
    reading = meets_target(value, target, seeking_to)
    if reading is None:
        return Status.NOT_AVAILABLE
    if year == current:
        return Status.ON_TRACK if reading else Status.AT_RISK
    return Status.MET if reading else Status.NOT_MET


STATUS_CLASS = {
    Status.MET: "ok",
    Status.ON_TRACK: "ok",
    Status.NOT_MET: "bad",
    Status.AT_RISK: "warn",
    Status.NOT_AVAILABLE: "muted",
    Status.FUTURE: "muted",
}


def target_in_force(targets, year: FiscalYear):
    """The target that applies to a fiscal year, from an indicator's targets (any order): the one
    set for that year; else the latest one set for an earlier year (a target stands until a plan
    replaces it); else the earliest one set for a later year (the program's first stated target,
    shown with the year it was set for)."""
    targets = sorted(targets, key=lambda t: t.fiscal_year)
    earlier = [t for t in targets if t.fiscal_year <= year.start_year]
    if earlier:
        return earlier[-1]
    return targets[0] if targets else None
