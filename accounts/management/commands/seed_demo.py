"""Create the demo accounts and realistic demo data; safe to run twice. (In accounts, which
owns the demo accounts: core imports no app.)

Each app that has demo data provides `<app>/demo.py` with a function
`seed(*, rng: random.Random, engagements: int, stdout) -> None`; they run in INSTALLED_APPS order,
each in its own transaction.
"""

import importlib
import random

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import ensure_demo_accounts
from core.cache import invalidate


class Command(BaseCommand):
    help = "Create the demo accounts (officer, manager, admin) and realistic demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--engagements",
            type=int,
            default=300,
            help="How many engagements to create (default 300).",
        )
        parser.add_argument(
            "--seed", type=int, default=43, help="Random seed, for repeatable data."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only create demo data when the database has no demo accounts yet (used by make run).",
        )

    def handle(self, *args, engagements, seed, if_empty, **options):
        created = ensure_demo_accounts(stdout=self.stdout)
        if if_empty and not created:
            self.stdout.write("Demo accounts already exist: demo data left as it is.")
            return
        rng = random.Random(seed)
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            if not hasattr(module, "seed"):
                continue
            with transaction.atomic():
                module.seed(rng=rng, engagements=engagements, stdout=self.stdout)
        # bulk inserts send no model signals: the cached figures and counts are out of date
        invalidate()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
