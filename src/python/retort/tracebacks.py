"""Tracebacks that show only the user's code: cells and the notebook's own module files."""

from __future__ import annotations

import importlib.util
import linecache
import sys
import traceback
import warnings
from dataclasses import dataclass
from typing import Any


@dataclass
class CellSource:
    cell_id: str
    label: str


class SourceMap:
    """Which compiled file names are cells, and where the notebook's module files live."""

    def __init__(self, files_dir: str) -> None:
        self.cells: dict[str, CellSource] = {}
        self.files_dir = files_dir.rstrip("/") + "/"

    def where(self, filename: str) -> tuple[str | None, str] | None:
        """(cell id or None, label) for a user file name, or None for library code."""
        cell = self.cells.get(filename)
        if cell is not None:
            return cell.cell_id, cell.label
        if filename.startswith(self.files_dir):
            return None, filename[len(self.files_dir):]
        return None


def name_warnings(sources: SourceMap) -> None:
    """Warnings name the cell or module file they point at as tracebacks do ("cell 2:7: ..."),
    not by the name its code was compiled under; library files keep their paths, as in a script."""
    standard = warnings.formatwarning

    def formatwarning(message: Warning | str, category: type[Warning], filename: str, lineno: int, line: str | None = None) -> str:
        place = sources.where(filename)
        if place is None:
            return standard(message, category, filename, lineno, line)
        if line is None:  # a cell's source is in linecache under its compiled name only
            line = linecache.getline(filename, lineno)
        return standard(message, category, place[1], lineno, line)

    warnings.formatwarning = formatwarning


def name_tracebacks(sources: SourceMap) -> None:
    """Tracebacks the code prints itself (traceback.print_exc(), logging's exception()) name the cell
    or module file of each frame as the notebook's own do, not by the name its code was compiled
    under; library frames keep their paths, as in a script."""
    standard = traceback.StackSummary.format_frame_summary

    def format_frame_summary(self: traceback.StackSummary, frame_summary: traceback.FrameSummary, **kwargs: Any) -> str:
        text = standard(self, frame_summary, **kwargs)
        place = sources.where(frame_summary.filename)
        if place is None or not text:  # a formatter may leave a frame out (None)
            return text
        return text.replace(f'File "{frame_summary.filename}"', f'File "{place[1]}"', 1)

    traceback.StackSummary.format_frame_summary = format_frame_summary  # type: ignore[method-assign]


# The database drivers a script may name in create_engine(), none of which can work in a browser.
SERVER_DRIVERS = frozenset(
    {"psycopg2", "psycopg", "asyncpg", "pg8000", "pymysql", "MySQLdb", "mysql", "mariadb", "aiomysql", "asyncmy",
     "oracledb", "cx_Oracle", "pyodbc", "pymssql", "aioodbc"}
)


IPYTHON_DISPLAY = (
    "display() and the IPython package belong to Jupyter; cells here run plain Python, as a script "
    "does. A cell shows the value of its last line as output; print() shows any other value."
)


def add_hints(error: BaseException) -> None:
    """A note (PEP 678) on errors whose cause is the browser or the notebook rather than the code."""
    if isinstance(error, SyntaxError) and (error.text or "").lstrip()[:1] in ("!", "%"):
        error.add_note(
            "Lines starting with ! or % are IPython's shell commands and magics; cells here run plain "
            "Python, as a script does. Packages cannot be installed: SQLAlchemy, typing_extensions, "
            "tzdata (time zones) and the standard library are here already."
        )
    if type(error) is EOFError and not error.args:
        # input() has its own message (host.py); this is a read from standard input that found
        # nothing there, as getpass.getpass() makes.
        error.add_note(
            "Cells run without a terminal, so there is nothing to read from the keyboard (standard "
            'input). Put the value in the code instead, e.g. password = "secret".'
        )
    if type(error) is NameError and error.name == "display":
        error.add_note(IPYTHON_DISPLAY)
    if isinstance(error, OSError) and "does not support processes" in str(error):
        error.add_note(
            "Python in the browser cannot start other programs (subprocess, os.popen): there is no shell "
            "here. Do the work in Python instead."
        )
    if not isinstance(error, ModuleNotFoundError) or not error.name:
        return
    missing = error.name.split(".")[0]
    if missing in SERVER_DRIVERS:
        error.add_note(
            "Only SQLite runs here: Python in the browser has no drivers for database servers and no "
            'network to reach one. Use create_engine("sqlite://"), a database in memory.'
        )
    elif missing == "IPython":
        error.add_note(IPYTHON_DISPLAY)
    elif missing == "aiosqlite":
        error.add_note(
            "SQLAlchemy's asyncio extension cannot run here: it needs aiosqlite, which is not installed, "
            'and a cell cannot wait on an event loop. Use create_engine("sqlite://") and Session.'
        )
    elif importlib.util.find_spec(missing) is not None:
        return  # a module inside a package that is here: a misspelt name, most likely
    elif missing in sys.stdlib_module_names:
        error.add_note("Python in the browser (Pyodide) leaves this part of the standard library out.")
    else:
        error.add_note(
            "Only SQLAlchemy, typing_extensions, tzdata (time zones) and the standard library are installed "
            "here, and packages cannot be added. Modules of your own come as .py files opened together "
            "with the notebook (Open file…)."
        )


def describe(error: BaseException, sources: SourceMap, running: str) -> dict[str, Any]:
    """The error as the protocol's CellError: user frames, text, and the line in `running`."""
    frames = []
    for summary in traceback.extract_tb(error.__traceback__):
        place = sources.where(summary.filename)
        if place is None:
            continue
        cell_id, label = place
        frame = {"file": label, "line": summary.lineno or 0, "name": summary.name, "source": (summary.line or "").strip()}
        if cell_id is not None:
            frame["cellId"] = cell_id
        frames.append(frame)
    message = error.msg if isinstance(error, SyntaxError) else str(error)
    result: dict[str, Any] = {"type": type(error).__name__, "message": message, "frames": frames}
    notes = getattr(error, "__notes__", None)
    if isinstance(notes, list) and notes:
        result["notes"] = [str(note) for note in notes]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    for f in frames:
        lines.append(f'  File "{f["file"]}", line {f["line"]}, in {f["name"]}\n')
        if f["source"]:
            lines.append(f"    {f['source']}\n")
    if isinstance(error, SyntaxError):
        place = sources.where(error.filename or "")
        label = place[1] if place else (error.filename or "<unknown>")
        shown = SyntaxError(error.msg, (label, error.lineno, error.offset, error.text, error.end_lineno, error.end_offset))
        if "notes" in result:
            shown.__notes__ = result["notes"]  # printed by traceback, as the error's own would be
        lines.extend(traceback.format_exception_only(type(error), shown))
        if place and place[0] == running:
            result["line"] = error.lineno
            result["column"] = error.offset
    else:
        lines.extend(traceback.format_exception_only(type(error), error))
    in_cell = [f for f in frames if f.get("cellId") == running]
    if in_cell and "line" not in result:
        result["line"] = in_cell[-1]["line"]
    result["text"] = "".join(lines).rstrip("\n")
    return result
