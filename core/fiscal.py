"""Government of Canada fiscal years: 1 April to 31 March, labelled "2013-14" / « 2013-2014 ».

A fiscal year is stored as the calendar year it starts in (2013 for 2013-14).
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The portal's range, in one place: fiscal years 2000-01 to 2100-01, so every date the portal
# accepts (a meeting's, an agreement's, a report's) falls in a fiscal year it can label and count.
FIRST_YEAR = 2000
LAST_YEAR = 2100
_LABEL = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{2}|\d{4})$")


@dataclass(frozen=True, order=True)
class FiscalYear:
    start_year: int

    def __post_init__(self):
        if not FIRST_YEAR <= self.start_year <= LAST_YEAR:
            raise ValueError(f"fiscal year {self.start_year} out of range")

    @classmethod
    def from_date(cls, day: datetime.date) -> "FiscalYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def current(cls) -> "FiscalYear":
        return cls.from_date(timezone.localdate())

    @classmethod
    def parse(cls, label: str) -> "FiscalYear":
        """Read "2013-14" or "2013-2014"; ValueError on anything else (a well-formed label
        outside the years the portal knows included: see `is_well_formed`)."""
        return cls(cls.start_year_of(label))

    @staticmethod
    def start_year_of(label: str) -> int:
        """The start year a label such as "1999-00" names, whatever its range; ValueError when
        it is not written as a fiscal year."""
        match = _LABEL.match(str(label).strip())
        if not match:
            raise ValueError(f"not a fiscal year: {label!r}")
        start = int(match["start"])
        end = match["end"]
        expected = f"{(start + 1) % 100:02d}" if len(end) == 2 else str(start + 1)
        if end != expected:
            raise ValueError(f"not a fiscal year: {label!r}")
        return start

    @classmethod
    def is_well_formed(cls, label: str) -> bool:
        try:
            cls.start_year_of(label)
        except ValueError:
            return False
        return True

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, 4, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 3, 31)

    @property
    def label_en(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def label_fr(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def label(self) -> str:
        return self.label_fr if (get_language() or "en").startswith("fr") else self.label_en

    @property
    def slug(self) -> str:
        """The language-neutral form used in URLs and query strings."""
        return self.label_en

    def next(self) -> "FiscalYear":
        return FiscalYear(self.start_year + 1)

    def previous(self) -> "FiscalYear":
        return FiscalYear(self.start_year - 1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def fiscal_year_range(first: int, last: int) -> list[FiscalYear]:
    return [FiscalYear(year) for year in range(first, last + 1)]


# The fiscal years the lists' filters offer: from the first year of the program's records
# (2012-13) to next year, newest first.
FIRST_LISTED_YEAR = 2012


def listed_years() -> list[FiscalYear]:
    return fiscal_year_range(FIRST_LISTED_YEAR, FiscalYear.current().start_year + 1)[::-1]


def fiscal_year_choices(years=None, *, stored: bool = False) -> list[tuple]:
    """(value, label) pairs for a choice of fiscal year, labelled in the active language: the
    value is the slug ("2013-14", as URLs and query strings carry it), or with `stored` the start
    year (a form field of a `fiscal_year` column). `years` defaults to the lists' years."""
    return [
        (year.start_year if stored else year.slug, year.label)
        for year in (listed_years() if years is None else years)
    ]


class FiscalYearConverter:
    """URL converter: `<fy:year>` matches "2013-14" and gives a FiscalYear; malformed is a 404."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> FiscalYear:
        return FiscalYear.parse(value)

    def to_url(self, value) -> str:
        if isinstance(value, FiscalYear):
            return value.slug
        return FiscalYear.parse(str(value)).slug


FIRST_DAY = FiscalYear(FIRST_YEAR).start  # 1 April 2000
LAST_DAY = FiscalYear(LAST_YEAR).end  # 31 March 2101


def in_portal_range(day: datetime.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def validate_portal_date(day: datetime.date) -> None:
    """The validator of every date field: a date outside the portal's fiscal years is refused with
    a message saying the range, rather than failing later where its fiscal year is computed."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if isinstance(day, datetime.date) and not in_portal_range(day):
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
        )


def date_in_range_constraint(field: str, *, name: str) -> CheckConstraint:
    """The database's side of validate_portal_date for one date column (empty is allowed: the
    column's own NOT NULL says whether it may be empty)."""
    return CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__gte": FIRST_DAY, f"{field}__lte": LAST_DAY}),
        name=name,
    )
