"""core is a leaf: it imports no app. The apps register their navigation entries, history pages
and cached figures' models from their AppConfig.ready(); the home page's route is indicators'."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import resolve, reverse
from django.utils import translation

from core import cache, history, navigation
from indicators.views import ProgramDashboardView

CORE = Path(settings.BASE_DIR) / "core"
# the project's own apps (those under BASE_DIR), core excepted
APPS = {
    config.name
    for config in apps.get_app_configs()
    if Path(config.path).parent == Path(settings.BASE_DIR) and config.name != "core"
}


def _imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_core_imports_no_app():
    assert {"engagements", "indicators", "partners", "events"} <= APPS
    offenders = [
        f"{path.relative_to(CORE.parent)}: {module}"
        for path in sorted(CORE.rglob("*.py"))
        if "migrations" not in path.parts
        for module in _imported_modules(path)
        if module.split(".")[0] in APPS
    ]
    assert offenders == []


def test_the_apps_register_their_navigation_in_screen_order():
    names = [item.url_name for item in navigation.NAVIGATION]
    assert names == [
        "engagements:list",
        "engagements:my_work",
        "engagements:review_queue",
        "forums:forum_list",
        "forums:meeting_list",
        "forums:plan",
        "partners:organization_list",
        "partners:agreement_list",
        "partners:service_list",
        "indicators:indicator_list",
        "events:list",
        "notifications:list",
    ]


def test_the_apps_register_their_history_pages_and_cached_models():
    assert set(history.SOURCES) == {
        "engagements.engagement",
        "forums.forum",
        "forums.meeting",
        "partners.organization",
        "partners.contributionagreement",
        "indicators.indicator",
        "indicators.result",
        "events.event",
    }
    tracked = set(cache.TRACKED)
    assert tracked == {
        "engagements.Engagement",
        "engagements.Position",
        "engagements.Theme",
        "forums.Forum",
        "forums.Meeting",
        "forums.OutcomeDocument",
        "partners.ContributionAgreement",
        "partners.AgreementAmount",
        "partners.Organization",
        "partners.TransferPayment",
    }


def test_the_dashboard_keeps_its_url_and_name():
    for lang in ("en", "fr"):
        with translation.override(lang):
            assert reverse("dashboard") == f"/{lang}/"
    match = resolve("/en/")
    assert match.url_name == "dashboard" and match.namespace == ""
    assert match.func.view_class is ProgramDashboardView
