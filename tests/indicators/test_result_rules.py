"""A recorded result's rules live in Result (clean() and its constraints): the service and the
form reach them through full_clean()."""

from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from core.fiscal import FiscalYear
from indicators import services
from indicators.models import Result
from tests.accounts.factories import UserFactory
from tests.indicators.factories import ResultFactory, official
from tests.indicators.records import YEAR

pytestmark = pytest.mark.django_db


def _built(**fields) -> Result:
    return ResultFactory.build(recorded_by=UserFactory(), **fields)


def _errors(result) -> dict:
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    return error.value.message_dict


def test_explanations_in_both_languages():
    errors = _errors(_built(explanation_en="", explanation_fr=""))
    assert errors["explanation_en"] == ["Give the explanation in English."]
    assert errors["explanation_fr"] == ["Give the explanation in French."]


def test_a_percentage_stays_within_0_and_100():
    errors = _errors(_built(value=Decimal("100.5"), lenient_value=Decimal("-1")))
    assert errors["value"] == ["A percentage must be between 0 and 100."]
    assert errors["lenient_value"] == ["A percentage must be between 0 and 100."]
    _built(is_percentage=False, value=Decimal("250")).full_clean()


def test_the_result_text_in_both_languages_or_neither():
    errors = _errors(_built(actual_result_en="21 meetings", actual_result_fr=""))
    assert errors["actual_result_fr"] == ["Give the result in both English and French."]


def test_not_recorded_before_the_year_has_ended():
    current = FiscalYear.current()
    errors = _errors(_built(fiscal_year=current.start_year))
    assert "once the fiscal year has ended" in errors[NON_FIELD_ERRORS][0]


def test_one_result_per_indicator_and_year_said_with_the_year():
    ResultFactory()
    errors = _errors(_built())
    assert errors[NON_FIELD_ERRORS] == [
        f"A result for {FiscalYear(YEAR).label} has already been recorded."
    ]


def test_the_service_reaches_the_same_rules(manager):
    recorded = Result.objects.count()
    with pytest.raises(ValidationError) as error:
        services.record_result(
            indicator=official(),
            year=FiscalYear(YEAR),
            recorded_by=manager,
            explanation_en="Explained",
            explanation_fr="",
        )
    assert error.value.message_dict["explanation_fr"] == ["Give the explanation in French."]
    assert Result.objects.count() == recorded
