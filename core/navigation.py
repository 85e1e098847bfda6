"""The main navigation: each entry shows only to users holding its permission.

Apps add their entries to NAVIGATION; the order here is the order on screen.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str
    section: str  # the first path segment after the language, to mark the current page
    badge: object = None  # optional callable(request) -> int shown beside the label


def _review_badge(request):
    from engagements.selectors import review_count

    return review_count(request)


def _unread_badge(request):
    # kept on the user row by notifications.services: no query
    return request.user.unread_notifications


NAVIGATION: list[NavItem] = [
    NavItem(_("Engagements"), "engagements:list", "engagements.view_engagement", "engagements"),
    NavItem(_("My work"), "engagements:my_work", "engagements.add_engagement", "my-work"),
    NavItem(
        _("Review queue"),
        "engagements:review_queue",
        "engagements.approve_engagement",
        "review",
        badge=_review_badge,
    ),
    NavItem(_("Forums"), "forums:forum_list", "forums.view_forum", "forums"),
    NavItem(_("Meetings"), "forums:meeting_list", "forums.view_meeting", "meetings"),
    NavItem(_("Year's plan"), "forums:plan", "forums.view_meeting", "plan"),
    NavItem(_("Partners"), "partners:organization_list", "partners.view_organization", "partners"),
    NavItem(
        _("Agreements"),
        "partners:agreement_list",
        "partners.view_contributionagreement",
        "agreements",
    ),
    NavItem(
        _("Indicators"), "indicators:indicator_list", "indicators.view_indicator", "indicators"
    ),
    NavItem(
        _("Notifications"),
        "notifications:list",
        "notifications.view_notification",
        "notifications",
        badge=_unread_badge,
    ),
]


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
            }
        )
    return items
