"""Filter pieces that every list shares."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget


class AllYesNoWidget(BooleanWidget):
    """ "All / Yes / No" (« Tous / Oui / Non ») rather than django-filter's "Unknown / Yes / No":
    the empty choice means no filter, not an unknown value."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads "All"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AllYesNoWidget)
        super().__init__(*args, **kwargs)
