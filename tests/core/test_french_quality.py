"""French that reads as French: « 1er juillet 2013 », « Rapport : … », « Tous / Oui / Non » filters,
yes/no columns in words, the job title's « Poste » apart from the positions Canada delivers, and
one word per idea across the catalog."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from forums.models import OutcomeDocument
from tests.engagements.factories import OutcomeDocumentFactory
from tests.factories import ForumFactory

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
    moment = timezone.make_aware(datetime.datetime(2013, 7, 1, 14, 5))
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
