"""Permission matrix for the search page and saved views. A saved view belongs to the matrix's
"officer": to anyone else it does not exist (404)."""

from search.models import SavedView
from tests.permissions.matrix import EVERYONE, NOT_FOUND, REDIRECT, Case, expect


def _view(users):
    view = SavedView.objects.create(
        user=users["officer"], list_name="engagements:list", name="Mine", query="status=draft"
    )
    return {"pk": view.pk}


OWNER_ONLY_REDIRECT = expect(
    officer=REDIRECT, other_officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND
)

CASES = [
    Case("search:search", EVERYONE),
    Case("search:search", EVERYONE, query="q=resettlement", label="query"),
    Case("search:search", EVERYONE, query="q=x&kind=nope&page=-3", label="bad"),
    Case("search:saved_views", EVERYONE),
    Case(
        "search:saved_view_create",
        expect(officer=REDIRECT, manager=REDIRECT, administrator=REDIRECT),
        method="post",
        data={"list_name": "forums:forum_list", "name": "All forums", "query": "sort=acronym"},
    ),
    Case(
        "search:saved_view_create",
        expect(officer=NOT_FOUND, manager=NOT_FOUND, administrator=NOT_FOUND),
        method="post",
        data={"list_name": "search:saved_views", "name": "Not a list", "query": ""},
        label="not-a-list",
    ),
    Case("search:saved_view_open", OWNER_ONLY_REDIRECT, setup=_view),
    Case(
        "search:saved_view_rename",
        OWNER_ONLY_REDIRECT,
        setup=_view,
        method="post",
        data={"name": "Renamed"},
    ),
    Case("search:saved_view_delete", OWNER_ONLY_REDIRECT, setup=_view, method="post"),
]
