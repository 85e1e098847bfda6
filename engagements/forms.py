"""The engagement form (one page: the engagement, its positions, its evidence, and an optional new
meeting), and the small reason form of the workflow actions."""

import uuid
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from accounts.models import User
from accounts.roles import OFFICERS
from core.forms import PortalForm, PortalModelForm
from core.templatetags.portal import long_date
from forums.models import Forum, Meeting, OutcomeDocument
from partners.models import ContributionAgreement, Organization

from .models import Engagement, Evidence, Position, Theme
from .uploads import ACCEPT_ATTRIBUTE, check_upload, max_bytes, max_files, max_total_bytes

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GroupedChoiceIterator(ModelChoiceIterator):
    """Options grouped in <optgroup>s (meetings by forum, documents by meeting): works without
    JavaScript and lets a screen reader announce the group."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for group, items in groupby(self.queryset, key=self.field.group_label):
            yield (group, [self.choice(item) for item in items])

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class GroupedModelChoiceField(forms.ModelChoiceField):
    iterator = GroupedChoiceIterator

    def __init__(self, *args, group_label, **kwargs):
        self.group_label = group_label
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def officers():
    return User.objects.filter(is_active=True, groups__name=OFFICERS).order_by(
        "last_name", "first_name", "username"
    )


def agreements_grouped():
    """Agreements that can be in force (not drafts), grouped by transfer payment (in the page's
    language's alphabetical order), newest first within each."""
    name = "transfer_payment__name_fr" if _is_french() else "transfer_payment__name_en"
    return (
        ContributionAgreement.objects.exclude(status=ContributionAgreement.Status.DRAFT)
        .select_related("transfer_payment", "recipient")
        .order_by(name, "transfer_payment_id", "-start_date", "number")
    )


def agreement_label(agreement) -> str:
    return f"{agreement.number} — {agreement.recipient_name} ({long_date(agreement.start_date)} – {long_date(agreement.end_date)})"


def meetings_grouped(forum=None):
    meetings = Meeting.objects.select_related("forum").order_by(
        "forum__acronym_en", "forum_id", "-start_date", "pk"
    )
    return meetings.filter(forum=forum) if forum else meetings


class EngagementForm(PortalModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # new records only: a one-time token, so the same form sent twice creates one record
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, PNG, JPEG or plain text, at most %(limit)s each. "
            "You can choose several files."
        ),
    )
    remove_evidence = forms.ModelMultipleChoiceField(
        label=_("Remove these files"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Engagement
        fields = [
            "kind",
            "leadership_role",
            "forum",
            "meeting",
            "start_date",
            "end_date",
            "city",
            "country",
            "partners",
            "agreement",
            "lead_officer",
            "delegation",
            "themes",
            "summary",
            "language",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 6}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }
        field_classes = {"lead_officer": UserChoiceField, "delegation": UserMultipleChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "limit": filesizeformat(max_bytes())
        }
        self.fields["forum"].queryset = Forum.objects.filter(is_active=True).order_by("acronym_en")
        self.fields["forum"].required = False
        self.fields["meeting"] = GroupedModelChoiceField(
            label=_("Meeting"),
            queryset=meetings_grouped(),
            required=False,
            group_label=lambda meeting: f"{meeting.forum.acronym} — {meeting.forum.name}",
            help_text=_("Meetings are grouped by forum. Leave empty for work outside a meeting."),
        )
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.name} ({m.start_date:%Y-%m-%d}{', ' + m.city_name if m.city else ''})"
        )
        self.fields["partners"].queryset = Organization.objects.filter(is_active=True).order_by(
            "acronym_en"
        )
        self.fields["partners"].help_text = _(
            "Organizations or governments you worked with (required for bilateral meetings). "
            "Hold Ctrl (or ⌘) to choose several."
        )
        self.fields["agreement"] = GroupedModelChoiceField(
            label=_("Contribution agreement"),
            queryset=agreements_grouped(),
            required=False,
            group_label=lambda agreement: str(agreement.transfer_payment.name),
            help_text=_(
                "The agreement this work served, if any: it must be in force on the engagement's "
                "dates. Agreements are grouped by transfer payment."
            ),
        )
        self.fields["agreement"].label_from_instance = agreement_label
        self.fields["lead_officer"].queryset = officers()
        self.fields["delegation"].queryset = officers()
        self.fields["delegation"].help_text = _(
            "Other officers in the Canadian delegation. Hold Ctrl (or ⌘) to choose several."
        )
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True).order_by(
            "name_fr" if _is_french() else "name_en"
        )
        self.fields["themes"].label_from_instance = lambda theme: theme.name
        if not self.instance.pk:
            # a new record: led by whoever logs it, summary in the language of the page
            if not self.initial.get("lead_officer"):
                self.initial["lead_officer"] = user.pk
            self.initial["language"] = "fr" if _is_french() else "en"
            self.fields["form_token"].initial = uuid.uuid4()
            del self.fields["remove_evidence"]
        else:
            self.fields["remove_evidence"].queryset = self.instance.evidence.all()
            self.fields["remove_evidence"].label_from_instance = lambda e: e.original_name
            self.fields["version"].initial = self.instance.version
            del self.fields["form_token"]
        self.fields["forum"].help_text = _("Required except for bilateral meetings.")

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        # the request's own limits first, before any file is read
        if len(uploads) > max_files():
            raise ValidationError(
                ngettext(
                    "Attach at most %(limit)d file at a time (you chose %(count)d).",
                    "Attach at most %(limit)d files at a time (you chose %(count)d).",
                    max_files(),
                )
                % {"limit": max_files(), "count": len(uploads)},
                code="too_many_files",
            )
        total = sum(upload.size or 0 for upload in uploads)
        if total > max_total_bytes():
            raise ValidationError(
                _("These files add up to %(size)s: at most %(limit)s can be attached at a time.")
                % {"size": filesizeformat(total), "limit": filesizeformat(max_total_bytes())},
                code="too_large_together",
            )
        checked = []
        errors = []
        for upload in uploads:
            try:
                checked.append(check_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        forum = cleaned.get("forum")
        meeting = cleaned.get("meeting")
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if meeting and not forum:
            cleaned["forum"] = forum = meeting.forum
        if meeting and forum and meeting.forum_id != forum.pk:
            self.add_error(
                "meeting",
                _(
                    "This meeting belongs to another forum (%(forum)s): choose a meeting of %(chosen)s."
                )
                % {"forum": meeting.forum.acronym, "chosen": forum.acronym},
            )
        if kind and kind != Engagement.Kind.BILATERAL and not forum and not self.new_meeting_used:
            self.add_error("forum", _("Choose the forum (only bilateral meetings may have none)."))
        if kind == Engagement.Kind.BILATERAL and not forum and not cleaned.get("partners"):
            self.add_error("partners", _("Choose the partner(s) of this bilateral meeting."))
        role = cleaned.get("leadership_role")
        if kind == Engagement.Kind.LEADERSHIP and role == Engagement.LeadershipRole.NONE:
            self.add_error("leadership_role", _("Choose the role Canada held."))
        if kind and kind != Engagement.Kind.LEADERSHIP:
            cleaned["leadership_role"] = Engagement.LeadershipRole.NONE
        return cleaned

    new_meeting_used = False  # set by the view before validation

    def engagement_fields(self) -> dict:
        names = [
            "kind",
            "leadership_role",
            "forum",
            "meeting",
            "start_date",
            "end_date",
            "city",
            "country",
            "lead_officer",
            "agreement",
            "summary",
            "language",
        ]
        return {name: self.cleaned_data.get(name) for name in names}


def _is_french() -> bool:
    from core.models import current_language

    return current_language() == "fr"


class NewMeetingForm(PortalModelForm):
    """ "Meeting not listed?": an optional fieldset of the engagement form. Used only when one of its
    fields is filled; the meeting is then created under the chosen forum in the same transaction."""

    class Meta:
        model = Meeting
        fields = ["name_en", "name_fr", "start_date", "end_date", "city", "country"]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    # An officer proposes; a program manager identifies a meeting as important (forums.services).
    propose_important = forms.BooleanField(
        label=_("Propose it as important"),
        required=False,
        help_text=_(
            "A program manager decides whether it is identified as important for the indicator."
        ),
    )
    proposal_reason = forms.CharField(
        label=_("Why it is important"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "new_meeting")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["start_date"].help_text = _("Leave empty to use the engagement's dates.")

    @property
    def used(self) -> bool:
        if not self.is_bound:
            return False
        for name in ["name_en", "name_fr", "start_date", "end_date", "city"]:
            if (self.data.get(self.add_prefix(name)) or "").strip():
                return True
        return False

    def check(self, *, forum, start_date, end_date) -> dict | None:
        """Validate against the engagement's forum and dates; the meeting's fields or None."""
        if not self.used or not self.is_valid():
            return None
        data = dict(self.cleaned_data)
        for name, message in [
            ("name_en", _("Give the meeting's English name.")),
            ("name_fr", _("Give the meeting's French name.")),
        ]:
            if not data.get(name):
                self.add_error(name, message)
        data["start_date"] = data.get("start_date") or start_date
        data["end_date"] = data.get("end_date") or end_date or data["start_date"]
        if data["start_date"] and data["end_date"] and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if forum is None:
            self.add_error(None, _("Choose the forum the new meeting belongs to."))
        elif (
            data.get("name_en")
            and data["start_date"]
            and Meeting.objects.filter(
                forum=forum, name_en=data["name_en"], start_date=data["start_date"]
            ).exists()
        ):
            self.add_error("name_en", _("This meeting is already listed: choose it above."))
        if self.errors:
            return None
        data["country"] = data.get("country") or ""
        return data


class PositionForm(PortalModelForm):
    class Meta:
        model = Position
        fields = [
            "text",
            "theme",
            "outcome",
            "outcome_document",
            "outcome_reference",
            "outcome_note",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "outcome_note": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.RadioSelect,
        }

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True).order_by(
            "name_fr" if _is_french() else "name_en"
        )
        self.fields["theme"].label_from_instance = lambda theme: theme.name
        documents = OutcomeDocument.objects.select_related("meeting", "meeting__forum").order_by(
            "-meeting__start_date", "meeting_id", "kind", "title_en"
        )
        if meeting is not None:
            documents = documents.filter(meeting=meeting)
        self.fields["outcome_document"] = GroupedModelChoiceField(
            label=_("Outcome document"),
            queryset=documents,
            required=False,
            group_label=lambda doc: f"{doc.meeting.forum.acronym} — {doc.meeting.name}",
            help_text=_("The decision or report of the meeting that this position aimed at."),
        )
        self.fields["outcome_document"].label_from_instance = lambda doc: str(doc)
        self.fields["text"].required = True
        self.fields["text"].error_messages["required"] = _("Write the position Canada delivered.")
        self.fields["theme"].error_messages["required"] = _("Choose the theme of this position.")

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("outcome_document")
        if document is not None and (
            self.meeting is None or document.meeting_id != self.meeting.pk
        ):
            self.add_error(
                "outcome_document", _("Choose an outcome document of the engagement's meeting.")
            )
        return cleaned


MAX_POSITIONS = 50


class BasePositionFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "At most %(num)d position can be saved with one engagement.",
            "At most %(num)d positions can be saved with one engagement.",
            "num",
        ),
    }

    def __init__(self, *args, meeting=None, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["meeting"] = self.meeting
        return kwargs

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            meeting=self.meeting,
        )
        self.add_fields(form, None)
        return form


def position_formset_class(extra: int):
    return forms.inlineformset_factory(
        Engagement,
        Position,
        form=PositionForm,
        formset=BasePositionFormSet,
        extra=extra,
        can_delete=True,
        # A posted TOTAL_FORMS above this is refused (too_many_forms) without building more
        # than MAX_POSITIONS forms: 1 000 rows once took 47 s and a 39 MB page.
        max_num=MAX_POSITIONS,
        absolute_max=MAX_POSITIONS,
        validate_max=True,
    )


class ReasonForm(PortalForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Say why.")},
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
