"""Turn a database outage into a plain bilingual 503 page instead of a stack trace."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def is_database_unavailable(exception: BaseException | None) -> bool:
    """True for the errors a database that is down, restarting or unreachable raises."""
    if isinstance(exception, OperationalError | InterfaceError):
        return True
    return isinstance(exception, DatabaseError) and "connect" in str(exception).lower()


def service_unavailable_response() -> HttpResponse:
    """The bilingual 503 page. Rendered without the request context: that context needs the
    database (session, user, navigation badges), which is what is missing."""
    html = loader.get_template("503.html").render()
    return HttpResponse(
        html,
        status=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
    )


class DatabaseUnavailableMiddleware:
    """Catches the outage when a view raises it. When the session or user lookup of another
    middleware raises it instead, `core.views.server_error` gives the same page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.error("database unavailable: %s", exception)
            return service_unavailable_response()
        return None
