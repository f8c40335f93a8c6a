"""Completions from the live namespace: names, and attributes after a dot."""

from __future__ import annotations

import builtins
import inspect
import keyword
import re
from typing import Any

_TAIL = re.compile(r"((?:[A-Za-z_]\w*\.)*)([A-Za-z_]\w*)?$")
MAX_OPTIONS = 200


def _kind(value: Any) -> str:
    if inspect.isclass(value):
        return "class"
    if inspect.ismodule(value):
        return "module"
    if callable(value):
        return "function"
    return "variable"


def _resolve(path: list[str], namespace: dict[str, Any]) -> Any:
    """Follow a dotted name through the namespace and attribute access, calling nothing."""
    head, *rest = path
    if head in namespace:
        value = namespace[head]
    elif hasattr(builtins, head):
        value = getattr(builtins, head)
    else:
        raise LookupError(head)
    for name in rest:
        # Plain getattr, as Python's own rlcompleter does: a property on the way may run code.
        value = getattr(value, name)
    return value


def complete(code: str, offset: int, namespace: dict[str, Any]) -> dict[str, Any]:
    before = code[:offset].split("\n")[-1]
    match = _TAIL.search(before)
    if match is None:
        return {"from": offset, "options": []}
    dotted, prefix = match.group(1), match.group(2) or ""
    start = offset - len(prefix)
    options: list[dict[str, str]] = []
    if dotted:
        try:
            target = _resolve(dotted[:-1].split("."), namespace)
        except Exception:
            return {"from": start, "options": []}
        for name in sorted(dir(target)):
            if not name.startswith(prefix) or (name.startswith("_") and not prefix.startswith("_")):
                continue
            try:
                attr = inspect.getattr_static(target, name)
            except AttributeError:
                continue
            kind = "property" if isinstance(attr, property) else _kind(attr)
            if kind == "variable":
                kind = "property"
            options.append({"label": name, "type": kind, "detail": type(attr).__name__})
    else:
        if not prefix:
            return {"from": start, "options": []}
        seen = set()
        for name, value in list(namespace.items()) + list(vars(builtins).items()):
            if name.startswith(prefix) and not name.startswith("__") and name not in seen:
                seen.add(name)
                options.append({"label": name, "type": _kind(value), "detail": type(value).__name__})
        for word in keyword.kwlist:
            if word.startswith(prefix) and word not in seen:
                options.append({"label": word, "type": "keyword"})
    return {"from": start, "options": options[:MAX_OPTIONS]}
