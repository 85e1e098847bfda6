from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm

from . import reader


class UploadForm(PortalForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file (UTF-8, comma or semicolon)."),
        error_messages={"required": _("Choose the file to import.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    as_approved = forms.BooleanField(
        label=_("Import them as approved records (past years)"),
        help_text=_(
            "For records of past years that were approved outside the portal. You will say why "
            "before committing; the reason goes on each record’s trail."
        ),
        required=False,
    )

    def __init__(self, *args, may_approve=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_approve:
            del self.fields["as_approved"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.file_format = reader.check_file(upload)
        except reader.FileRefused as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class CommitForm(PortalForm):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "Why these records are imported as approved, or why their positions are entered "
            "after their meeting. It goes on each record."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = needs_reason
        self.fields["reason"].error_messages["required"] = _("Say why (it goes on each record).")
