"""Admin pieces that several apps share."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model

from core.forms import SEARCH_MAX_LENGTH, strip_control_characters, with_clean_text


def _is_valid_value(field, value) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, answering a malformed id on its history pages as Django
    admin answers it on the change page, instead of a 500. `/admin/<app>/<model>/7/change/history/`
    reaches the history view with the id "7/change", which django-simple-history hands to the
    database as it is (ValueError). Every model with a history registers through this class."""

    def history_view(self, request, object_id, extra_context=None):
        if not _is_valid_value(self.opts.pk, unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_pk = get_history_model_for_model(self.model)._meta.pk
        if not (
            _is_valid_value(self.opts.pk, unquote(object_id))
            and _is_valid_value(history_pk, version_id)
        ):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


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


class PortalAdminMixin:
    """Every admin page and inline of the portal: its forms clean their text like the portal's
    (core.forms.CleanInputMixin: no control characters stored) and its search box takes at most
    core.forms.SEARCH_MAX_LENGTH characters (a 60 000-character term is too complex a LIKE
    pattern for SQLite). tests/core/test_clean_input.py checks every registered admin uses it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = with_clean_text(self.form)
        if getattr(self, "add_form", None) is not None:  # the user admin's creation form
            self.add_form = with_clean_text(self.add_form)

    def get_search_results(self, request, queryset, search_term):
        search_term = strip_control_characters(search_term or "", multiline=False)
        return super().get_search_results(request, queryset, search_term[:SEARCH_MAX_LENGTH])
