"""Writes on personal tokens: each in a transaction, each logged to the security log."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, hash_token

security_log = logging.getLogger("portal.security")


@transaction.atomic
def create_token(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`, valid `days` days; returns the row and the token itself (the only
    time it exists in clear)."""
    raw = ApiToken.new_raw_token()
    now = timezone.now()
    token = ApiToken(
        user=user,
        name=name,
        token_hash=hash_token(raw),
        prefix=raw[:8],
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    security_log.info("API token %s created by %s", token.pk, user.username)
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, by) -> bool:
    """Revoke a token (once); False when it already was."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        security_log.info("API token %s of %s revoked by %s", token.pk, token.user_id, by.username)
    return bool(updated)
