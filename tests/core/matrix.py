from tests.permissions.matrix import EVERYONE, OK, Case, expect

CASES = [
    Case("healthz", expect(anonymous=OK, officer=OK, manager=OK, administrator=OK)),
    Case("dashboard", EVERYONE),
]

PUBLIC = expect(anonymous=OK, officer=OK, manager=OK, administrator=OK)
CASES += [
    Case("help", PUBLIC),
    Case("about", PUBLIC),
    Case("privacy", PUBLIC),
    Case("report_problem", PUBLIC),
]
