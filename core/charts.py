"""Server-rendered, accessible SVG charts: no JavaScript, readable by screen readers, printable.

A `BarChart` draws grouped vertical bars — one group per category (e.g. a fiscal year), one bar
per series (e.g. a transfer payment) — with labelled axes and a value grid. Render it in a
template with `{% load charts %}{% bar_chart chart %}`: a <figure> holding the SVG
(role="img" with <title> and <desc>), an HTML legend, and the data table with every value, so
nothing is conveyed by the picture alone. Values and ticks are formatted in the active language
when the template renders (pass `value_format` / `tick_format`, e.g. `money` and `money_compact`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.formatting import number
from core.models import current_language

# Each colour has at least 3:1 contrast against white (WCAG 1.4.11 non-text contrast) and the
# neighbours differ in lightness as well as hue.
PALETTE = ["#26374a", "#0e7c86", "#a6490f", "#6b3fa0", "#2e7d32", "#8a1c49"]
TEXT = "#333333"
GRID = "#c8c8c8"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def _html(template: str, *args) -> SafeString:
    """format_html with coordinates rounded to one decimal (format_html escapes to text first)."""
    return format_html(template, *(f"{a:.1f}" if isinstance(a, float) else a for a in args))


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `maximum` (steps of 1, 2, 2.5 or 5 × 10^n)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < maximum:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _grid(chart, ticks, y, plot_w: float, tick_format) -> SafeString:
    """The horizontal value lines across the plot, each with its value on the left."""
    m = chart.margins
    return mark_safe(
        "".join(
            _html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" '
                'font-size="12" fill="{}">{}</text>',
                m["left"],
                y(tick),
                m["left"] + plot_w,
                y(tick),
                GRID,
                m["left"] - 8,
                y(tick),
                TEXT,
                tick_format(Decimal(str(tick))),
            )
            for tick in ticks
        )
    )  # every part was built by format_html


def _axes(chart, plot_w: float, plot_h: float) -> SafeString:
    """The two axes of a chart's plot area, with the axis labels."""
    m = chart.margins
    return _html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"/>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"/>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="13" font-weight="bold" '
        'fill="{}">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="13" font-weight="bold" '
        'fill="{}" transform="rotate(-90 {} {})">{}</text>',
        m["left"],
        m["top"],
        m["left"],
        m["top"] + plot_h,
        TEXT,
        m["left"],
        m["top"] + plot_h,
        m["left"] + plot_w,
        m["top"] + plot_h,
        TEXT,
        m["left"] + plot_w / 2,
        chart.height - 12,
        TEXT,
        chart.x_label,
        16,
        m["top"] + plot_h / 2,
        TEXT,
        16,
        m["top"] + plot_h / 2,
        chart.y_label,
    )


def _svg(chart, parts: list[str]) -> SafeString:
    """The accessible <svg> element around a chart's parts: role="img" with a title and a
    description that screen readers announce."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="{id}-title {id}-desc" '
        'font-family="{font}" preserveAspectRatio="xMinYMin meet">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{body}</svg>",
        w=chart.width,
        h=chart.height,
        id=chart.id,
        font=FONT,
        title=chart.title,
        desc=chart.description,
        body=mark_safe("".join(parts)),  # every part was built by format_html
    )


@dataclass
class Series:
    label: str
    values: Sequence  # one value (number or None) per category
    color: str | None = None


class _Chart:
    """What a bar chart and a line chart share: the series' colours, the legend and the data
    table (their dataclasses hold the fields)."""

    categories: Sequence[str]
    series: Sequence[Series]
    value_format: Callable

    def colors(self) -> list[str]:
        return [s.color or PALETTE[i % len(PALETTE)] for i, s in enumerate(self.series)]

    def legend(self) -> list[dict]:
        return [
            {"label": s.label, "color": c} for s, c in zip(self.series, self.colors(), strict=True)
        ]

    def rows(self) -> list[dict]:
        """The data table: one row per category, one formatted cell per series."""
        return [
            {
                "category": category,
                "cells": [self.value_format(s.values[i]) for s in self.series],
            }
            for i, category in enumerate(self.categories)
        ]


@dataclass
class BarChart(_Chart):
    id: str  # unique on the page; prefixes the SVG's element ids
    title: str
    description: str
    categories: Sequence[str]
    series: Sequence[Series]
    x_label: str
    y_label: str
    value_format: Callable = number
    tick_format: Callable | None = None
    width: int = 760
    height: int = 380
    table_caption: str = ""
    margins: dict = field(
        default_factory=lambda: {"top": 16, "right": 16, "bottom": 64, "left": 96}
    )

    def svg(self) -> SafeString:
        m = self.margins
        plot_w = self.width - m["left"] - m["right"]
        plot_h = self.height - m["top"] - m["bottom"]
        values = [float(v) for s in self.series for v in s.values if v is not None]
        ticks = nice_ticks(max(values, default=0))
        top = ticks[-1] or 1
        tick_format = self.tick_format or self.value_format

        def y(value: float) -> float:
            return m["top"] + plot_h - (value / top) * plot_h

        parts: list[str] = []
        parts.append(_grid(self, ticks, y, plot_w, tick_format))
        # Bars, grouped by category.
        n_cat = max(len(self.categories), 1)
        n_ser = max(len(self.series), 1)
        group_w = plot_w / n_cat
        bar_w = group_w * 0.8 / n_ser
        # About 7 px a character at 12 px, plus a gap: how many groups one label needs.
        widest = max((len(str(c)) for c in self.categories), default=0)
        label_step = max(1, math.ceil((widest * 7 + 8) / group_w))
        colors = self.colors()
        for ci, category in enumerate(self.categories):
            x0 = m["left"] + ci * group_w + group_w * 0.1
            for si, serie in enumerate(self.series):
                value = serie.values[ci]
                if value is None:
                    continue
                height = max((float(value) / top) * plot_h, 0)
                parts.append(
                    _html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{} — {} : {}</title></rect>"
                        if current_language() == "fr"
                        else '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{} — {}: {}</title></rect>",
                        x0 + si * bar_w,
                        y(float(value)),
                        max(bar_w - 2, 1),
                        height,
                        colors[si],
                        serie.label,
                        category,
                        self.value_format(value),
                    )
                )
            if ci % label_step:
                continue  # crowded: every other (or third) label; the data table has them all
            parts.append(
                _html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
                    m["left"] + ci * group_w + group_w / 2,
                    m["top"] + plot_h + 18,
                    TEXT,
                    category,
                )
            )
        parts.append(_axes(self, plot_w, plot_h))
        return _svg(self, parts)


@dataclass
class LineChart(_Chart):
    """A trend: one line per series across categories (e.g. fiscal years), with a point and a
    tooltip per value. A missing value (None) breaks the line rather than dropping to zero.
    Series listed in `dashed` are drawn dashed (e.g. a target), so colour is not the only cue.
    Render it with `{% line_chart chart %}`: the same figure, legend and data table as a bar chart.
    """

    id: str
    title: str
    description: str
    categories: Sequence[str]
    series: Sequence[Series]
    x_label: str
    y_label: str
    value_format: Callable = number
    tick_format: Callable | None = None
    y_max: float | None = None  # e.g. 100 for percentages; else from the data
    dashed: Sequence[int] = ()
    width: int = 760
    height: int = 320
    table_caption: str = ""
    margins: dict = field(
        default_factory=lambda: {"top": 16, "right": 16, "bottom": 64, "left": 72}
    )

    def legend_items(self) -> list[dict]:
        return [{**item, "dashed": i in self.dashed} for i, item in enumerate(self.legend())]

    def svg(self) -> SafeString:
        m = self.margins
        plot_w = self.width - m["left"] - m["right"]
        plot_h = self.height - m["top"] - m["bottom"]
        values = [float(v) for s in self.series for v in s.values if v is not None]
        ticks = nice_ticks(self.y_max or max(values, default=0))
        top = max(ticks[-1], max(values, default=0)) or 1
        tick_format = self.tick_format or self.value_format
        n_cat = max(len(self.categories), 1)
        step = plot_w / n_cat

        def x(index: int) -> float:
            return m["left"] + step * index + step / 2

        def y(value: float) -> float:
            return m["top"] + plot_h - (value / top) * plot_h

        parts: list[str] = []
        parts.append(_grid(self, ticks, y, plot_w, tick_format))
        # Category labels; with many categories, every other one (the table has them all).
        every = 1 if n_cat <= 10 else 2
        for ci, category in enumerate(self.categories):
            if ci % every == 0 or ci == n_cat - 1:
                parts.append(
                    _html(
                        '<text x="{}" y="{}" text-anchor="middle" font-size="12" '
                        'fill="{}">{}</text>',
                        x(ci),
                        m["top"] + plot_h + 18,
                        TEXT,
                        category,
                    )
                )
        colors = self.colors()
        separator = " : " if current_language() == "fr" else ": "
        for si, serie in enumerate(self.series):
            dash = ' stroke-dasharray="6 4"' if si in self.dashed else ""
            segment: list[str] = []
            segments: list[list[str]] = [segment]
            for ci, value in enumerate(serie.values):
                if value is None:
                    segment = []
                    segments.append(segment)
                    continue
                segment.append(f"{x(ci):.1f},{y(float(value)):.1f}")
            for points in segments:
                if len(points) > 1:
                    parts.append(
                        format_html(
                            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                            " ".join(points),
                            colors[si],
                            mark_safe(dash),  # a constant attribute
                        )
                    )
            for ci, value in enumerate(serie.values):
                if value is None:
                    continue
                parts.append(
                    _html(
                        '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{} — {}{}{}</title>'
                        "</circle>",
                        x(ci),
                        y(float(value)),
                        colors[si],
                        serie.label,
                        self.categories[ci],
                        separator,
                        self.value_format(value),
                    )
                )
        parts.append(_axes(self, plot_w, plot_h))
        return _svg(self, parts)
