"""Create the demo accounts and realistic demo data; safe to run twice. (In accounts, which
owns the demo accounts: core imports no app.)

The data comes from the `demo` package: each of its modules in SEEDS has a function
`seed(*, rng: random.Random, engagements: int, stdout) -> None`; they run in that order, each in
its own transaction, sharing one random generator (so that a seed gives the same data).
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from core.cache import invalidate
from core.signals import records_written
from demo import engagements as demo_engagements
from demo import forums as demo_forums
from demo import indicators as demo_indicators
from demo import partners as demo_partners
from demo.accounts import ensure_demo_accounts

# What each one reads must be there before it: the agreements and meetings before the
# engagements that serve them, the engagements before the result computed from them.
SEEDS = [demo_partners, demo_forums, demo_engagements, demo_indicators]


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
        for module in SEEDS:
            with transaction.atomic():
                module.seed(rng=rng, engagements=engagements, stdout=self.stdout)
        # bulk inserts send no model signals: the figures' summaries are rebuilt from the records,
        # the cached figures and counts are out of date
        records_written.send(sender=None, pks=None)
        invalidate()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
