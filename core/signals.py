"""Signals for writes that send no model signal (bulk inserts, QuerySet.update), so that what is
kept from the records (indicators.tallies) can follow them without core naming any app.

- `records_changing(sender=Model, pks=[…])`: these rows are about to be changed in bulk.
- `records_written(sender=Model, pks=[…])`: these rows were written (created, or changed after a
  records_changing with the same pks); `sender=None` or `pks=None`: anything may have changed.
"""

from contextlib import contextmanager

from django.dispatch import Signal

records_changing = Signal()
records_written = Signal()


@contextmanager
def writing_records(model, pks):
    """Around a bulk change of existing rows: records_changing before, records_written after."""
    pks = list(pks)
    records_changing.send(sender=model, pks=pks)
    yield
    records_written.send(sender=model, pks=pks)
