"""Template helpers used across the portal."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.translation import get_language_info, gettext, pgettext

from core import formatting
from core.forms import error_summary_items
from core.languages import language_of
from core.models import current_language

register = template.Library()

# The figures are written by core.formatting, the one way Python code writes them too.
register.filter("money", formatting.money)
register.filter("percent", formatting.percent)
register.filter("fiscal_year", formatting.fiscal_year_label)
register.filter("long_date", formatting.long_date)
register.filter("long_datetime", formatting.long_datetime)


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


@register.simple_tag
def error_summary_for(form):
    """The error summary's items for one form (core/includes/form_error_summary.html)."""
    if not form or not form.errors:
        return []
    return error_summary_items(form)


@register.filter
def lang_of(text, declared=""):
    """The language an officer's text is written in, for its `lang` attribute (core/languages):
    `<p lang="{{ note|lang_of:engagement.language }}">`. Empty when unknown (the attribute is then
    empty, which means "unknown" in HTML, rather than the page's language)."""
    return language_of(text, declared)


@register.filter
def lang_attr(text, declared=""):
    """` lang="fr"` for an element holding an officer's text (see lang_of), or nothing when its
    language is unknown (the element then follows the page): `<td{{ note|lang_attr }}>`."""
    code = language_of(text, declared)
    return format_html(' lang="{}"', code) if code else ""
