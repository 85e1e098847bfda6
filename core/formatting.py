"""How the portal writes its figures, in the active language, the one way everywhere: numbers,
money ($1,234,567.89 / 1 234 567,89 $), percentages (87.5% / 87,5 %), long dates ("1 July 2013" /
« 1er juillet 2013 ») and fiscal years ("2013-14" / « 2013-2014 »).

One rounding rule behind every figure shown or exported: half up, in decimal arithmetic
(`rounded`, `percentage`). A share computed for one page and written on another therefore reads
the same on both (the funding dashboard and the funding summary, the cards and the exports).
Templates use the `portal` tags, which are these functions; Python code (models, services, forms,
tables, messages) calls them here, never the template tags.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

from core.fiscal import FiscalYear
from core.models import current_language

ROUNDING = ROUND_HALF_UP
HUNDRED = Decimal(100)
EMPTY = "—"


def rounded(value, places: int) -> Decimal:
    """`value` to `places` decimals, half up (72.45 → 72.5, never 72.4)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUNDING)


def percentage(numerator, denominator, places: int = 1) -> Decimal | None:
    """numerator ÷ denominator × 100, rounded half up to `places`; None without a denominator."""
    if not denominator:
        return None
    return rounded(Decimal(str(numerator or 0)) * HUNDRED / Decimal(str(denominator)), places)


def _grouped(value, places: int) -> str:
    # rounded first: Django's number_format cuts the extra decimals off instead of rounding
    return number_format(
        rounded(value, places), decimal_pos=places, use_l10n=True, force_grouping=True
    )


def number(value) -> str:
    """A count or a measure: whole numbers without decimals, others to two (1,234 / 1 234,5)."""
    if value is None:
        return EMPTY
    places = 0 if Decimal(value) == Decimal(value).to_integral_value() else 2
    return _grouped(value, places)


def money(value, places=2) -> str:
    """Canadian dollars: $1,234,567.89 / 1 234 567,89 $."""
    if value in (None, ""):
        return EMPTY
    amount = _grouped(value, int(places))
    if current_language() == "fr":
        return f"{amount}\xa0$"
    if amount.startswith("-"):
        return f"-${amount[1:]}"
    return f"${amount}"


def money_compact(value) -> str:
    """Short dollar amounts for axis ticks: $2.5M / 2,5 M$, $750K / 750 k$."""
    value = Decimal(value)
    french = current_language() == "fr"
    for size, suffix_en, suffix_fr in (
        (Decimal(10**9), "B", " G$"),
        (Decimal(10**6), "M", " M$"),
        (Decimal(10**3), "K", " k$"),
    ):
        if abs(value) >= size:
            scaled = (value / size).normalize()
            places = 0 if scaled == scaled.to_integral_value() else 1
            text = number_format(rounded(scaled, places), decimal_pos=places, use_l10n=True)
            return f"{text}{suffix_fr}".replace(" ", "\xa0") if french else f"${text}{suffix_en}"
    text = number_format(rounded(value, 0), decimal_pos=0, use_l10n=True)
    return f"{text}\xa0$" if french else f"${text}"


def percent(value, places=1) -> str:
    """A percentage: 87.5% / 87,5 %."""
    if value in (None, ""):
        return EMPTY
    text = _grouped(value, int(places))
    return f"{text}\xa0%" if current_language() == "fr" else f"{text}%"


def fiscal_year_label(value) -> str:
    """A fiscal year (its start year, or a FiscalYear): 2013-14 / 2013-2014."""
    if value in (None, ""):
        return EMPTY
    year = value if isinstance(value, FiscalYear) else FiscalYear(int(value))
    return year.label


def _long(value, format_name: str) -> str:
    if value in (None, ""):
        return ""
    # datetimes in the local time zone, dates as is (django-stubs lacks template_localtime)
    value = timezone.template_localtime(value)  # type: ignore[attr-defined]
    pattern = get_format(format_name)
    if (get_language() or "").startswith("fr") and value.day == 1:
        # French writes the first of a month as an ordinal: « 1er juillet 2013 »
        pattern = pattern.replace("j", r"j\e\r", 1)
    return format_date(value, pattern)


def long_date(value) -> str:
    """A date written out: 1 July 2013 / 1er juillet 2013."""
    return _long(value, "DATE_FORMAT")


def long_datetime(value) -> str:
    """A date and time written out: 1 July 2013, 14:05 / 1er juillet 2013, 14 h 05."""
    return _long(value, "DATETIME_FORMAT")
