"""Personal API tokens: each acts with its owner's role and visibility.

The token itself is shown once, when it is made; only its SHA-256 is kept (a token is 43 random
URL-safe characters from `secrets`, so a fast hash is enough: there is nothing to guess), with
its first characters so that its owner can tell tokens apart.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "p43_"
MAX_LIFETIME = datetime.timedelta(days=366)  # a year, leap day included
# last_used_at is written at most this often per token (one UPDATE, not one per request)
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    prefix = models.CharField(_("first characters"), max_length=12)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        permissions = [("use_api", _("Can read the API with personal tokens"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="api_token_expires_after_creation"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__lte=F("created_at") + MAX_LIFETIME),
                name="api_token_expires_within_a_year",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="api_token_has_a_name"),
        ]
        indexes = [
            # the tokens page: one user's tokens, newest first
            models.Index(fields=["user", "-created_at"], name="api_token_user_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired

    @classmethod
    def new_raw_token(cls) -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)
