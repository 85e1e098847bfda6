"""Recomputes every figure from the records and compares it with what the dashboards read.

    python manage.py verify_figures            # 0 differences expected; exit 1 otherwise
    python manage.py verify_figures --repair   # rebuild the summaries from the records first

The dashboards read per-key summaries kept in the same transaction as the writes
(indicators.tallies). This compares each summary row with a full recomputation from the records,
then each computed indicator's figures for every fiscal year the portal covers with the same
figures computed from the records alone.
"""

from django.core.management.base import BaseCommand, CommandError

from indicators import calculations, tallies
from indicators.selectors import portal_years


def figure_differences(years) -> list[tuple]:
    """(calculation, fiscal year, figure, from the summaries, from the records)."""
    found = []
    for key, calculation in calculations.REGISTRY.items():
        read = calculation._series(years)
        reference = calculation.reference_series(years)
        for year in years:
            have, want = read[year], reference[year]
            for name in sorted(set(have.counts) | set(want.counts)):
                if have.counts.get(name) != want.counts.get(name):
                    found.append(
                        (key, str(year), name, have.counts.get(name), want.counts.get(name))
                    )
    return found


class Command(BaseCommand):
    help = "Recompute every figure from the records and report any difference with the summaries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Rebuild the summaries from the records before comparing.",
        )

    def handle(self, *args, repair=False, **options):
        if repair:
            tallies.rebuild()
            self.stdout.write("Summaries rebuilt from the records.")
        rows = tallies.differences()
        for part, key, name, have, want in rows:
            self.stderr.write(f"{part} {key} {name}: summary {have}, records {want}")
        years = portal_years()
        figures = figure_differences(years)
        for key, year, name, have, want in figures:
            self.stderr.write(f"{key} {year} {name}: dashboards {have}, records {want}")
        if rows or figures:
            raise CommandError(
                f"{len(rows)} differences between the summaries and the records, "
                f"{len(figures)} between the figures and the records: run "
                "`manage.py verify_figures --repair`."
            )
        span = f"{years[0]} to {years[-1]}" if years else "none"
        self.stdout.write(
            self.style.SUCCESS(
                f"Figures verified for {len(years)} fiscal years ({span}): 0 differences."
            )
        )
