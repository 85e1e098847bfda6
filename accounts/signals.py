"""Sign-ins, failed sign-ins and role changes go to the security log.

A role change is any change to a user's groups (from either side of the relation) or to its staff
or superuser flag, logged with the account, who made the change (the signed-in user of the
request, when there is one; "-" for a command or a migration) and what was added or removed.
"""

import logging

from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from .models import User

logger = logging.getLogger("portal.security")

_FLAGS = ("is_staff", "is_superuser")


def _address(request):
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


def _actor() -> str:
    """The signed-in user of the request being served (django-simple-history's middleware keeps
    the request), else "-"."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user.get_username() if user is not None and user.is_authenticated else "-"


def _log_roles(user: User, action: str, groups) -> None:
    names = sorted(group.name for group in groups)
    if names:
        logger.info("role change user=%s by=%s %s=%s", user.get_username(), _actor(), action, names)


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
def log_role_change(sender, instance, action, reverse, pk_set, **kwargs):
    """user.groups.add/remove/set/clear, and group.user_set.add/remove/set/clear."""
    if action == "pre_clear":
        # what a clear removes is only known before it
        instance._roles_before_clear = (
            [(user, [instance]) for user in instance.user_set.all()]
            if reverse
            else [(instance, list(instance.groups.all()))]
        )
        return
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "removed"}.get(action)
    if verb is None:
        return
    if action == "post_clear":
        changes = getattr(instance, "_roles_before_clear", [])
    elif reverse:
        changes = [(user, [instance]) for user in User.objects.filter(pk__in=pk_set or [])]
    else:
        changes = [(instance, Group.objects.filter(pk__in=pk_set or []))]
    for user, groups in changes:
        _log_roles(user, verb, groups)


@receiver(pre_save, sender=User)
def _remember_flags(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and not set(_FLAGS) & set(update_fields)):
        instance._flags_before = None  # a new account, or a save that does not touch the flags
        return
    instance._flags_before = User.objects.filter(pk=instance.pk).values(*_FLAGS).first()


@receiver(post_save, sender=User)
def log_flag_change(sender, instance, created, **kwargs):
    before = getattr(instance, "_flags_before", None)
    if created:
        before = dict.fromkeys(_FLAGS, False)
    if before is None:
        return
    changed = [
        f"{flag}={getattr(instance, flag)}"
        for flag in _FLAGS
        if before[flag] != getattr(instance, flag)
    ]
    if changed:
        logger.info(
            "role change user=%s by=%s %s", instance.get_username(), _actor(), " ".join(changed)
        )
