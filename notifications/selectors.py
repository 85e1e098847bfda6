"""Reads that notification pages share."""


def unread_count(request) -> int:
    """The navigation badge: kept on the user row by notifications.services, so no query."""
    return request.user.unread_notifications
