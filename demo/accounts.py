"""The demo accounts: officer, manager and admin, one per role."""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from accounts.roles import ADMINISTRATORS, MANAGERS, OFFICERS

DEMO_ACCOUNTS = [
    # username, role, first name, last name, job title, staff
    ("officer", OFFICERS, "Olivia", "Tremblay", "Policy Officer, International Affairs", False),
    ("manager", MANAGERS, "Marc", "Gagnon", "Manager, Multilateral Policy", False),
    ("admin", ADMINISTRATORS, "Amira", "Singh", "Portal Administrator", True),
]

# Further officers so that demo data has several authors (they share the demo password).
DEMO_COLLEAGUES = [
    ("jchen", "Jia", "Chen"),
    ("pbouchard", "Pierre", "Bouchard"),
    ("nokafor", "Ngozi", "Okafor"),
]


def ensure_demo_accounts(*, stdout=None) -> bool:
    """Create the demo accounts that are missing. Returns True when any was created.

    The password is DEMO_PASSWORD from the environment, else one generated and printed once.
    """
    if User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).exists():
        return False
    password = settings.DEMO_PASSWORD or secrets.token_urlsafe(12)
    with transaction.atomic():
        for username, role, first, last, title, staff in DEMO_ACCOUNTS:
            user = User.objects.create_user(
                username=username,
                password=password,
                first_name=first,
                last_name=last,
                job_title=title,
                email=f"{username}@example.gc.ca",
                is_staff=staff,
            )
            user.groups.add(Group.objects.get(name=role))
        officers = Group.objects.get(name=OFFICERS)
        for username, first, last in DEMO_COLLEAGUES:
            user = User.objects.create_user(
                username=username,
                password=password,
                first_name=first,
                last_name=last,
                job_title="Policy Officer",
                email=f"{username}@example.gc.ca",
            )
            user.groups.add(officers)
    if stdout is not None:
        names = ", ".join(a[0] for a in DEMO_ACCOUNTS)
        if settings.DEMO_PASSWORD:
            stdout.write(f"Demo accounts created: {names} (password from DEMO_PASSWORD).")
        else:
            stdout.write(f"Demo accounts created: {names}. Password (shown once): {password}")
    return True
