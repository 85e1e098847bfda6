"""`{% bar_chart chart %}`: a core.charts.BarChart as a figure with its legend and data table."""

from django import template

register = template.Library()


@register.inclusion_tag("core/includes/bar_chart.html")
def bar_chart(chart, heading_level=3):
    return {"chart": chart, "heading_level": heading_level}


@register.inclusion_tag("core/includes/line_chart.html")
def line_chart(chart, heading_level=3):
    return {"chart": chart, "heading_level": heading_level}
