"""Remember the language each signed-in user last used: their notifications' language unless they
chose one on their profile page. One UPDATE when it changes, nothing otherwise."""

from django.contrib.auth import get_user_model
from django.utils import translation


class LastLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.path.startswith("/"):
            language = translation.get_language_from_path(request.path_info)
            if language in ("en", "fr") and user.last_language != language:
                get_user_model().objects.filter(pk=user.pk).update(last_language=language)
                user.last_language = language
        return self.get_response(request)
