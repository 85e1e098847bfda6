"""The GC Design System's form patterns, given to every portal form by core/forms.py: required
fields marked, specific messages in both languages, dates whose hint matches the text box,
checkbox groups instead of Ctrl-click lists, the error summary linking to each control; and the
engagement form's forum narrowing without JavaScript, and its city and country from the meeting."""

import inspect
import re
from http import HTTPStatus

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

import accounts.forms
import engagements.forms
import forums.forms
import indicators.forms
import notifications.forms
import partners.forms
from core.forms import DATE_HINT, GCFormMixin, PortalDateInput
from engagements.models import Engagement
from tests.engagements.test_views import form_data, position
from tests.forums.factories import ForumFactory, MeetingFactory, OutcomeDocumentFactory

FORM_MODULES = [accounts.forms, engagements.forms, forums.forms, indicators.forms]
FORM_MODULES += [notifications.forms, partners.forms]
DJANGO_REQUIRED = "This field is required."


def portal_forms():
    """Every form class of the portal's own pages (PortalForm / PortalModelForm)."""
    found = []
    for module in FORM_MODULES:
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, GCFormMixin) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def build(form_class, data, officer):
    from indicators.models import Indicator

    kwargs = {}
    parameters = inspect.signature(form_class.__init__).parameters
    if "user" in parameters:
        kwargs["user"] = officer
    if issubclass(form_class, indicators.forms.RecordResultForm):
        kwargs["indicator"] = Indicator.objects.first()
    if "years" in parameters:
        kwargs["years"] = []
    if issubclass(form_class, forms.ModelForm):
        kwargs["instance"] = form_class._meta.model()
    return form_class(data, **kwargs)


def test_every_portal_form_is_found():
    names = {cls.__name__ for cls in portal_forms()}
    assert {"EngagementForm", "PositionForm", "ImportanceDecisionForm", "ProfileForm"} <= names


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.django_db
def test_no_portal_form_says_only_this_field_is_required(officer, lang):
    with translation.override(lang):
        generic = str(forms.Field.default_error_messages["required"])
        for form_class in portal_forms():
            form = build(form_class, {}, officer)
            form.is_valid()
            for name, errors in form.errors.items():
                for message in errors:
                    assert message != generic, f"{form_class.__name__}.{name}: {message}"
                    assert DJANGO_REQUIRED not in message


@pytest.mark.django_db
def test_dates_are_text_boxes_with_the_hint_they_follow(officer):
    form = engagements.forms.EngagementForm(user=officer)
    widget = form.fields["start_date"].widget
    assert isinstance(widget, PortalDateInput) and widget.input_type == "text"
    with translation.override("fr"):
        html = str(form["start_date"].as_field_group())
        assert "Année, mois et jour, par exemple 2025-03-31." in html
        assert 'aria-describedby="id_start_date_helptext"' in html
    with translation.override("en"):
        assert str(DATE_HINT) in str(form["end_date"].as_field_group())
    bound = engagements.forms.EngagementForm({"start_date": "31/03/2025"}, user=officer)
    bound.is_valid()
    assert bound.errors["start_date"] == [
        "Enter the date as year-month-day, for example 2025-03-31."
    ]


@pytest.mark.django_db
def test_choices_of_several_are_checkbox_groups_never_ctrl_click(officer):
    form = engagements.forms.EngagementForm(user=officer)
    for name in ("delegation", "partners", "themes"):
        assert isinstance(form.fields[name].widget, forms.CheckboxSelectMultiple), name
    for lang in ("en", "fr"):
        with translation.override(lang):
            html = str(form)
            assert "Ctrl" not in html and "⌘" not in html
            assert "<select multiple" not in html.replace('name="', "")


@pytest.mark.django_db
def test_required_fields_say_so_in_their_label(officer):
    form = engagements.forms.EngagementForm(user=officer)
    with translation.override("fr"):
        assert "(obligatoire)</span></label>" in str(form["end_date"].as_field_group())
        assert "(obligatoire)</span></legend>" in str(form["themes"].as_field_group())
        assert "obligatoire" not in str(form["city"].as_field_group())


EMPTY_FORM = {
    "save_draft": "1",
    "positions-TOTAL_FORMS": "1",
    "positions-INITIAL_FORMS": "0",
    "positions-MIN_NUM_FORMS": "0",
    "positions-MAX_NUM_FORMS": "50",
}


def test_failed_submit_summary_links_to_each_control_and_takes_the_focus(officer_client):
    response = officer_client.post(reverse("engagements:create"), EMPTY_FORM)
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert 'id="error-summary"' in content and "autofocus" in content
    for anchor in ("id_kind", "id_start_date", "id_end_date", "id_themes_0", "id_summary"):
        assert f'href="#{anchor}"' in content
        assert f'id="{anchor}"' in content
    assert 'aria-describedby="id_end_date_error"' in content.replace("id_end_date_helptext ", "")
    with translation.override("fr"):
        response = officer_client.post("/fr/engagements/new/", EMPTY_FORM)
    content = response.content.decode()
    assert "Entrez la date de fin de l’activité." in content
    assert "Ce champ est obligatoire." not in content


def test_show_this_forums_meetings_reloads_the_form_narrowed_and_saves_nothing(
    officer_client, officer
):
    forum, other = ForumFactory(acronym_en="AAA"), ForumFactory(acronym_en="BBB")
    mine = MeetingFactory(forum=forum, city="Geneva", city_fr="Genève", country="CH")
    theirs = MeetingFactory(forum=other)
    document = OutcomeDocumentFactory(meeting=mine)
    other_document = OutcomeDocumentFactory(meeting=theirs)
    data = form_data(officer, meeting=mine, summary="Typed before the reload.")
    data.update({"city": "", "country": "", "show_meetings": "1"})
    del data["save_draft"]
    with translation.override("fr"):
        response = officer_client.post("/fr/engagements/new/", data)
    assert response.status_code == HTTPStatus.OK
    assert not Engagement.objects.exists()
    form = response.context["form"]
    assert list(form.fields["meeting"].queryset) == [mine]
    assert form["summary"].value() == "Typed before the reload."
    assert form["city"].value() == "Genève" and form["country"].value() == "CH"
    assert not response.context["error_summary"]
    documents = response.context["formset"].forms[0].fields["outcome_document"].queryset
    assert list(documents) == [document]
    content = response.content.decode()
    # every meeting and document stays available, inert, for the script
    assert '<template id="meeting-options">' in content
    assert f'value="{theirs.pk}" data-forum="{other.pk}"' in content
    assert f'value="{other_document.pk}" data-meeting="{theirs.pk}"' in content


def test_the_meeting_fills_city_and_country_left_empty_on_save(officer_client, officer):
    meeting = MeetingFactory(city="Geneva", city_fr="Genève", country="CH")
    data = form_data(officer, meeting=meeting)
    data.update({"city": "", "country": ""})
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.status_code == HTTPStatus.FOUND
    engagement = Engagement.objects.get()
    assert engagement.city == "Geneva" and str(engagement.country) == "CH"


def test_a_meeting_of_another_forum_is_refused_with_a_message_saying_so(officer_client, officer):
    meeting = MeetingFactory()
    data = form_data(officer, meeting=meeting, forum=ForumFactory().pk)
    response = officer_client.post(reverse("engagements:create"), data)
    assert response.context["form"].errors["meeting"] == [
        "This meeting is not one of the chosen forum's: choose one of its meetings, or change "
        "the forum."
    ]


def test_one_save_is_one_entry_of_the_history(officer_client, officer, manager):
    meeting = MeetingFactory()
    data = form_data(officer, meeting=meeting, positions=[position("One"), position("Two")])
    assert officer_client.post(reverse("engagements:create"), data).status_code == 302
    engagement = Engagement.objects.get()
    url = reverse("record_history", args=["engagements", "engagement", engagement.pk])
    manager_client = Client()
    manager_client.force_login(manager)
    response = manager_client.get(url)
    saves = response.context["saves"]
    assert len(saves) == 1
    assert saves[0].kind == "created" and len(saves[0].entries) == 3
    content = response.content.decode()
    assert content.count('class="audit-entry"') == 1
    main = content[content.index("<main") : content.index("</main>")]
    assert "Change reason" not in main and "Reason: None" not in main
    detail = officer_client.get(engagement.get_absolute_url())
    assert len(detail.context["history_saves"]) == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_lists_date_filter_is_a_text_box_with_the_hint_it_follows(manager_client, lang):
    """The agreements list's "In effect on" filter follows the portal's date pattern: a text box
    (never the browser's date picker, whose format follows the browser's language), the hint in
    the page's language, and a message saying the format when it is not followed."""
    url = f"/{lang}/agreements/"
    content = manager_client.get(url).content.decode()
    box = content[content.index('id="id_active_on"') - 200 : content.index('id="id_active_on"')]
    assert 'type="text"' in box and 'type="date"' not in content
    assert 'aria-describedby="id_active_on_helptext"' in box
    hint = "Year, month and day" if lang == "en" else "Année, mois et jour"
    assert f'id="id_active_on_helptext">{hint}' in content
    # As whole words: the page's CSRF token is random letters and may hold "YYYY".
    assert not re.search(r"\b(YYYY|AAAA)\b", content)
    content = manager_client.get(url, {"active_on": "31/03/2015"}).content.decode()
    message = (
        "Enter the date as year-month-day"
        if lang == "en"
        else "Entrez la date sous la forme année-mois-jour"
    )
    assert message in content
    assert 'id="id_active_on_error"' in content
    assert 'aria-describedby="id_active_on_helptext id_active_on_error"' in content
