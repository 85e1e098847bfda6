"""Writes: recording a fiscal year's result and revising it (every version kept in its history),
and the explanation drafted from the records for the manager to edit."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.fiscal import FiscalYear
from notifications import services as notifications

from .calculations import Figures
from .models import NUMERIC_TYPES, Indicator, Result, Status
from .status import status_for, target_in_force


def draft_explanation(indicator: Indicator, year: FiscalYear, figures: Figures | None) -> dict:
    """The explanation in both languages, written from the records in the department's style
    ("In 2018-19, IRCC attended 21 meetings identified as important, of which 19 resulted in
    outcomes favourable to Canadian positions."), for the manager to edit before saving. Empty
    when there is nothing counted to write from."""
    if figures is None:
        return {"explanation_en": "", "explanation_fr": ""}
    attended, favourable = figures.meetings_attended, figures.meetings_favourable
    if attended:
        return {
            "explanation_en": (
                f"In {year.label_en}, IRCC attended {attended} meetings identified as important, "
                f"of which {favourable} resulted in outcomes favourable to Canadian positions."
            ),
            "explanation_fr": (
                f"En {year.label_fr}, IRCC a assisté à {attended} réunions jugées importantes, "
                f"dont {favourable} ont permis d’obtenir des résultats favorables aux positions "
                "canadiennes."
            ),
        }
    if figures.denominator:
        units_en = indicator.calculation.units_label if indicator.calculation else ""
        from django.utils import translation

        with translation.override("en"):
            units_en = str(units_en)
        with translation.override("fr"):
            units_fr = str(indicator.calculation.units_label)
        return {
            "explanation_en": (
                f"In {year.label_en}, the result was {figures.numerator} of "
                f"{figures.denominator} {units_en}."
            ),
            "explanation_fr": (
                f"En {year.label_fr}, le résultat a été de {figures.numerator} sur "
                f"{figures.denominator} {units_fr}."
            ),
        }
    return {"explanation_en": "", "explanation_fr": ""}


def _measured(indicator, year, value) -> dict:
    """The measured fields of a result, for recording and revising alike: a computed indicator's
    from its live calculation, a hand-entered one's from `value` (Result.clean() checks them)."""
    if indicator.is_computed:
        figures = indicator.calculation.figures_for(year)
        counted = figures.numerator if figures.denominator else None
        return {
            "value": figures.value,
            "numerator": counted,
            "denominator": figures.denominator if figures.denominator else None,
            "lenient_value": figures.lenient_value,
            "lenient_numerator": figures.lenient_numerator if figures.denominator else None,
        }
    return {"value": value}


def _status(indicator, year, value, status) -> str:
    """Met or not met against the target in force; a narrative target's status is the manager's
    judgement (`status`); anything else is not available."""
    target = target_in_force(list(indicator.targets.all()), year)
    computed = status_for(year=year, value=value, target=target, seeking_to=indicator.seeking_to)
    if target is not None and target.target_type not in NUMERIC_TYPES and status:
        computed = status
    return computed if computed in (Status.MET, Status.NOT_MET) else Status.NOT_AVAILABLE


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
    result = Result(
        indicator=indicator,
        fiscal_year=year.start_year,
        is_percentage=indicator.is_percentage,
        actual_result_en=actual_result_en.strip(),
        actual_result_fr=actual_result_fr.strip(),
        explanation_en=explanation_en.strip(),
        explanation_fr=explanation_fr.strip(),
        recorded_by=recorded_by,
        **_measured(indicator, year, value),
    )
    result.status = _status(indicator, year, result.value, status)
    result.full_clean()
    try:
        with transaction.atomic():
            result.save()
    except IntegrityError:
        # another manager recorded the same year a moment ago
        raise ValidationError({NON_FIELD_ERRORS: [result.already_recorded_error()]}) from None
    notifications.result_recorded(result=result, actor=recorded_by)
    return result


@transaction.atomic
def revise_result(
    *,
    result: Result,
    revised_by,
    reason: str,
    explanation_en: str,
    explanation_fr: str,
    value: Decimal | None = None,
    actual_result_en: str = "",
    actual_result_fr: str = "",
    status: str | None = None,
) -> Result:
    """A manager revises a recorded result, saying why: a computed indicator's value is taken
    from the live calculation again, a hand-entered one's from `value`. The previous version stays
    in the result's history (with who, when and the reason); the exports use the latest. A result
    published in GC InfoBase keeps its source; its published row stays in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the result is revised.")})
    current = Result.objects.select_for_update().get(pk=result.pk)
    indicator = current.indicator
    fields = _measured(indicator, current.year, value)
    if not indicator.is_computed:
        fields.update(
            actual_result_en=actual_result_en.strip(), actual_result_fr=actual_result_fr.strip()
        )
    computed_status = _status(indicator, current.year, fields["value"], status)
    for name, value_ in fields.items():
        setattr(current, name, value_)
    current.status = computed_status
    current.explanation_en = explanation_en.strip()
    current.explanation_fr = explanation_fr.strip()
    current.revised_by = revised_by
    current.revised_at = timezone.now()
    current.revision_reason = reason
    current.published = {}  # no longer the row as published: the export writes the revision
    current.full_clean()
    current._history_user = revised_by
    current._change_reason = reason[:100]
    current.save()
    notifications.result_recorded(result=current, actor=revised_by, revised=True)
    return current
