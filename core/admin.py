"""Admin pieces that several apps share."""


class ProtectedDeletionMixin:
    """Deleting a record that others PROTECT (a meeting with engagements) is refused by the
    database whatever the user's permissions. Django admin would instead say the user lacks the
    permission to delete those others, as if granting it would help; with this mixin the "cannot
    delete" page lists the protected records, which is the real reason."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            perms_needed = set()
        return to_delete, model_count, perms_needed, protected
