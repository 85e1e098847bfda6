from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SavedView(models.Model):
    """A list's filters and sort, kept under a name by one user ("My IGC work this year"): on the
    user's home page and in that list's own menu."""

    MAX_QUERY = 2000

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    # the list's URL name ("engagements:list"): which page the view opens
    list_name = models.CharField(_("list"), max_length=100)
    name = models.CharField(_("name"), max_length=80)
    # the list's query string: its filters and sort, without page or export
    query = models.CharField(_("filters and sort"), max_length=MAX_QUERY, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "pk"]
        permissions = [("use_search", _("Can search the portal"))]
        constraints = [
            # one name per user and list, whatever its case: two tabs saving "IGC" at once get
            # one row and one "already exists" message, not two rows
            models.UniqueConstraint(
                models.F("user"),
                models.F("list_name"),
                Lower("name"),
                name="saved_view_unique_name_per_user_list",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="saved_view_name_required"),
            models.CheckConstraint(
                condition=~models.Q(list_name=""), name="saved_view_list_required"
            ),
        ]
        indexes = [
            # the home page's and each list's menu: a user's views, by list
            models.Index(fields=["user", "list_name"], name="saved_view_user_list_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("search:saved_view_open", args=[self.pk])
