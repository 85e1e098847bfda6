"""The sign-in forms of the portal and of Django admin."""

import logging

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

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
    """The portal's sign-in, laid out as every portal form is (the GC error summary above it,
    each message saying what to do). A wrong user name or password links to the user name."""

    non_field_errors_anchor = "id_username"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")

    def full_clean(self):
        super().full_clean()
        if self._errors:  # the error summary takes the focus, not the user name
            self.fields["username"].widget.attrs.pop("autofocus", None)


class AdminSignInForm(CleanInputMixin, BoundedUserNameMixin, AdminAuthenticationForm):
    pass
