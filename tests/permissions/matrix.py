"""The permission matrix: every URL of the portal × every role, and the answer each must get.

Each app lists its cases in `tests/<app>/matrix.py` as `CASES = [Case(...), ...]`; the test in
`tests/permissions/test_matrix.py` collects them all and fails when a named URL of the URLconf has no
case. A case's `setup(users)` creates the objects it needs and returns the URL's kwargs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

ROLES = ["anonymous", "officer", "other_officer", "manager", "administrator"]

OK = HTTPStatus.OK
REDIRECT = HTTPStatus.FOUND
FORBIDDEN = HTTPStatus.FORBIDDEN
NOT_FOUND = HTTPStatus.NOT_FOUND
NOT_ALLOWED = HTTPStatus.METHOD_NOT_ALLOWED


def expect(*, anonymous=REDIRECT, officer, other_officer=None, manager, administrator):
    """Expected status per role; `other_officer` defaults to the officer's answer."""
    return {
        "anonymous": anonymous,
        "officer": officer,
        "other_officer": officer if other_officer is None else other_officer,
        "manager": manager,
        "administrator": administrator,
    }


EVERYONE = expect(officer=OK, manager=OK, administrator=OK)


@dataclass
class Case:
    url_name: str
    expected: dict
    setup: Callable[[dict], dict] | None = None  # users by role -> reverse() kwargs
    method: str = "get"
    data: Callable[[dict], dict] | dict | None = None  # POST body
    query: str = ""
    label: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.url_name}{'-' + self.label if self.label else ''}-{self.method}"
