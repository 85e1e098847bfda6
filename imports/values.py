"""What one cell may say and what it means: dates, yes/no, choices by code or label in either
language, countries, and lookups by name with the closest names suggested. Every parser returns
the value or raises CellError with a message in the reader's language."""

import datetime
import difflib
import re
import unicodedata
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from core.fiscal import FIRST_DAY, LAST_DAY


class CellError(ValueError):
    """A cell that cannot mean anything: its message is what the reader sees."""


def normal(value) -> str:
    """The form names are compared in: no case, no accents, single spaces."""
    text = unicodedata.normalize("NFKD", str(value or "")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip()


def text(value) -> str:
    """A cell as text, exactly as written (a text beginning with = stays text: never evaluated)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")


def date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        day = value
    else:
        raw = text(value)
        match = _ISO.match(raw)
        if match:
            try:
                day = datetime.date(*(int(part) for part in match.groups()))
            except ValueError as error:
                raise CellError(_("This date does not exist.")) from error
        elif _SLASHED.match(raw):
            raise CellError(
                _(
                    "This date is ambiguous: 03/04/2014 is 3 April in Canada’s French usage and "
                    "March 4 in American usage. Write it as YYYY-MM-DD (2014-04-03) or as a "
                    "spreadsheet date."
                )
            )
        else:
            raise CellError(_("Write the date as YYYY-MM-DD (2014-04-03) or a spreadsheet date."))
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CellError(
            _("Dates must be between %(first)s and %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
        )
    return day


YES = {"yes", "oui", "true", "vrai", "1", "y", "o"}
NO = {"no", "non", "false", "faux", "0", "n", ""}


def yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    word = normal(text(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("Write yes or no (oui, non, true, false, 1 or 0 also work)."))


def bilingual(label) -> tuple[str, str]:
    """A translatable label in English and in French."""
    with translation.override("en"):
        english = str(label)
    with translation.override("fr"):
        french = str(label)
    return english, french


class Lookup:
    """Names (in any of their forms) to objects; an unknown name suggests the closest ones."""

    def __init__(self, what: str):
        self.what = what  # "forum", "theme", ... as the message names it
        self.by_name: dict[str, list] = {}
        self.shown: dict[str, str] = {}  # a name's form as the suggestions show it

    def add(self, obj, *names):
        for name in names:
            key = normal(name)
            if not key:
                continue
            bucket = self.by_name.setdefault(key, [])
            if obj not in bucket:
                bucket.append(obj)
            self.shown.setdefault(key, str(name))

    def find(self, value):
        key = normal(text(value))
        found = self.by_name.get(key, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise CellError(
                _("“%(value)s” names more than one %(what)s: use its code or full name.")
                % {"value": text(value), "what": self.what}
            )
        close = difflib.get_close_matches(key, self.by_name, n=3, cutoff=0.6)
        if close:
            raise CellError(
                _("No %(what)s is called “%(value)s”. Closest: %(names)s.")
                % {
                    "what": self.what,
                    "value": text(value),
                    "names": ", ".join(_("“%(name)s”") % {"name": self.shown[c]} for c in close),
                }
            )
        raise CellError(
            _("No %(what)s is called “%(value)s”.") % {"what": self.what, "value": text(value)}
        )


def choices_lookup(what: str, choices) -> Lookup:
    """A TextChoices by its code or its label in either language."""
    lookup = Lookup(what)
    for value, label in choices.choices:
        lookup.add(value, value, *bilingual(label))
    return lookup


_COUNTRIES: Lookup | None = None


def country(value) -> str:
    """A country by its ISO code (two or three letters) or its name in English or French."""
    global _COUNTRIES
    if _COUNTRIES is None:
        lookup = Lookup(gettext_lazy("country"))
        for language in ("en", "fr"):
            with translation.override(language):
                for code, name in countries:
                    lookup.add(code, code, countries.alpha3(code), name)
        _COUNTRIES = lookup
    return _COUNTRIES.find(value)


_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")


def amount(value) -> Decimal:
    """An amount: 1234.56, 1 234,56 (French: a space between thousands, a decimal comma) or
    1,234.56 (English). A comma followed by one or two digits at the end is a decimal comma;
    commas between groups of three digits separate thousands."""
    if isinstance(value, bool):
        raise CellError(_("Write an amount, such as 1234.56 or 1 234,56."))
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    raw = re.sub(r"[\s\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}$]", "", text(value))
    if re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?", raw):
        raw = raw.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d{1,2}", raw):
        raw = raw.replace(",", ".")
    if not _AMOUNT.match(raw):
        raise CellError(_("Write an amount, such as 1234.56 or 1 234,56."))
    return Decimal(raw)
