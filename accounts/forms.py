"""The sign-in forms of the portal and of Django admin."""

import logging

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from core.forms import CleanInputMixin

logger = logging.getLogger("portal.security")


class BoundedUserNameMixin:
    """A user name longer than any account's can only be a wrong sign-in: refuse it with the same
    message as any other, before it reaches the authentication backends. (django-axes would
    record it in a 255-character column, which PostgreSQL refuses with an error.)"""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.username_field.max_length:
            logger.warning(
                "failed sign-in username=<%d characters> address=%s",
                len(username),
                self.request.META.get("REMOTE_ADDR", "-") if self.request else "-",
            )
            raise self.get_invalid_login_error()
        return super().clean()


class SignInForm(CleanInputMixin, BoundedUserNameMixin, AuthenticationForm):
    pass


class AdminSignInForm(CleanInputMixin, BoundedUserNameMixin, AdminAuthenticationForm):
    pass
