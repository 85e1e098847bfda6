"""The main navigation: each entry shows only to users holding its permission.

Each app registers its entries from its AppConfig.ready() (`register`); their `position` is the
order on screen, whatever the order the apps are installed in.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str
    section: str  # the first path segment after the language, to mark the current page
    position: int  # the order on screen, smallest first
    # optional count beside the label: the app's callable(request) -> int, and what the number
    # counts, callable(count) -> str, read by screen readers after the number as part of the
    # link text
    badge: Callable | None = None
    badge_words: Callable | None = None


# Filled by each app's AppConfig.ready() (core imports no app).
NAVIGATION: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if item not in NAVIGATION:
            NAVIGATION.append(item)
    NAVIGATION.sort(key=lambda item: item.position)


def navigation_for(request):
    user = request.user
    parts = request.path.strip("/").split("/")
    section = parts[1] if len(parts) > 1 else ""
    items = []
    for item in NAVIGATION:
        if not user.has_perm(item.permission):
            continue
        badge = item.badge(request) if item.badge else None
        items.append(
            {
                "label": item.label,
                "url": reverse(item.url_name),
                "current": section == item.section,
                "badge": badge,
                "badge_words": item.badge_words(badge) if badge else "",
            }
        )
    return items
