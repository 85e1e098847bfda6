"""An officer who uses only the keyboard logs an engagement, in French and in English: a failed
submit puts the focus on the error summary; each of its links moves the focus to the field it
names; the officer fixes the fields and saves. axe-core checks the form, the form with its errors
and the saved record. Then, with a mouse, the forum narrows the meeting list at once and the
meeting fills the city and country."""

import datetime

import pytest
from playwright.sync_api import expect

from engagements.models import Engagement, Theme
from forums.models import Forum, Meeting
from tests.browser.helpers import assert_accessible, sign_in

TEXT = {
    "en": {
        "save": "Save draft",
        "saved": "Saved as a draft",
        "required": "(required)",
        "end": "Enter the end date of the engagement.",
        "summary": "Write a summary of what happened and what Canada did.",
        "hint": "Year, month and day, for example 2025-03-31.",
    },
    "fr": {
        "save": "Enregistrer l’ébauche",
        "saved": "Enregistrée comme ébauche",
        "required": "(obligatoire)",
        "end": "Entrez la date de fin de l’activité.",
        "summary": "Rédigez un résumé de ce qui s’est passé et de ce que le Canada a fait.",
        "hint": "Année, mois et jour, par exemple 2025-03-31.",
    },
}


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id: str, *, limit: int = 400) -> None:
    """Press Tab until the element with this id has the focus (fails if it never does)."""
    for _press in range(limit):
        if focused_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def choose_with_arrows(page, element_id: str, value: str, *, limit: int = 60) -> None:
    """On the focused select, press the down arrow until `value` is chosen."""
    assert focused_id(page) == element_id
    for _press in range(limit):
        if page.locator(f"#{element_id}").input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value!r} cannot be chosen in #{element_id} with the arrow keys")


def follow_summary_link(page, target_id: str) -> None:
    """From the error summary, Tab to the link naming the field and press Enter."""
    link = page.locator(f"#error-summary a[href='#{target_id}']")
    expect(link).to_have_count(1)
    page.locator("#error-summary").focus()
    for _press in range(40):
        if page.evaluate("document.activeElement.getAttribute('href')") == f"#{target_id}":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(page) == target_id


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_keyboard_only_engagement_with_a_failed_submit(live_server, page, demo_users, lang):
    text = TEXT[lang]
    page.set_viewport_size({"width": 1280, "height": 900})
    forum = Forum.objects.filter(is_active=True).order_by("acronym_en").first()
    theme = Theme.objects.filter(is_active=True).order_by("pk").first()

    sign_in(page, live_server, "officer", lang=lang)
    page.goto(f"{live_server.url}/{lang}/engagements/new/")
    assert_accessible(page)
    expect(page.locator("label[for=id_end_date]")).to_contain_text(text["required"])
    expect(page.locator("#id_end_date_helptext")).to_have_text(text["hint"])

    # a first try with only the start date: the page comes back with its errors
    tab_to(page, "id_start_date")
    page.keyboard.type("2025-03-10")
    save = page.get_by_role("button", name=text["save"], exact=True)
    save_id = "keyboard-save"
    save.evaluate(f"button => button.id = '{save_id}'")
    tab_to(page, save_id)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(text["end"])
    expect(summary).to_contain_text(text["summary"])
    assert "This field is required" not in summary.inner_text()
    assert_accessible(page)
    expect(page.locator("#id_start_date")).to_have_value("2025-03-10")

    # each link of the summary leads to its field
    follow_summary_link(page, "id_kind")
    choose_with_arrows(page, "id_kind", Engagement.Kind.MEETING)
    tab_to(page, "id_forum")
    choose_with_arrows(page, "id_forum", str(forum.pk))
    follow_summary_link(page, "id_end_date")
    page.keyboard.type("2025-03-12")
    follow_summary_link(page, "id_themes_0")
    tab_to(page, f"id_themes_{_theme_index(page, theme)}")
    page.keyboard.press("Space")
    follow_summary_link(page, "id_summary")
    page.keyboard.type("Canada presented its resettlement pledges.")

    save = page.get_by_role("button", name=text["save"], exact=True)
    save.evaluate(f"button => button.id = '{save_id}'")
    tab_to(page, save_id)
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text(text["saved"])
    engagement = Engagement.objects.get()
    assert engagement.start_date == datetime.date(2025, 3, 10)
    assert engagement.end_date == datetime.date(2025, 3, 12)
    assert engagement.forum == forum
    assert list(engagement.themes.all()) == [theme]
    assert_accessible(page)


def _theme_index(page, theme) -> int:
    return page.evaluate(
        "value => [...document.querySelectorAll('input[name=themes]')]"
        ".findIndex(box => box.value === value)",
        str(theme.pk),
    )


@pytest.mark.django_db(transaction=True)
def test_forum_narrows_the_meetings_and_the_meeting_fills_the_place(live_server, page, demo_users):
    meeting = Meeting.objects.exclude(city="").exclude(country="").select_related("forum").first()
    other = Meeting.objects.exclude(forum=meeting.forum).first()
    sign_in(page, live_server, "officer", lang="fr")
    page.goto(f"{live_server.url}/fr/engagements/new/")
    # with the script, the reload button is not needed
    expect(page.get_by_role("button", name="Afficher les réunions de ce forum")).to_be_hidden()
    page.locator("#id_forum").select_option(str(meeting.forum_id))
    options = page.locator("#id_meeting option")
    values = options.evaluate_all("options => options.map(o => o.value)")
    assert str(meeting.pk) in values and str(other.pk) not in values
    page.locator("#id_meeting").select_option(str(meeting.pk))
    expect(page.locator("#id_city")).to_have_value(meeting.city_fr or meeting.city)
    expect(page.locator("#id_country")).to_have_value(str(meeting.country))
    # another forum: the list follows at once, with no reload
    page.locator("#id_forum").select_option(str(other.forum_id))
    values = options.evaluate_all("options => options.map(o => o.value)")
    assert str(other.pk) in values and str(meeting.pk) not in values
    assert page.locator("#id_meeting").input_value() == ""
    assert_accessible(page)
