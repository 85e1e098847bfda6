"""French that reads as French: « 1er juillet 2013 », « Rapport : … », « Tous / Oui / Non » filters,
yes/no columns in words, the job title's « Poste » apart from the positions Canada delivers, and
one word per idea across the catalog."""

import datetime
import io
import re
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from forums.models import OutcomeDocument
from tests.forums.factories import ForumFactory, OutcomeDocumentFactory

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def render(source, **context):
    return Template("{% load portal %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("lang", "day", "expected"),
    [
        ("fr", datetime.date(2013, 7, 1), "1er juillet 2013"),
        ("fr", datetime.date(2013, 7, 11), "11 juillet 2013"),
        ("fr", datetime.date(2014, 3, 31), "31 mars 2014"),
        ("en", datetime.date(2013, 7, 1), "1 July 2013"),
    ],
)
def test_long_date(lang, day, expected):
    with translation.override(lang):
        assert render("{{ day|long_date }}", day=day) == expected


def test_long_datetime_in_local_time_and_empty_values():
    moment = datetime.datetime(2013, 7, 1, 14, 5, tzinfo=timezone.get_current_timezone())
    with translation.override("fr"):
        assert render("{{ moment|long_datetime }}", moment=moment) == "1er juillet 2013, 14 h 05"
        assert render("{{ nothing|long_date }}", nothing=None) == ""


@pytest.mark.django_db
def test_outcome_document_label_uses_french_punctuation():
    document = OutcomeDocumentFactory(
        kind=OutcomeDocument.Kind.REPORT, title_en="Annual report", title_fr="Rapport annuel"
    )
    with translation.override("fr"):
        assert str(document) == "Rapport\u00a0: Rapport annuel"
    with translation.override("en"):
        assert str(document) == "Report: Annual report"


def test_job_position_and_delivered_position_do_not_collide():
    with translation.override("fr"):
        assert pgettext("job", "Position") == "Poste"
        assert gettext("Positions") == "Positions"


@pytest.mark.django_db
def test_boolean_filters_and_columns_read_all_yes_no_in_french(officer_client):
    ForumFactory(is_active=False)
    with translation.override("fr"):
        url = reverse("forums:forum_list")
    html = officer_client.get(url).content.decode()
    select = re.search(r'<select name="is_active".*?</select>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</option>", select) == ["Tous", "Oui", "Non"]
    assert "Inconnu" not in html and "✔" not in html and "✘" not in html
    export = officer_client.get(url, {"_export": "csv"})
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert ",Non" in body.decode("utf-8-sig") and "False" not in body.decode("utf-8-sig")


def test_french_catalog_says_one_word_per_idea():
    """engagement → « activité », meeting → « réunion » (« rencontre » only for a bilateral
    meeting), agreement → « accord », record → « fiche », forum → « forum » (the official
    expected result, reference data, keeps « tribunes »); non-breaking space before « : »."""
    wrong = re.compile(
        r"\bengagements?\b|\btribunes?\b|\brencontres?\b(?! bilatérale)|\bdossiers?\b"
        r"|\bententes? (?!d’échange)|\bententes?$",
        re.IGNORECASE,
    )
    problems = []
    for entry in polib.pofile(str(CATALOG)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if wrong.search(text):
                problems.append(f"{entry.msgid!r}: {text!r}")
            if re.search(r"\w :|\w:(\s|$)", text):
                problems.append(f"colon without a non-breaking space: {text!r}")
    assert not problems, "\n".join(problems)


# --- French as the department writes it (issue 14, point 6) ---------------------------------------


def _french_text_fields():
    """Every French column (name_fr, methodology_fr, ...) of the portal's own models."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        if model._meta.app_label not in {"forums", "partners", "indicators", "engagements"}:
            continue
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField) and field.name.endswith(
                "_fr"
            ):
                yield model, field.name


def _published_verbatim(model, field):
    """What GC InfoBase published is kept as published, typewriter apostrophes included: the
    program and its expected result, the official indicators' names and targets, and the results
    loaded from a publication (drr16). Returns the rows to leave out, or None."""
    from django.db.models import Q

    label = model._meta.label
    if label in {"indicators.Program", "indicators.Outcome"}:
        return Q(pk__isnull=False)  # every row
    return {
        ("indicators.Indicator", "name_fr"): Q(kind="official"),
        ("indicators.Target", "narrative_fr"): Q(indicator__kind="official"),
        ("indicators.Result", "explanation_fr"): ~Q(source=""),
        ("indicators.Result", "actual_result_fr"): ~Q(source=""),
    }.get((label, field))


def _straight_apostrophes():
    found = []
    for model, field in _french_text_fields():
        rows = model.objects.filter(**{f"{field}__contains": "'"})
        verbatim = _published_verbatim(model, field)
        if verbatim is not None:
            rows = rows.exclude(verbatim)
        for value in rows.values_list(field, flat=True)[:3]:
            found.append(f"{model._meta.label}.{field}: {value[:80]!r}")
    return found


@pytest.mark.django_db
def test_reference_data_writes_the_french_apostrophe():
    """Forums, meetings, organizations, transfer payments, themes, the program, its indicators
    and their methodology texts, as the migrations load them: « l’exercice », never l'exercice."""
    assert list(_french_text_fields())
    assert not _straight_apostrophes()


@pytest.mark.django_db
def test_demo_data_writes_the_french_apostrophe():
    from django.core.management import call_command

    from engagements.models import Engagement

    call_command("seed_demo", "--engagements", "30", stdout=io.StringIO())
    assert not _straight_apostrophes()
    french = Engagement.objects.filter(language="fr").values_list("summary", flat=True)
    assert french and not [text for text in french if "'" in text]


def test_french_catalog_writes_typographic_apostrophes_and_canadian_spacing():
    """’ never '; no space before ; ? ! (Canadian usage, see the README's French conventions)."""
    problems = []
    for entry in polib.pofile(str(CATALOG)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if re.search(r"\w'\w", text):
                problems.append(f"straight apostrophe: {text!r}")
            if re.search("\\w[ \u00a0\u202f][;?!](\\s|$)", text):
                problems.append(f"space before ; ? !: {text!r}")
    assert not problems, "\n".join(problems)


def test_french_catalog_calls_a_record_a_fiche():
    """The glossary: a record is « fiche » (never « enregistrement », « dossier »)."""
    noun = re.compile(r"\b(the|a|this|that|each|every|no|one|%\(counter\)s) records?\b|\brecords\b")
    problems = []
    for entry in polib.pofile(str(CATALOG)):
        if not noun.search(entry.msgid):
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if "fiche" not in text or "enregistrement" in text:
                problems.append(f"{entry.msgid!r}: {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "expected"), [("Olivia", "qu’Olivia"), ("Marc", "que Marc")])
def test_signed_in_as_elides_before_a_vowel(name, expected):
    user = type("U", (), {"__str__": lambda self: name})()
    with translation.override("fr"):
        assert render("{% signed_in_as user %}", user=user) == f"Connecté en tant {expected}"


def test_one_positions_outcome_agrees_in_number():
    from engagements.models import Position

    with translation.override("fr"):
        assert Position.Outcome.REFLECTED.label == "Reflétée"
        assert Position.Outcome.NOT_REFLECTED.label == "Non reflétée"
        assert gettext("Reflected") == "Reflétées"  # the count columns


@pytest.mark.django_db
def test_first_of_the_month_is_1er_in_history_and_messages():
    """Everywhere a date is written out in Python (history values, validation messages)."""
    from core.formatting import long_date
    from core.history import _value_of_date

    with translation.override("fr"):
        assert _value_of_date(datetime.date(2025, 12, 1)) == "1er décembre 2025"
        assert long_date(datetime.date(2025, 12, 2)) == "2 décembre 2025"
    with translation.override("en"):
        assert _value_of_date(datetime.date(2025, 12, 1)) == "1 December 2025"


@pytest.mark.django_db
def test_meeting_cities_read_in_french_on_the_list_and_in_the_form(officer_client):
    from forums.models import Meeting

    geneva = Meeting.objects.filter(city="Geneva").first()
    assert geneva is not None and geneva.city_fr == "Genève"  # reference data, by migration
    with translation.override("fr"):
        listing = officer_client.get(reverse("forums:meeting_list"), {"q": geneva.name_fr})
        form = officer_client.get(reverse("engagements:create"))
    assert "Genève" in listing.content.decode() and ">Geneva<" not in listing.content.decode()
    assert ", Genève)" in form.content.decode() and ", Geneva)" not in form.content.decode()
    with translation.override("en"):
        assert geneva.city_name == "Geneva"


# --- officers' text keeps the language it was written in, field by field ----------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La conclusion reprend la position du Canada.", "fr"),
        ("Le Canada a prononcé une déclaration sur le thème de la réinstallation.", "fr"),
        ("Un document sur trois reprend chaque position présentée.", "fr"),
        ("The conclusion reflects the position of Canada.", "en"),
        ("Please add the paragraph for the second position.", "en"),
        ("para. 7", ""),  # too short to tell: the record's declared language applies
        ("", ""),
    ],
)
def test_the_language_of_an_officers_text_is_read_from_the_text(text, language):
    from core.languages import written_in

    assert written_in(text) == language


@pytest.mark.django_db
def test_french_notes_are_marked_french_on_english_pages_and_the_other_way(officer_client, officer):
    from tests.engagements.factories import EngagementFactory, PositionFactory

    engagement = EngagementFactory(lead_officer=officer, language="en", summary="Canada spoke.")
    PositionFactory(
        engagement=engagement,
        text="Canada supports resettlement pledges.",
        outcome_note="La conclusion reprend la position du Canada au paragraphe 7.",
    )
    PositionFactory(
        engagement=engagement,
        text="Le Canada appuie les engagements de réinstallation pluriannuels.",
        outcome_note="para. 7",
    )
    html = officer_client.get(f"/en/engagements/{engagement.pk}/").content.decode()
    assert '<span class="help" lang="fr">La conclusion reprend' in html
    assert '<td lang="fr">Le Canada appuie' in html
    assert '<td lang="en">Canada supports' in html  # the engagement's declared language
    assert '<span class="help" lang="en">para. 7' in html
    engagement.language = "fr"
    engagement.summary = "Le Canada a parlé."
    engagement.save()
    PositionFactory(
        engagement=engagement,
        text="Canada asked that the conclusions cite the resettlement data of the year.",
    )
    html = officer_client.get(f"/fr/engagements/{engagement.pk}/").content.decode()
    assert '<td lang="en">Canada asked that' in html
    assert '<div class="summary" lang="fr">' in html


# Where a template shows what an officer or a manager wrote, the element carries its language.
_OFFICERS_TEXT = re.compile(
    r"\{\{\s*[\w.]*\.(summary|text|outcome_note|reason|importance_reason|importance_proposal_reason)"
    r"\b(?!_)"
)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# a target's text (reference data, in the page's language); a form's own field
EXEMPT = {"{{ row.text", "{{ submit_form.reason", "{{ outcomes_submit_form.reason"}


def test_every_template_marks_the_language_of_officers_text():
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        if "email" in path.parts or path.parts[-2] == "admin":
            continue  # e-mails quote in their own language; admin shows the raw fields
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for match in _OFFICERS_TEXT.finditer(line):
                rest = line[match.end() : line.find("}}", match.end())]
                if "lang_" in rest or ".id_for_label" in rest or match.group(0) in EXEMPT:
                    continue  # the marking itself, a label's id, reference data
                before = line[: match.start()]
                if (
                    "lang=" not in before[before.rfind("<") :]
                    and "lang_attr" not in before[before.rfind("<") :]
                ):
                    missing.append(f"{path.relative_to(TEMPLATES)}:{number}: {match.group(0)}")
    assert not missing, "officers' text without its language:\n" + "\n".join(missing)
