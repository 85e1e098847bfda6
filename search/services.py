"""Writes to saved views: keyword-only, atomic, one user's own rows only."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import SavedView


def _duplicate(name):
    return ValidationError(
        _("You already have a view named “%(name)s” on this list.") % {"name": name},
        code="duplicate",
    )


def save_view(*, user, list_name: str, name: str, query: str) -> SavedView:
    """A new saved view. Two requests saving the same name at once: the database's unique
    constraint lets one in, the other gets the "already exists" error."""
    view = SavedView(user=user, list_name=list_name, name=name, query=query)
    view.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            view.save()
    except IntegrityError as error:
        raise _duplicate(name) from error
    return view


def rename_view(*, view: SavedView, name: str) -> SavedView:
    try:
        with transaction.atomic():
            locked = SavedView.objects.select_for_update().get(pk=view.pk, user=view.user_id)
            locked.name = name
            locked.full_clean(validate_constraints=False)
            locked.save(update_fields=["name", "updated_at"])
    except IntegrityError as error:
        raise _duplicate(name) from error
    return locked


def delete_view(*, view: SavedView) -> None:
    with transaction.atomic():
        SavedView.objects.filter(pk=view.pk, user=view.user_id).delete()
