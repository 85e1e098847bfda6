"""The pages the benchmarks measure, shared with the query-count tests (tests/performance/).

`bench_pages(user)` names each page and its URL on whatever data the database holds: a past fiscal
year with data, the official indicator's drill-down, the engagement list's first, filtered and last
pages, a busy engagement's detail page, the agreements list, and the CSV export of every
engagement the user may see.
"""

import math

from django.conf import settings
from django.urls import reverse

from core.fiscal import FiscalYear

PAST_YEAR = FiscalYear(2015)


def bench_pages(user) -> list[tuple[str, str]]:
    from engagements.models import Engagement, Theme
    from indicators import calculations
    from indicators.models import Indicator

    visible = Engagement.objects.visible_to(user)
    last_page = max(1, math.ceil(visible.count() / settings.PORTAL_PAGE_SIZE))
    official = Indicator.objects.filter(measurement=calculations.OFFICIAL).first()
    theme = Theme.objects.filter(code="resettlement").first() or Theme.objects.first()
    busy = (
        visible.filter(status=Engagement.Status.APPROVED, evidence__isnull=False)
        .order_by("-pk")
        .first()
        or visible.order_by("-pk").first()
    )
    dashboard = reverse("dashboard")
    listing = reverse("engagements:list")
    pages = [
        ("dashboard (current year)", dashboard),
        ("dashboard (2015-16)", f"{dashboard}?year={PAST_YEAR.slug}"),
        (
            "by-forum dashboard (2015-16)",
            f"{reverse('indicators:forum_dashboard')}?year={PAST_YEAR.slug}",
        ),
    ]
    if official is not None:
        pages.append(
            (
                "indicator drill-down (official, 2015-16, denominator)",
                reverse(
                    "indicators:indicator_records",
                    args=[official.code, PAST_YEAR, calculations.DENOMINATOR],
                ),
            )
        )
    pages += [
        ("engagement list, first page", listing),
        (
            "engagement list, filtered",
            f"{listing}?fiscal_year={PAST_YEAR.slug}&status=approved&theme={theme.pk}",
        ),
        ("engagement list, last page", f"{listing}?page={last_page}"),
        ("engagement list, last page sorted by forum", f"{listing}?sort=forum&page={last_page}"),
    ]
    if busy is not None:
        pages.append(("engagement detail", busy.get_absolute_url()))
    pages.append(("agreements list", reverse("partners:agreement_list")))
    return pages


def export_url() -> str:
    return reverse("engagements:list") + "?_export=csv"
