"""Template helpers used across the portal."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.translation import get_language_info, gettext, pgettext

from core import dates
from core.fiscal import FiscalYear
from core.models import current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The other official language(s), each linking to the same page in that language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current_language():
            continue
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": translate_url(path, code)})
    return links


@register.filter
def money(value, places=2):
    """Canadian dollars in the active language: $1,234,567.89 / 1 234 567,89 $."""
    if value in (None, ""):
        return "—"
    amount = number_format(
        Decimal(value), decimal_pos=int(places), use_l10n=True, force_grouping=True
    )
    if current_language() == "fr":
        return f"{amount}\xa0$"
    if amount.startswith("-"):
        return f"-${amount[1:]}"
    return f"${amount}"


@register.filter
def percent(value, places=1):
    """A percentage in the active language: 87.5% / 87,5 %."""
    if value in (None, ""):
        return "—"
    text = number_format(
        Decimal(value), decimal_pos=int(places), use_l10n=True, force_grouping=True
    )
    return f"{text}\xa0%" if current_language() == "fr" else f"{text}%"


@register.filter
def fiscal_year(value):
    """A fiscal year (its start year, or a FiscalYear) labelled in the active language."""
    if value in (None, ""):
        return "—"
    year = value if isinstance(value, FiscalYear) else FiscalYear(int(value))
    return year.label


@register.filter
def long_date(value) -> str:
    """A date written out in the active language: 1 July 2013 / 1er juillet 2013."""
    return dates.long_date(value)


@register.filter
def long_datetime(value) -> str:
    """A date and time written out: 1 July 2013, 14:05 / 1er juillet 2013, 14 h 05."""
    return dates.long_datetime(value)


# French elides "que" before a vowel or a mute h: « Connecté en tant qu’Olivia ».
_ELIDING = set("aeiouyhàâäéèêëîïôöùûüœæ")


@register.simple_tag
def signed_in_as(user) -> str:
    """ "Signed in as Olivia", with the French elision the name calls for."""
    name = str(user)
    if name[:1].lower() in _ELIDING:
        return pgettext("the name starts with a vowel", "Signed in as %(name)s") % {"name": name}
    return gettext("Signed in as %(name)s") % {"name": name}


@register.simple_tag
def month_year(month, year) -> str:
    """A month of a year in the active language: "March 2018" / « mars 2018 »; the year alone
    when there is no month; "—" when there is neither. (The year is never digit-grouped.)"""
    if not year:
        return "—"
    if not month:
        return str(year)
    return f"{MONTHS[int(month)]} {year}"
