from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Audited

from .roles import WORKFLOW_ROLES


class NotificationLanguage(models.TextChoices):
    LAST_USED = "", _("The language I last used")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class User(Audited, AbstractUser):
    """A portal user. Roles are groups (see accounts.roles)."""

    Language = NotificationLanguage

    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("language of my notifications"),
        max_length=2,
        choices=Language.choices,
        default=Language.LAST_USED,
        blank=True,
    )
    # kept by notifications.middleware.LastLanguageMiddleware (one UPDATE when it changes)
    last_language = models.CharField(
        _("language last used"), max_length=2, default="en", editable=False
    )
    # how many of the user's notifications are unread: kept exactly by notifications.services (a
    # recount on every change), so the navigation shows it without a query
    unread_notifications = models.PositiveIntegerField(
        _("unread notifications"), default=0, editable=False
    )
    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "last_language", "unread_notifications"]
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(preferred_language__in=NotificationLanguage.values),
                name="user_preferred_language_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    last_language__in=[NotificationLanguage.ENGLISH, NotificationLanguage.FRENCH]
                ),
                name="user_last_language_valid",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def has_role(self, role: str) -> bool:
        return self.groups.filter(name=role).exists()

    @property
    def notification_language(self) -> str:
        """The language the user's e-mails and notifications are written in."""
        return self.preferred_language or self.last_language or "en"

    def holds_workflow_role(self) -> bool:
        """Officer or manager (uses the prefetched groups when there are)."""
        return any(group.name in WORKFLOW_ROLES for group in self.groups.all())

    def may_see_account(self, other: "User") -> bool:
        """Only a superuser may see or change a superuser's account."""
        return self.is_superuser or not other.is_superuser

    def may_manage_account(self, other: "User") -> bool:
        """Whether this user may set `other`'s password, user name, e-mail, staff flag and roles.

        A superuser may (its own flags and roles aside, see `may_change_privileges`). An
        administrator may for its own account and for accounts without a workflow role, never
        for a superuser or an officer or manager: knowing their password it could act on the
        workflow through them."""
        if self.is_superuser:
            return True
        if other.is_superuser:
            return False
        return other.pk == self.pk or not other.holds_workflow_role()

    def may_change_privileges(self, other: "User") -> bool:
        """Nobody changes their own roles, permissions, staff or superuser flag."""
        return other.pk != self.pk and self.may_manage_account(other)

    def grantable_roles(self):
        """The groups this user may grant or remove: all for a superuser; for anyone else every
        group but the workflow roles."""
        groups = Group.objects.order_by("name")
        return groups if self.is_superuser else groups.exclude(name__in=WORKFLOW_ROLES)
