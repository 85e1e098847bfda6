from tests.permissions.matrix import EVERYONE, OK, Case, expect

CASES = [
    Case("healthz", expect(anonymous=OK, officer=OK, manager=OK, administrator=OK)),
    Case("dashboard", EVERYONE),
]
