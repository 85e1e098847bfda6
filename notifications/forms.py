from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import PortalForm

from .models import REMINDER_KINDS


class ProfileForm(PortalForm):
    """The profile page: the language of one's notifications and which reminders one gets. A kind
    that is not a reminder is refused (MultipleChoiceField checks every value)."""

    preferred_language = forms.ChoiceField(
        label=_("Language of my notifications and e-mails"),
        choices=User.Language.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reminders = forms.MultipleChoiceField(
        label=_("Reminders I receive"),
        choices=[(k.value, k.label) for k in REMINDER_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Notifications of the approval workflow (submitted, returned, approved …) are always "
            "sent; untick a reminder to stop receiving it."
        ),
    )
