"""The engagement form (one page: the engagement, its positions, its evidence, and an optional new
meeting), and the small reason form of the workflow actions."""

import copy
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
from core.formatting import long_date
from core.forms import NarrowingSelect, PortalForm, PortalModelForm
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
        return str(obj)


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


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


def meeting_data(meeting) -> dict:
    """What an option of the meeting list tells the script: its forum, and its place."""
    return {"forum": meeting.forum_id, "city": meeting.city_name, "country": meeting.country or ""}


def document_data(document) -> dict:
    return {"meeting": document.meeting_id}


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
    # asked once for the record: why positions are added or changed after the meeting ended (or
    # after their outcome document was adopted); services.save_engagement requires it then
    late_reason = forms.CharField(
        label=_("Why positions are set after the meeting"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed only when the meeting has ended or its outcome document was adopted: the "
            "positions you add or change are then flagged as set after the meeting, with this "
            "reason."
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
        }
        field_classes = {"lead_officer": UserChoiceField, "delegation": UserMultipleChoiceField}
        error_messages = {
            "kind": {"required": _("Choose the kind of engagement.")},
            "leadership_role": {"required": _("Choose the role Canada held, or “None”.")},
            "start_date": {"required": _("Enter the start date of the engagement.")},
            "end_date": {"required": _("Enter the end date of the engagement.")},
            "lead_officer": {"required": _("Choose the officer who led the engagement.")},
            "themes": {"required": _("Choose at least one theme.")},
            "summary": {"required": _("Write a summary of what happened and what Canada did.")},
            "language": {"required": _("Choose the language the summary is written in.")},
            "country": {"invalid_choice": _("Choose a country from the list.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "limit": filesizeformat(max_bytes())
        }
        self.fields["forum"].queryset = Forum.objects.filter(is_active=True).order_by("acronym_en")
        self.fields["forum"].required = False
        forum = self.chosen_forum()
        self.fields["meeting"] = GroupedModelChoiceField(
            label=_("Meeting"),
            queryset=meetings_grouped(forum),
            required=False,
            group_label=lambda meeting: f"{meeting.forum.acronym} — {meeting.forum.name}",
            help_text=_(
                "The chosen forum's meetings, newest first. Leave empty for work outside a meeting."
            ),
            widget=NarrowingSelect(
                narrow_by="id_forum",
                key="forum",
                option_data=meeting_data,
                options_id="meeting-options",
            ),
            error_messages={
                "invalid_choice": _(
                    "This meeting is not one of the chosen forum's: choose one of its meetings, "
                    "or change the forum."
                )
            },
        )
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.name} ({m.start_date:%Y-%m-%d}{', ' + m.city_name if m.city else ''})"
        )
        if forum is not None:
            # every meeting, inert, for the script that narrows the list when the forum changes
            every = copy.deepcopy(self.fields["meeting"])
            every.queryset = meetings_grouped()
            self.fields["meeting"].widget.full_choices = every.choices
        self.fields["partners"].queryset = Organization.objects.filter(is_active=True).order_by(
            "acronym_en"
        )
        self.fields["partners"].help_text = _(
            "Organizations or governments you worked with (required for bilateral meetings)."
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
        self.fields["delegation"].help_text = _("Other officers in the Canadian delegation.")
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
            # asked once for the record: the reason already given stands for later changes
            self.fields["late_reason"].initial = next(
                (p.set_late_reason for p in self.instance.positions.all() if p.set_late_reason),
                "",
            )
        self.fields["forum"].help_text = _("Required except for bilateral meetings.")

    def chosen_forum(self):
        """The forum the meetings are narrowed to: the one sent (a reload keeps it), else the
        record's."""
        if self.is_bound:
            value = self.data.get(self.add_prefix("forum"))
            if value and str(value).isdigit():
                return Forum.objects.filter(pk=value).first()
            return None
        return self.instance.forum if self.instance.pk else None

    @staticmethod
    def fill_place_from_meeting(data):
        """City and country left empty take the meeting's (a reload without JavaScript; the
        script does it at once)."""
        meeting_id = data.get("meeting")
        if not (meeting_id and str(meeting_id).isdigit()):
            return
        meeting = Meeting.objects.filter(pk=meeting_id).first()
        if meeting is None:
            return
        if not (data.get("city") or "").strip():
            data["city"] = meeting.city_name
        if not (data.get("country") or "").strip():
            data["country"] = str(meeting.country or "")

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
        # The engagement's own rules (dates, forum, meeting, role, agreement) are its model's
        # clean(), which the model form runs; this form adds what comes from its widgets.
        if meeting and not forum:
            cleaned["forum"] = forum = meeting.forum
        if meeting and not cleaned.get("city"):
            cleaned["city"] = meeting.city_name
        if meeting and not cleaned.get("country") and "country" not in self.errors:
            cleaned["country"] = meeting.country
        if kind == Engagement.Kind.BILATERAL and not forum and not cleaned.get("partners"):
            self.add_error("partners", _("Choose the partner(s) of this bilateral meeting."))
        if kind and kind != Engagement.Kind.LEADERSHIP:
            cleaned["leadership_role"] = Engagement.LeadershipRole.NONE
        return cleaned

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

    def __init__(self, *args, meeting=None, forum=None, every_document=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True).order_by(
            "name_fr" if _is_french() else "name_en"
        )
        self.fields["theme"].label_from_instance = lambda theme: theme.name
        documents = OutcomeDocument.objects.select_related("meeting", "meeting__forum").order_by(
            "-meeting__start_date", "meeting_id", "kind", "title_en"
        )
        # the forum's documents, grouped by meeting (a reload narrows them without JavaScript);
        # the script shows only the chosen meeting's
        forum = forum or (meeting.forum if meeting is not None else None)
        listed = documents.filter(meeting__forum=forum) if forum is not None else documents
        self.fields["outcome_document"] = GroupedModelChoiceField(
            label=_("Outcome document"),
            queryset=listed,
            required=False,
            group_label=lambda doc: f"{doc.meeting.forum.acronym} — {doc.meeting.name}",
            help_text=_("The decision or report of the meeting that this position aimed at."),
            widget=NarrowingSelect(
                narrow_by="id_meeting",
                key="meeting",
                option_data=document_data,
                options_id="outcome-document-options",
            ),
            error_messages={
                "invalid_choice": _("Choose an outcome document of the engagement's meeting.")
            },
        )
        if every_document and forum is not None:
            every = copy.deepcopy(self.fields["outcome_document"])
            every.queryset = documents
            self.fields["outcome_document"].widget.full_choices = every.choices
        self.fields["outcome_document"].label_from_instance = lambda doc: str(doc)
        self.fields["text"].required = True
        self.fields["text"].error_messages["required"] = _("Write the position Canada delivered.")
        self.fields["theme"].error_messages["required"] = _("Choose the theme of this position.")
        self.fields["outcome"].error_messages["required"] = _(
            "Choose how far the outcome document reflects this position."
        )


MAX_POSITIONS = 50


class BasePositionFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "At most %(num)d position can be saved with one engagement.",
            "At most %(num)d positions can be saved with one engagement.",
            "num",
        ),
    }

    def __init__(self, *args, meeting=None, forum=None, **kwargs):
        self.meeting, self.forum = meeting, forum
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Position.clean() reads the record as the engagement form has it (a meeting changed in
        # the same post included), saved or not yet
        form.instance.engagement = self.instance
        return form

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs.update(meeting=self.meeting, forum=self.forum, every_document=index == 0)
        return kwargs

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            meeting=self.meeting,
            forum=self.forum,
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


class OutcomeForm(PortalModelForm):
    """One position's outcome, recorded after the meeting (a mandate's outcomes step): what Canada
    delivered (text, theme, outcome document) stays as approved."""

    class Meta:
        model = Position
        fields = ["outcome", "outcome_reference", "outcome_note"]
        widgets = {
            "outcome_note": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.RadioSelect,
        }


OutcomeFormSet = forms.modelformset_factory(
    Position,
    form=OutcomeForm,
    extra=0,
    can_delete=False,
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
