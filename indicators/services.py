"""Writes: recording a fiscal year's result."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.fiscal import FiscalYear
from notifications import services as notifications

from .models import HUNDRED, NUMERIC_TYPES, Indicator, Result, Status
from .status import status_for, target_in_force


@transaction.atomic
def record_result(
    *,
    indicator: Indicator,
    year: FiscalYear,
    recorded_by,
    explanation_en: str,
    explanation_fr: str,
    value: Decimal | None = None,
    actual_result_en: str = "",
    actual_result_fr: str = "",
    status: str | None = None,
) -> Result:
    """Freeze an indicator's result for a fiscal year that has ended.

    A computed indicator's value, numerator and denominator are taken from the live calculation
    now (`value` is ignored); a hand-entered one takes `value`. The status is read against the
    target in force, except for text targets, where the manager states it.
    """
    explanation_en, explanation_fr = explanation_en.strip(), explanation_fr.strip()
    errors = {}
    if not explanation_en:
        errors["explanation_en"] = _("Give the explanation in English.")
    if not explanation_fr:
        errors["explanation_fr"] = _("Give the explanation in French.")
    if year >= FiscalYear.current():
        errors["__all__"] = _(
            "A result can be recorded once the fiscal year has ended (after 31 March %(year)s)."
        ) % {"year": year.start_year + 1}
    if Result.objects.filter(indicator=indicator, fiscal_year=year.start_year).exists():
        errors["__all__"] = _("A result for %(year)s has already been recorded.") % {
            "year": year.label
        }
    fields = {}
    if indicator.is_computed:
        figures = indicator.calculation.figures_for(year)
        fields.update(
            value=figures.value,
            numerator=figures.numerator if figures.denominator else None,
            denominator=figures.denominator if figures.denominator else None,
            lenient_value=figures.lenient_value,
            lenient_numerator=figures.lenient_numerator if figures.denominator else None,
        )
    else:
        fields["value"] = value
        if value is not None and indicator.is_percentage and not 0 <= value <= HUNDRED:
            errors["value"] = _("A percentage must be between 0 and 100.")
        if (actual_result_en or actual_result_fr) and not (actual_result_en and actual_result_fr):
            errors["actual_result_fr"] = _("Give the result in both English and French.")
    if errors:
        raise ValidationError(errors)

    targets = list(indicator.targets.all())
    target = target_in_force(targets, year)
    computed_status = status_for(
        year=year, value=fields["value"], target=target, seeking_to=indicator.seeking_to
    )
    if target is not None and target.target_type not in NUMERIC_TYPES and status:
        computed_status = status  # a narrative target: the manager judges it
    if computed_status not in (Status.MET, Status.NOT_MET):
        computed_status = Status.NOT_AVAILABLE
    try:
        with transaction.atomic():
            result = Result.objects.create(
                indicator=indicator,
                fiscal_year=year.start_year,
                is_percentage=indicator.is_percentage,
                actual_result_en=actual_result_en.strip(),
                actual_result_fr=actual_result_fr.strip(),
                status=computed_status,
                explanation_en=explanation_en,
                explanation_fr=explanation_fr,
                recorded_by=recorded_by,
                **fields,
            )
    except IntegrityError:
        # another manager recorded the same year a moment ago
        raise ValidationError(
            {
                "__all__": _("A result for %(year)s has already been recorded.")
                % {"year": year.label}
            }
        ) from None
    notifications.result_recorded(result=result, actor=recorded_by)
    return result
