from django.conf import settings

from core.navigation import navigation_for


def portal(request):
    """What base.html needs on every page: the navigation the user may use.

    Computed once per request: tables and includes render with their own RequestContext, which runs
    the context processors again, and the navigation badges cost a query each."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        nav = getattr(request, "_portal_nav", None)
        if nav is None:
            nav = request._portal_nav = navigation_for(request)
    return {"portal_nav": nav, "portal_debug": settings.DEBUG}
