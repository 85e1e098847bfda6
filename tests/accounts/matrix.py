from tests.permissions.matrix import OK, REDIRECT, Case, expect

SIGNED_IN_OK = expect(officer=OK, manager=OK, administrator=OK)

CASES = [
    # signed-in users are sent on to the dashboard
    Case("login", expect(anonymous=OK, officer=REDIRECT, manager=REDIRECT, administrator=REDIRECT)),
    Case(
        "logout",
        expect(anonymous=REDIRECT, officer=REDIRECT, manager=REDIRECT, administrator=REDIRECT),
        method="post",
    ),
    Case("password_change", SIGNED_IN_OK),
    Case("password_change_done", SIGNED_IN_OK),
]
