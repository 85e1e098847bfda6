"""Reference data in Django admin (issue 13 point 7): administrators import and export forums,
organizations and agreement amounts with django-import-export, its own dry run (a preview in a
rolled-back transaction) then a confirmation, rather than a second home-made importer.

What every such resource shares, so that an admin import reads cells as the portal's wizard does
and an admin export writes them as every other portal file:

- explicit fields only, each column named by its stable key (name_en, name_fr, ...); a column
  the resource does not know, or a key column missing, stops the import with a message (a
  column is never silently dropped);
- the cell values of imports.values: choices by code or label in either language, yes/no in
  either language, countries by code or name, amounts with a decimal point or a French decimal
  comma, fiscal years as 2014-15 or 2014-2015, related records by their natural keys with the
  closest names suggested;
- every exported cell through core.exports.clean (the portal's one spreadsheet-safety rule: a
  text beginning with =, +, -, @ is neutralised);
- the model's own rules (full_clean) on every row, control characters stripped, and the
  history row saying who imported it from which file.
"""

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ExportForm, ImportForm
from import_export.instance_loaders import ModelInstanceLoader

from core import exports
from core.fiscal import FiscalYear
from core.forms import strip_control_characters

from . import reader, values
from .rows import is_blank
from .values import CellError, Lookup

# --- cells --------------------------------------------------------------------------------------


class ChoiceWidget(widgets.Widget):
    """A TextChoices by its code or its label in English or French; exported as its code."""

    def __init__(self, what, choices, **kwargs):
        super().__init__(**kwargs)
        self.what, self.choices = what, choices

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        try:
            return values.choices_lookup(self.what, self.choices).find(value)
        except CellError as error:
            raise ValueError(str(error)) from error

    def render(self, value, obj=None, **kwargs):
        return value or ""


class YesNoWidget(widgets.Widget):
    """yes/no/oui/non/true/false/1/0; exported as yes or no in the reader's language."""

    def clean(self, value, row=None, **kwargs):
        try:
            return values.yes_no(value)
        except CellError as error:
            raise ValueError(str(error)) from error

    def render(self, value, obj=None, **kwargs):
        return _("yes") if value else _("no")


class CountryWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        try:
            return values.country(value)
        except CellError as error:
            raise ValueError(str(error)) from error

    def render(self, value, obj=None, **kwargs):
        return str(value or "")


class AmountWidget(widgets.Widget):
    """An amount in CAD: 1234.56, 1 234,56 or 1,234.56; exported as a number."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        try:
            return values.amount(value)
        except CellError as error:
            raise ValueError(str(error)) from error

    def render(self, value, obj=None, **kwargs):
        return value


class FiscalYearWidget(widgets.Widget):
    """A fiscal year as 2014-15 or 2014-2015 (or the year it starts in); stored as its start
    year, exported as its label in the reader's language."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        raw = values.text(value)
        try:
            year = FiscalYear(int(raw)) if raw.isdigit() else FiscalYear.parse(raw)
        except ValueError as error:
            raise ValueError(_("Write the fiscal year as 2014-15 or 2014-2015.")) from error
        return year.start_year

    def render(self, value, obj=None, **kwargs):
        return FiscalYear(value).label if value else ""


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related record by any of its names (acronyms and names in either language), the
    closest ones suggested when none matches; exported by `field` (its first name). The names
    are read once per import (`reset()` before each)."""

    def __init__(self, model, names: tuple[str, ...], what, **kwargs):
        super().__init__(model, field=names[0], **kwargs)
        self.names, self.what = names, what
        self._lookup: Lookup | None = None

    def reset(self):
        self._lookup = None

    def lookup(self) -> Lookup:
        if self._lookup is None:
            self._lookup = Lookup(self.what)
            for record in self.model._default_manager.all():
                self._lookup.add(record, *(getattr(record, name) for name in self.names))
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        try:
            return self.lookup().find(value)
        except CellError as error:
            raise ValueError(str(error)) from error


def text_field(key: str) -> fields.Field:
    return fields.Field(attribute=key, column_name=key)


# --- the resource -------------------------------------------------------------------------------


class NaturalKeyLoader(ModelInstanceLoader):
    """The existing record a row names by its natural key, or none: a key cell that names
    nothing (an unknown agreement) is reported on its column by the row's own validation."""

    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except ValueError:
            return None


class ImportedDiff(resources.Diff):
    """The preview's changed cells as <del> and <ins>, without diff-match-patch's inline styles
    (which the Content-Security-Policy refuses)."""

    TAGS = {-1: "del", 0: "span", 1: "ins"}

    def as_html(self):
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            before, after = str(before or ""), str(after or "")
            if self.new or before == after:
                cells.append(escape(after))
                continue
            parts = []
            if before:
                parts.append(f"<del>{escape(before)}</del>")
            if after:
                parts.append(f"<ins>{escape(after)}</ins>")
            cells.append(mark_safe(" ".join(parts)))  # each part escaped above
        return cells


class PortalResource(resources.ModelResource):
    """The base of every reference-data resource: see the module's docstring."""

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        instance_loader_class = NaturalKeyLoader
        use_transactions = True

    def get_diff_class(self):
        return ImportedDiff

    def before_import(self, dataset, **kwargs):
        for field in self.fields.values():
            if isinstance(field.widget, NaturalKeyWidget):
                field.widget.reset()
        known = {field.column_name for field in self.fields.values()}
        headers = [str(h or "").strip() for h in dataset.headers or []]
        unknown = [h for h in headers if h not in known]
        missing = [
            self.fields[key].column_name
            for key in self.get_import_id_fields()
            if self.fields[key].column_name not in headers
        ]
        problems = []
        if unknown:
            problems.append(
                _("Unknown columns: %(unknown)s. The columns are %(keys)s.")
                % {"unknown": ", ".join(unknown), "keys": ", ".join(sorted(known))}
            )
        if missing:
            problems.append(_("Missing columns: %(missing)s.") % {"missing": ", ".join(missing)})
        if problems:
            raise ValueError(" ".join(problems))
        dataset.headers = headers

    def before_import_row(self, row, **kwargs):
        for key, value in list(row.items()):
            if isinstance(value, str):
                row[key] = strip_control_characters(value, multiline=True).strip()

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = kwargs.get("user")
        name = kwargs.get("file_name") or ""
        instance._change_reason = (_("Imported in admin from “%(name)s”") % {"name": name})[:100]

    def export_field(self, field, instance, **kwargs):
        return exports.clean(super().export_field(field, instance, **kwargs))


# --- admin --------------------------------------------------------------------------------------


class CheckedImportForm(ImportForm):
    """The file goes through the wizard's checks first (size limit, not a macro-enabled or
    encrypted workbook, a spreadsheet at all): a clear message, never a traceback."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            reader.check_file(upload)
        except reader.FileRefused as error:
            raise ValidationError(str(error)) from error
        upload.seek(0)
        return upload


class ReferenceDataAdminMixin(ImportExportMixin):
    """Import and export buttons on an admin list. Importing takes the right to add and to
    change the model; exporting, the right to see it. CSV and Excel only."""

    formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = CheckedImportForm
    # the plain export form: the selectable-fields one needs inline script the CSP refuses
    export_form_class = ExportForm
    import_error_display = ("message",)

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)
