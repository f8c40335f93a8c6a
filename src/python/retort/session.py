"""A notebook session: one real __main__ module shared by every cell, run like a script."""

from __future__ import annotations

import ast
import codeop
import gc
import importlib
import json
import linecache
import os
import shutil
import sys
import time
import types
from typing import Any, Callable

from . import completion, display, sql_capture, streams, tracebacks

FILES_DIR = "/home/pyodide/notebook"
# What a script's own path would be: `Path(__file__).parent / "app.db"` lands beside the module files.
SCRIPT_PATH = f"{FILES_DIR}/notebook.py"


class Session:
    """Runs cells in order in one namespace, and reports each cell as the protocol's CellResult."""

    def __init__(self, limits: dict[str, int]) -> None:
        self.limits = limits
        self.router = streams.Router()
        sys.stdout = streams.CellStream(self.router, "stdout")
        sys.stderr = streams.CellStream(self.router, "stderr")
        self.sources = tracebacks.SourceMap(FILES_DIR)
        tracebacks.name_warnings(self.sources)
        tracebacks.name_tracebacks(self.sources)
        os.makedirs(FILES_DIR, exist_ok=True)
        os.chdir(FILES_DIR)
        if FILES_DIR not in sys.path:
            sys.path.insert(0, FILES_DIR)
        sql_capture.install()
        self.ran_a_cell = False
        self.reset(collect=False)  # nothing to collect yet; a full collection here costs the first start time

    # -- namespace -------------------------------------------------------------------------

    def reset(self, collect: bool = True) -> None:
        """A fresh __main__, compiler flags and notebook modules; old engines are let go."""
        self.main = types.ModuleType("__main__", None)
        self.main.__dict__["__builtins__"] = __builtins__
        self.main.__dict__["__file__"] = SCRIPT_PATH
        sys.argv = [SCRIPT_PATH]
        sys.modules["__main__"] = self.main
        self.compiler = codeop.Compile()
        self._forget_notebook_modules()
        for name in list(linecache.cache):
            if name in self.sources.cells:
                del linecache.cache[name]
        self.sources.cells.clear()
        if collect:
            gc.collect()

    def _forget_notebook_modules(self) -> None:
        prefix = FILES_DIR + "/"
        for name, module in list(sys.modules.items()):
            path = getattr(module, "__file__", None) or ""
            if path.startswith(prefix) and name != "__main__":  # __main__ has a path there too
                del sys.modules[name]
        importlib.invalidate_caches()

    def set_files(self, files_json: str) -> None:
        """Replace the notebook's module files; modules imported from the old ones are forgotten."""
        files = json.loads(files_json)
        for entry in os.listdir(FILES_DIR):
            path = os.path.join(FILES_DIR, entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        for file in files:
            rel = os.path.normpath(file["path"]).lstrip("/")
            if rel.startswith(".."):
                raise ValueError(f"notebook file path {file['path']!r} leaves the notebook folder")
            target = os.path.join(FILES_DIR, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(file["content"])
        self._forget_notebook_modules()

    # -- running ---------------------------------------------------------------------------

    def _compile(self, code: str, filename: str) -> tuple[types.CodeType, types.CodeType | None]:
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        body = self.compiler(tree, filename, "exec")
        tail = self.compiler(last, filename, "eval") if last is not None else None
        return body, tail

    def warm(self) -> bool:
        """Run warm.py's round trip again, here, if no cell has run yet; True if it ran.

        The snapshot holds what that round trip left in Python, but not the WebAssembly code it
        ran: the browser compiles each wasm function on its first call, so the first SQL cell
        after a start would compile SQLite and the interpreter's paths for it (about 0.2 s in
        Chromium). Done while nobody waits, that cost is gone before the first Run. Not once a
        cell has run: configuring mappers would then touch the cells' own classes.
        """
        if self.ran_a_cell:
            return False
        from . import warm

        warm.warm_sqlalchemy()
        sql_capture.recorder.reset()  # its statements belong to no cell
        return True

    def run(self, cell_id: str, label: str, code: str, sink: streams.Sink) -> str:
        self.ran_a_cell = True
        filename = f"<cell {cell_id}>"
        self.sources.cells[filename] = tracebacks.CellSource(cell_id, label)
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        budget = streams.OutputBudget(self.limits["maxChars"], self.limits["maxLines"])
        self.router.start(sink, budget)
        sql_capture.recorder.reset()
        result: dict[str, Any] = {"cellId": cell_id, "status": "ok", "notices": []}
        started = time.perf_counter()
        try:
            body, tail = self._compile(code, filename)
            exec(body, self.main.__dict__)
            if tail is not None:
                value = eval(tail, self.main.__dict__)
                if value is not None:
                    self.main.__dict__["_"] = value
                    result["display"] = display.display(value, self.limits["maxTableRows"])
        except KeyboardInterrupt as error:
            result["status"] = "interrupted"
            result["error"] = tracebacks.describe(error, self.sources, cell_id)
            result["notices"].append("Stopped: the cell was interrupted. The namespace is kept.")
        except SystemExit as error:
            code_ = error.code
            result["status"] = "exited"
            result["exitCode"] = code_ if isinstance(code_, (int, type(None))) else str(code_)
            result["notices"].append(f"sys.exit({'' if code_ is None else repr(code_)}) ended the cell. The namespace is kept.")
        except BaseException as error:  # noqa: BLE001 - everything a script can raise is reported
            tracebacks.add_hints(error)
            result["status"] = "error"
            result["error"] = tracebacks.describe(error, self.sources, cell_id)
        finally:
            self.router.finish()
        result["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
        if budget.cut:
            result["notices"].append(
                f"Output was cut at {budget.lines:,} lines / {budget.chars:,} characters; the cell ran to its end."
            )
        result["sql"] = sql_capture.recorder.reset()
        return json.dumps(result, default=str)

    def complete(self, code: str, offset: int) -> str:
        return json.dumps(completion.complete(code, offset, self.main.__dict__))


def versions() -> str:
    import sqlite3

    import sqlalchemy

    return json.dumps(
        {"python": sys.version.split()[0], "sqlalchemy": sqlalchemy.__version__, "sqlite": sqlite3.sqlite_version}
    )


def start(limits_json: str, block: Callable[[float], None]) -> Session:
    from . import host

    host.install(block)
    import sqlalchemy.orm  # noqa: F401 - imported now so the first cell does not pay for it

    return Session(json.loads(limits_json))
