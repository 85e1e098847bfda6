"""Bulk writes for demo and volume data: one code path for PostgreSQL and SQLite.

`insert_rows(model, columns, rows)` writes plain tuples (no model instances, no per-value ORM work):
PostgreSQL gets them through `COPY ... FROM STDIN` (the fastest way in, about ten times a
multi-row INSERT), other databases through `executemany` INSERTs in batches. `reserve_ids(model,
n)` hands out primary keys up front so that dependent rows can be built before anything is
written; `reset_sequences(*models)` puts PostgreSQL's sequences past the ids written that way.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import IntegrityError, connection
from django.db.models import ForeignKey, Max

BATCH = 5000


def reserve_ids(model, count: int) -> range:
    """`count` primary keys after the largest one in use (the caller holds the transaction)."""
    start = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
    return range(start, start + count)


def reset_sequences(*models) -> None:
    """After explicit ids: the next ordinary INSERT must not reuse one (PostgreSQL sequences;
    SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def analyze(*models) -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL): ANALYZE sees the rows this
    transaction wrote, so the queries that follow in it (and after it) are planned for the real
    volume rather than for the empty tables autovacuum last saw."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@contextmanager
def foreign_keys_checked_in_bulk(*models):
    """Inside: rows written without PostgreSQL's per-row foreign-key triggers; on leaving: every
    foreign key of these models checked in one anti-join each, IntegrityError if any row points
    nowhere. The per-row checks (deferred to the commit, one index probe and row lock per key)
    cost more than the COPY itself at a million rows; the anti-joins take seconds.

    Only where it is safe and allowed: PostgreSQL, inside a transaction, as a superuser (needed
    for `session_replication_role`). Elsewhere the ordinary per-row checks run, and this does
    nothing."""
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not (row and row[0]):
            yield
            return
        cursor.execute("SET LOCAL session_replication_role = replica")
        try:
            yield
        finally:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        for model in models:
            _check_foreign_keys(cursor, model)


def _check_foreign_keys(cursor, model):
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    for field in model._meta.concrete_fields:
        if not isinstance(field, ForeignKey) or not field.db_constraint:
            continue
        target = field.target_field
        cursor.execute(
            f"SELECT c.{quote(field.column)} FROM {table} c "
            f"LEFT JOIN {quote(target.model._meta.db_table)} p "
            f"ON p.{quote(target.column)} = c.{quote(field.column)} "
            f"WHERE c.{quote(field.column)} IS NOT NULL AND p.{quote(target.column)} IS NULL "
            "LIMIT 1"
        )
        missing = cursor.fetchone()
        if missing:
            raise IntegrityError(
                f"{model._meta.db_table}.{field.column} = {missing[0]} points to no "
                f"{target.model._meta.db_table} row"
            )


def insert_rows(model, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write rows (tuples in the order of `columns`, database column names) into the model's
    table. None is NULL; values are passed as Python values (dates, datetimes, numbers, str)."""
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        _copy(model, columns, rows)
    else:
        _executemany(model, columns, rows)
    return len(rows)


def _copy(model, columns, rows):
    by_column = {field.column: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    # Unquoted empty CSV fields are NULL; in a NOT NULL column they are the empty string.
    not_null = [quote(c) for c in columns if c in by_column and not by_column[c].null]
    options = "FORMAT csv"
    if not_null:
        options += f", FORCE_NOT_NULL ({', '.join(not_null)})"
    sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN WITH ({options})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 20):
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows[start : start + BATCH * 20])
            buffer.seek(0)
            cursor.copy_expert(sql, buffer)


def _executemany(model, columns, rows):
    ops = connection.ops
    names = ", ".join(ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [_adapt(row) for row in rows[start : start + BATCH]])


def _adapt(row):
    # SQLite stores dates and datetimes as ISO text; the ORM's adapters give Django's format.
    ops = connection.ops
    out = []
    for value in row:
        if hasattr(value, "tzinfo") and hasattr(value, "hour"):
            value = ops.adapt_datetimefield_value(value)
        elif hasattr(value, "isoformat") and not isinstance(value, str):
            value = ops.adapt_datefield_value(value)
        out.append(value)
    return tuple(out)
