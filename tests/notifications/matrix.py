"""Permission matrix for notifications and the profile page: every signed-in user has their own;
anonymous users are sent to sign in."""

from tests.permissions.matrix import EVERYONE, NOT_ALLOWED, REDIRECT, Case, expect

SIGNED_IN_REDIRECT = expect(officer=REDIRECT, manager=REDIRECT, administrator=REDIRECT)
BAD_REQUEST = 400

CASES = [
    Case("notifications:list", EVERYONE),
    Case("notifications:list", EVERYONE, query="page=abc", label="bad-page"),
    Case("notifications:mark_read", SIGNED_IN_REDIRECT, method="post", data={"all": "1"}),
    Case(
        "notifications:mark_read",
        SIGNED_IN_REDIRECT,
        method="post",
        data={"notification": ["x", "999999"]},
        label="not-mine",
    ),
    Case(
        "notifications:mark_read",
        expect(officer=NOT_ALLOWED, manager=NOT_ALLOWED, administrator=NOT_ALLOWED),
        label="get",
    ),
    Case("notifications:profile", EVERYONE),
    Case(
        "notifications:profile",
        SIGNED_IN_REDIRECT,
        method="post",
        data={"preferred_language": "fr", "reminders": ["stale_draft"]},
    ),
    Case(
        "notifications:profile",
        expect(officer=BAD_REQUEST, manager=BAD_REQUEST, administrator=BAD_REQUEST),
        method="post",
        data={"preferred_language": "de", "reminders": ["not_a_kind"]},
        label="unknown",
    ),
]
