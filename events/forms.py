"""The event form (the event, the forums that took it up, and one assessment per program) and the
form of the events an engagement addressed."""

from django import forms
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, PortalModelForm
from core.models import current_language
from engagements.forms import UserChoiceField
from forums.models import Forum

from .models import Assessment, Event, Level
from .services import AssessmentData

EFFECTS = Assessment.Effect


def followers():
    """Who may follow an event: active policy officers and program managers."""
    from accounts.models import User
    from accounts.roles import MANAGERS, OFFICERS

    return (
        User.objects.filter(is_active=True, groups__name__in=[OFFICERS, MANAGERS])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _https_by_default(db_field, **kwargs):
    """ "www.unhcr.org" means https://www.unhcr.org (Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class EventForm(PortalModelForm):
    notes_language = forms.ChoiceField(
        label=_("Language of the assessments"),
        choices=Assessment.Language.choices,
        help_text=_("The assessments are kept in the language you write them in."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_en",
            "title_fr",
            "summary_en",
            "summary_fr",
            "countries",
            "region",
            "start_date",
            "end_date",
            "status",
            "source_name_en",
            "source_name_fr",
            "source_url",
            "displaced",
            "displaced_on",
            "displaced_source_name",
            "displaced_source_url",
            "followed_by",
            "next_review",
            "forums",
        ]
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(),
            "end_date": forms.DateInput(),
            "displaced_on": forms.DateInput(),
            "next_review": forms.DateInput(),
        }
        field_classes = {"followed_by": UserChoiceField}
        formfield_callback = _https_by_default
        error_messages = {
            "kind": {"required": _("Choose the kind of event.")},
            "title_en": {"required": _("Enter the title in English.")},
            "title_fr": {"required": _("Enter the title in French.")},
            "countries": {
                "required": _("Choose at least one country concerned."),
                "invalid_choice": _("Choose the countries from the list (%(value)s is not one)."),
            },
            "region": {"required": _("Choose the region.")},
            "start_date": {"required": _("Enter the start date of the event.")},
            "source_name_en": {"required": _("Name the source in English.")},
            "source_name_fr": {"required": _("Name the source in French.")},
            "source_url": {
                "required": _("Enter the address of the source."),
                "invalid": _("Enter the source's address, for example https://www.unhcr.org/…"),
            },
            "displaced_source_url": {
                "invalid": _("Enter the address of the figure's source, starting with https://")
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["forums"].queryset = Forum.objects.filter(is_active=True).order_by(
            "acronym_fr" if current_language() == "fr" else "acronym_en"
        )
        self.fields["forums"].required = False
        self.fields["followed_by"].queryset = followers()
        current = {}
        if self.instance.pk:
            current = {a.effect: a for a in self.instance.assessments.all()}
            if current:
                self.initial["notes_language"] = next(iter(current.values())).language
        else:
            if not self.initial.get("followed_by"):
                self.initial["followed_by"] = user.pk
        self.initial.setdefault("notes_language", current_language())
        for effect, label in EFFECTS.choices:
            existing = current.get(effect)
            self.fields[f"{effect}_level"] = forms.ChoiceField(
                label=format_lazy("{} — {}", label, _("level")),
                choices=[("", _("Not assessed"))] + list(Level.choices),
                required=False,
                initial=existing.level if existing else "",
            )
            self.fields[f"{effect}_note"] = forms.CharField(
                label=format_lazy("{} — {}", label, _("assessment")),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.note if existing else "",
            )

    def effect_groups(self):
        """For the template: each program with its level and note fields."""
        return [
            {
                "effect": effect,
                "label": label,
                "level": self[f"{effect}_level"],
                "note": self[f"{effect}_note"],
            }
            for effect, label in EFFECTS.choices
        ]

    def main_fields(self):
        hidden = {f"{e}_{part}" for e in EFFECTS.values for part in ("level", "note")}
        hidden.add("notes_language")
        return [self[name] for name in self.fields if name not in hidden]

    def clean(self):
        cleaned = super().clean()
        for effect in EFFECTS.values:
            level, note = cleaned.get(f"{effect}_level"), (cleaned.get(f"{effect}_note") or "")
            if level and not note.strip():
                self.add_error(f"{effect}_note", _("Say why you assess this level."))
            if note.strip() and not level:
                self.add_error(f"{effect}_level", _("Choose the level, or clear the assessment."))
        return cleaned

    def assessments(self) -> list[AssessmentData]:
        data = self.cleaned_data
        return [
            AssessmentData(
                effect,
                data.get(f"{effect}_level") or "",
                (data.get(f"{effect}_note") or "").strip(),
            )
            for effect in EFFECTS.values
        ]


class EngagementEventsForm(PortalForm):
    events = forms.ModelMultipleChoiceField(
        label=_("Events this engagement addressed"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Events not closed, and those already chosen."),
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = queryset
        self.fields["events"].label_from_instance = lambda event: (
            f"{event.title} ({event.start_date:%Y-%m-%d}, {event.get_status_display()})"
        )
