from django.conf import settings


def portal(request):
    """What base.html needs on every page: the navigation the user may use."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        from core.navigation import navigation_for

        nav = navigation_for(request)
    return {"portal_nav": nav, "portal_debug": settings.DEBUG}
