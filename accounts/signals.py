"""Sign-ins, failed sign-ins and role changes go to the security log."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import User

logger = logging.getLogger("portal.security")


def _address(request):
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    logger.info("sign-in user=%s address=%s", user.username, _address(request))


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    logger.info("sign-out user=%s address=%s", getattr(user, "username", "-"), _address(request))


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    logger.warning(
        "failed sign-in username=%s address=%s", credentials.get("username", "-"), _address(request)
    )


@receiver(m2m_changed, sender=User.groups.through)
def log_role_change(sender, instance, action, pk_set, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        logger.info(
            "role change user=%s action=%s groups=%s", instance, action, sorted(pk_set or [])
        )
