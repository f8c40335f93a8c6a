"""How a cell's last value is shown: its repr, and a table for tabular values."""

from __future__ import annotations

from typing import Any

MAX_REPR_CHARS = 100_000
MAX_CELL_CHARS = 200


def _cell_text(value: Any) -> str:
    text = "None" if value is None else value if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _mapped_columns(obj: Any) -> list[str] | None:
    """Column attribute names of an ORM-mapped object, or None for anything else."""
    try:
        from sqlalchemy import inspect
        from sqlalchemy.exc import NoInspectionAvailable
        from sqlalchemy.orm import InstanceState
    except ImportError:  # pragma: no cover - SQLAlchemy is always installed in the runtime
        return None
    try:
        state = inspect(obj, raiseerr=False)
    except NoInspectionAvailable:
        return None
    if not isinstance(state, InstanceState):
        return None
    return [attr.key for attr in state.mapper.column_attrs]


def _table_from_rows(rows: list[Any], columns: list[str], max_rows: int) -> dict[str, Any]:
    shown = rows[:max_rows]
    return {
        "columns": columns,
        "rows": [[_cell_text(v) for v in tuple(row)] for row in shown],
        "totalRows": len(rows),
    }


def _table_from_objects(objs: list[Any], columns: list[str], max_rows: int) -> dict[str, Any]:
    body = []
    for obj in objs[:max_rows]:
        line = []
        for key in columns:
            try:
                line.append(_cell_text(getattr(obj, key)))
            except Exception as error:  # an expired object whose session is gone, say
                line.append(f"<{type(error).__name__}>")
        body.append(line)
    return {"columns": columns, "rows": body, "totalRows": len(objs)}


def tabulate(value: Any, max_rows: int) -> tuple[Any, dict[str, Any] | None]:
    """(value to repr, table or None). A Result is fetched, so its rows become the value."""
    try:
        from sqlalchemy.engine import Result, Row
        from sqlalchemy.engine.result import ScalarResult, MappingResult
    except ImportError:  # pragma: no cover
        return value, None
    if isinstance(value, Result):
        columns = list(value.keys())
        rows = value.all()
        return rows, _table_from_rows(rows, columns, max_rows)
    if isinstance(value, (ScalarResult, MappingResult)):
        value = value.all()
    if isinstance(value, Row):
        return value, _table_from_rows([value], list(value._fields), max_rows)
    if isinstance(value, (list, tuple)) and value:
        first = value[0]
        if isinstance(first, Row) and all(isinstance(v, Row) for v in value):
            return value, _table_from_rows(list(value), list(first._fields), max_rows)
        columns = _mapped_columns(first)
        if columns is not None and all(type(v) is type(first) for v in value):
            return value, _table_from_objects(list(value), columns, max_rows)
        if isinstance(first, dict) and all(isinstance(v, dict) and v.keys() == first.keys() for v in value):
            keys = list(first.keys())
            return value, _table_from_rows([[v[k] for k in keys] for v in value], [str(k) for k in keys], max_rows)
    columns = _mapped_columns(value)
    if columns is not None:
        return value, _table_from_objects([value], columns, max_rows)
    return value, None


def safe_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception as error:
        text = f"<repr() failed: {type(error).__name__}: {error}>"
    if len(text) > MAX_REPR_CHARS:
        text = text[:MAX_REPR_CHARS] + f"… ({len(text) - MAX_REPR_CHARS:,} more characters)"
    return text


def display(value: Any, max_rows: int) -> dict[str, Any]:
    shown, table = tabulate(value, max_rows)
    result: dict[str, Any] = {"text": safe_repr(shown)}
    if table is not None:
        result["table"] = table
    return result
