from rest_framework.permissions import SAFE_METHODS, BasePermission


class PortalPermission(BasePermission):
    """Read-only, with the permission(s) the view declares (`permission_required`), as the pages:
    an anonymous request is a 401 (authentication), a role without the permission a 403."""

    def has_permission(self, request, view):
        if request.method not in SAFE_METHODS:
            return False
        user = request.user
        if not (user and user.is_authenticated):
            return False
        perms = view.permission_required
        return user.has_perms((perms,) if isinstance(perms, str) else perms)
