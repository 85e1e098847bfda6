"""Dates written out in the active language, the one way the portal writes them: "1 July 2013" /
« 1er juillet 2013 » (French writes the first of a month as an ordinal). Templates use the
`long_date` / `long_datetime` filters; Python code (history, validation messages, labels) calls
these functions, so that « 1er » cannot be forgotten anywhere."""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.translation import get_language


def _long(value, format_name: str) -> str:
    if value in (None, ""):
        return ""
    value = timezone.template_localtime(value)  # datetimes in the local time zone, dates as is
    pattern = get_format(format_name)
    if (get_language() or "").startswith("fr") and value.day == 1:
        pattern = pattern.replace("j", r"j\e\r", 1)
    return format_date(value, pattern)


def long_date(value) -> str:
    return _long(value, "DATE_FORMAT")


def long_datetime(value) -> str:
    return _long(value, "DATETIME_FORMAT")
