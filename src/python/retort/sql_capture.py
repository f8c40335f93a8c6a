"""Capture every SQL statement any engine executes, with parameters, duration and row count.

Listens on the Engine class, so engines created by user code are covered without asking, with
or without echo=True. Row counts of SELECTs come from counting what the sqlite3 cursor hands
back, through a cursor subclass installed as sqlite3's default factory.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

MAX_PARAM_CHARS = 2_000
MAX_PARAM_SETS = 10


class Recorder:
    """Statements of the cell that is running, in the order they ran."""

    def __init__(self) -> None:
        self.statements: list[dict[str, Any]] = []

    def reset(self) -> list[dict[str, Any]]:
        done, self.statements = self.statements, []
        return done


recorder = Recorder()


def _params_text(parameters: Any, executemany: bool) -> str:
    if executemany and isinstance(parameters, (list, tuple)):
        shown = list(parameters[:MAX_PARAM_SETS])
        text = repr(shown)
        if len(parameters) > MAX_PARAM_SETS:
            text = text[:-1] + f", ... {len(parameters) - MAX_PARAM_SETS} more]"
    else:
        text = repr(parameters)
    if len(text) > MAX_PARAM_CHARS:
        text = text[:MAX_PARAM_CHARS] + " ..."
    return text


class CountingCursor(sqlite3.Cursor):
    """A sqlite3 cursor that adds the rows it returns to the statement record it belongs to."""

    retort_record: dict[str, Any] | None = None

    def _count(self, n: int) -> None:
        record = self.retort_record
        if record is not None:
            record["rowCount"] = (record["rowCount"] or 0) + n

    def fetchone(self):  # type: ignore[override]
        row = super().fetchone()
        if row is not None:
            self._count(1)
        return row

    def fetchmany(self, size: int | None = None):  # type: ignore[override]
        rows = super().fetchmany(self.arraysize if size is None else size)
        self._count(len(rows))
        return rows

    def fetchall(self):  # type: ignore[override]
        rows = super().fetchall()
        self._count(len(rows))
        return rows

    def __next__(self):
        row = super().__next__()
        self._count(1)
        return row


class CountingConnection(sqlite3.Connection):
    def cursor(self, factory=CountingCursor):  # type: ignore[override]
        return super().cursor(factory)


_original_connect = sqlite3.connect


def _connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    kwargs.setdefault("factory", CountingConnection)
    return _original_connect(*args, **kwargs)


def _before(conn, cursor, statement, parameters, context, executemany) -> None:
    # Keep what was sent now: after_cursor_execute may be handed the whole parameter list of an
    # "insertmanyvalues" run instead of the batch's (SQLAlchemy issue 13018).
    many = bool(executemany) and isinstance(parameters, list)
    conn.info.setdefault("retort_pending", []).append((time.perf_counter(), statement, parameters, many))


def _after(conn, cursor, statement, parameters, context, executemany) -> None:
    pending = conn.info.get("retort_pending")
    begun, statement, parameters, many = pending.pop() if pending else (time.perf_counter(), statement, parameters, bool(executemany))
    is_query = cursor.description is not None
    rowcount = getattr(cursor, "rowcount", -1)
    record = {
        "sql": statement,
        "params": _params_text(parameters, many),
        "executemany": many,
        "durationMs": round((time.perf_counter() - begun) * 1000, 3),
        "rowCount": 0 if is_query else (rowcount if rowcount is not None and rowcount >= 0 else None),
        "engine": conn.engine.url.render_as_string(hide_password=True),
    }
    if is_query:
        if isinstance(cursor, CountingCursor):
            cursor.retort_record = record
        else:
            record["rowCount"] = None
    recorder.statements.append(record)


def install() -> None:
    """Start capturing. Safe to call more than once."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    # SQLAlchemy's pysqlite dialect calls sqlite3.dbapi2.connect, a separate name for the same function.
    sqlite3.connect = _connect  # type: ignore[assignment]
    sqlite3.dbapi2.connect = _connect  # type: ignore[assignment]
    if not event.contains(Engine, "before_cursor_execute", _before):
        event.listen(Engine, "before_cursor_execute", _before)
        event.listen(Engine, "after_cursor_execute", _after)
