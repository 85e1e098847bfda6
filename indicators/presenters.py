"""What the indicator pages show, written out: the figures as text (core.formatting), each
indicator's card with its trend chart, and the rows of the dashboards' tables and exports. The
views read the data (selectors) and hand it here; nothing in this module queries by itself
except the URLs it reverses."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.charts import LineChart, Series
from core.fiscal import FiscalYear
from core.formatting import money, number, percent

from . import selectors
from .models import Indicator, TargetType
from .tables import figure

# The target line of the trend charts (the GC Design System's accent, 4.5:1 on white).
TARGET_COLOR = "#a6490f"
RANGE_TYPES = (TargetType.PERCENT_RANGE, TargetType.NUM_RANGE)


def format_value(value, indicator_or_calc, *, money_values=False):
    if value is None:
        return _("Not available")
    if money_values:
        return money(value, 0)
    if indicator_or_calc.is_percentage:
        return percent(value, getattr(indicator_or_calc, "decimals", 1))
    return number(value)


def format_target(target, indicator=None):
    if target is None:
        return _("No target set")
    if target.target_type == TargetType.TEXT:
        return str(target.narrative)
    if target.target_type == TargetType.TBD:
        return _("To be determined")
    places = indicator.decimals if indicator is not None else 1
    fmt = (lambda v: percent(v, places)) if target.is_percentage else number
    if target.lower == target.upper:
        text = fmt(target.lower)
    elif target.target_type in RANGE_TYPES:
        text = _("%(low)s to %(high)s") % {"low": fmt(target.lower), "high": fmt(target.upper)}
    else:
        text = fmt(target.lower)
    if indicator is not None and target.lower == target.upper:
        if indicator.seeking_to == Indicator.SeekingTo.INCREASE:
            text = _("at least %(value)s") % {"value": text}
        elif indicator.seeking_to == Indicator.SeekingTo.DECREASE:
            text = _("at most %(value)s") % {"value": text}
    return text


def source_text(result) -> str:
    """Where a recorded result comes from: a GC InfoBase publication, or the portal."""
    if result is None:
        return ""
    if result.source:
        if result.source.startswith("drr") and result.source[3:].isdigit():
            year = FiscalYear(2000 + int(result.source[3:]))
            text = _(
                "As published in GC InfoBase (%(doc)s: Departmental Results Report %(year)s)"
            ) % {"doc": result.source, "year": year.label}
        else:
            text = _("As published in GC InfoBase (%(doc)s)") % {"doc": result.source}
        if result.revised_at:
            text = _("%(source)s, then revised on the portal") % {"source": text}
        return text
    return _("Recorded on the portal")


def target_context(reading):
    """How the target reads for a year, naming the year it was set for when it is another."""
    target = reading.target
    if target is None:
        return ""
    if target.fiscal_year != reading.year.start_year:
        return _("set for %(year)s") % {"year": target.year.label}
    return ""


# --- the indicator card -----------------------------------------------------------------------


def _trend_chart(indicator, shown) -> LineChart:
    target_values = [
        (
            r.target.lower
            if r.target is not None and r.target.target_type != TargetType.TEXT
            else None
        )
        for r in shown
    ]
    series = [Series(_("Result"), [r.value for r in shown])]
    if any(v is not None for v in target_values):
        series.append(Series(_("Target"), target_values, color=TARGET_COLOR))
    return LineChart(
        id=f"trend-{indicator.pk}",
        title=_("%(indicator)s, by fiscal year") % {"indicator": indicator.name},
        description=_("Trend of the result across fiscal years; the data table follows."),
        categories=[r.year.label for r in shown],
        series=series,
        x_label=_("Fiscal year"),
        y_label=_("Percentage") if indicator.is_percentage else _("Number"),
        value_format=(lambda v: percent(v, indicator.decimals))
        if indicator.is_percentage
        else number,
        y_max=100 if indicator.is_percentage else None,
        dashed=(1,),
    )


def _figure_links(indicator, calc, figures, year) -> dict:
    """Each figure's drill-down: the records it counts (and those awaiting approval)."""
    if calc is None or figures is None:
        return {}
    names = list(calc.figures)
    if figures.awaiting is not None:
        names.append("awaiting")
    return {
        name: reverse("indicators:indicator_records", args=[indicator.code, year, name])
        for name in names
    }


def _year_rows(indicator, shown) -> list[dict]:
    return [
        {
            "year": r.year,
            "value": format_value(r.value, indicator),
            "live": format_value(r.live_value, indicator) if r.figures else "",
            "target": format_target(r.target, indicator),
            "status": r.status_label,
            "status_class": r.status_class,
            "recorded": r.result is not None,
            "url": reverse("indicators:indicator_year", args=[indicator.code, r.year]),
        }
        for r in shown
    ]


def _counted_text(value, is_money) -> str:
    return money(value, 0) if is_money else number(value)


def card_for(trend, year, years):
    """What an indicator card shows for the selected year, with its trend chart."""
    indicator = trend.indicator
    reading = trend.reading(year)
    calc = trend.calculation
    is_money = bool(calc and calc.is_money)
    shown = [r for r in trend.readings if r.year <= max(year, FiscalYear.current())]
    figures = reading.figures
    result = reading.result
    if figures is not None and figures.lenient_value is not None:
        lenient_text = format_value(figures.lenient_value, indicator)
    else:
        lenient_text = _("Not available") if calc and calc.has_lenient else ""
    return {
        "indicator": indicator,
        "calculation": calc,
        "reading": reading,
        "result_basis": (
            _("%(n)s of %(d)s") % {"n": number(result.numerator), "d": number(result.denominator)}
            if result is not None and result.denominator
            else ""
        ),
        "source_text": source_text(result),
        "figures": figures,
        "value_text": format_value(reading.value, indicator),
        "live_text": format_value(reading.live_value, indicator),
        "lenient_text": lenient_text,
        "numerator_text": _counted_text(figures.numerator, is_money) if figures else "",
        "denominator_text": _counted_text(figures.denominator, is_money) if figures else "",
        "target_text": format_target(reading.target, indicator),
        "target_note": target_context(reading),
        "chart": _trend_chart(indicator, shown),
        "rows": _year_rows(indicator, shown),
        "links": _figure_links(indicator, calc, figures, year),
        "year_url": reverse("indicators:indicator_year", args=[indicator.code, year]),
    }


# --- the dashboards' tables (on the page and in the exports) ----------------------------------


def _counted(card, name):
    """A card's numerator or denominator, typed for the exports (dollars for a money figure)."""
    figures = card["figures"]
    if figures is None:
        return None
    calc = card["calculation"]
    return figure(getattr(figures, name), calc, money_values=bool(calc and calc.is_money))


def _or_blank(value):
    return value if value is not None else ""


def summary_rows(cards):
    rows = []
    for card in cards:
        indicator, reading, figures = card["indicator"], card["reading"], card["figures"]
        rows.append(
            {
                "code": indicator.code,
                "indicator": str(indicator.name),
                "kind": indicator.get_kind_display(),
                "value": figure(reading.value, indicator),
                "lenient": figure(figures.lenient_value if figures else None, indicator),
                "numerator": _counted(card, "numerator"),
                "denominator": _counted(card, "denominator"),
                "target": card["target_text"],
                "status": reading.status_label,
                "awaiting": _or_blank(reading.awaiting),
                "late": _or_blank(figures.late) if figures is not None else "",
                "set_late": _or_blank(figures.set_late) if figures is not None else "",
                "recorded": _("Yes") if reading.result else _("No"),
            }
        )
    return rows


def _trend_row(trend, r) -> dict:
    indicator, calc, figures = trend.indicator, trend.calculation, r.figures
    return {
        "code": indicator.code,
        "indicator": str(indicator.name),
        "fiscal_year": r.year.label,
        "value": figure(r.value, indicator),
        "live_value": figure(r.live_value, indicator) if figures else None,
        "lenient": figure(figures.lenient_value, indicator)
        if figures and calc.has_lenient
        else None,
        "numerator": figure(figures.numerator, calc, money_values=calc.is_money)
        if figures
        else None,
        "denominator": figure(figures.denominator, calc, money_values=calc.is_money)
        if figures
        else None,
        "target": format_target(r.target, indicator),
        "status": r.status_label,
    }


def trend_rows(trends):
    current = FiscalYear.current()
    return [_trend_row(trend, r) for trend in trends for r in trend.readings if r.year <= current]


def resource_rows(resources):
    return [
        {
            "fiscal_year": r.year.label,
            "planned_spending": r.planned_spending,
            "authorities": r.authorities,
            "actual_spending": r.actual_spending,
            "planned_ftes": r.planned_ftes,
            "actual_ftes": r.actual_ftes,
        }
        for r in resources
    ]


def attention_rows(items):
    rows = []
    for item in items:
        if item.is_overdue_report:
            what = _("Report overdue: %(report)s") % {"report": item.report.get_kind_display()}
        else:
            what = _("Agreement ending soon")
        rows.append(
            {
                "what": what,
                "agreement": str(item.agreement),
                "url": item.agreement.get_absolute_url(),
                "date": item.date,
                "days": item.days,
            }
        )
    return rows


def forum_rows(forums):
    """The by-forum dashboard's rows (forums annotated by selectors.forum_rows_for_dashboard)."""
    return [
        {
            "forum": f"{forum.acronym} — {forum.name}",
            "forum_pk": forum.pk,
            "forum_url": forum.get_absolute_url(),
            "meetings": forum.n_meetings,
            "important_meetings": forum.n_important_meetings,
            "engagements": forum.n_engagements,
            "positions": forum.n_positions,
            "assessed": forum.n_assessed,
            "reflected": forum.n_reflected,
            "share": selectors.share(forum.n_reflected, forum.n_assessed),
        }
        for forum in forums
    ]


def funding_rows(cells, year, *, may_open: bool):
    """The selected year's amounts, one row per transfer payment (partners.selectors'
    funding_year_cells), each linking to the agreements behind it (the agreement itself when
    there is only one) for a reader who may open them."""
    list_url = reverse("partners:agreement_list")
    rows = []
    for transfer_payment, cell in cells:
        if not cell.agreements:
            continue
        url = ""
        if may_open:
            url = (
                reverse("partners:agreement_detail", args=[cell.agreement_id])
                if cell.agreement_id
                else f"{list_url}?transfer_payment={transfer_payment.pk}&fiscal_year={year.slug}"
            )
        rows.append(
            {
                "transfer_payment": str(transfer_payment.name),
                "fiscal_year": year.label,
                "authorized": cell.authorized,
                "actual": cell.actual if cell.actual_known else None,
                "share": selectors.share(cell.actual, cell.authorized)
                if cell.actual_known
                else None,
                "url": url,
            }
        )
    return rows
