// Every execution rule of the runtime, through real Pyodide in Node: a notebook behaves like the
// script it came from.
import { existsSync, mkdtempSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/protocol/runtime-api.ts';
import { provisioned, readPythonSources, startNodeRuntime } from '../../src/runtime/node-host.ts';
import { startTestRuntime, type TestRuntime } from './harness.ts';

let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
});

const MODELS = `
from __future__ import annotations
from typing import Optional
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    nickname: Mapped[Optional[str]]
    books: Mapped[list[Book]] = relationship(back_populates="author")

class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books")
`;

describe('one shared __main__ namespace', () => {
  it('is the real __main__ module in sys.modules, shared across cells', async () => {
    await rt.run('shared_value = 41');
    const r = await rt.run('import sys\n(__name__, sys.modules["__main__"].shared_value + 1, sys.modules["__main__"].__dict__ is globals())');
    expect(r.status).toBe('ok');
    expect(r.display?.text).toBe("('__main__', 42, True)");
  });

  it('has a script path in __file__ and sys.argv, in the folder of the notebook files and the working directory', async () => {
    const r = await rt.run('import os, sys\nfrom pathlib import Path\n(__file__, sys.argv, Path(__file__).parent == Path.cwd())');
    expect(r.display?.text).toBe("('/home/pyodide/notebook/notebook.py', ['/home/pyodide/notebook/notebook.py'], True)");
    await rt.api.reset();
    expect((await rt.run('__file__')).display?.text).toBe("'/home/pyodide/notebook/notebook.py'");
    // Replacing the notebook's files forgets the modules imported from that folder, not __main__.
    await rt.api.setFiles([{ path: 'other.py', content: 'X = 1\n' }]);
    expect((await rt.run('import sys\nsys.modules["__main__"].__dict__ is globals()')).display?.text).toBe('True');
  });

  it('maps classes with `from __future__ import annotations` and forward references, as CPython does', async () => {
    const models = await rt.run(MODELS);
    expect(models.error?.text).toBeUndefined();
    const r = await rt.run(`
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Author(name="Ursula", books=[Book(title="A Wizard of Earthsea")]))
    s.commit()
    found = s.scalars(select(Book)).one()
found.title, found.__annotations__ if hasattr(found, "__annotations__") else None
`);
    expect(r.status).toBe('ok');
    expect(r.display?.text).toContain("'A Wizard of Earthsea'");
  });

  it('keeps a `from __future__` import in force for later cells, like one script', async () => {
    await rt.run('from __future__ import annotations');
    const r = await rt.run('def f(x: UndefinedName) -> None: ...\nf.__annotations__["x"]');
    expect(r.display?.text).toBe("'UndefinedName'");
  });

  it('runs `if __name__ == "__main__":` blocks', async () => {
    const r = await rt.run('if __name__ == "__main__":\n    print("as a script")');
    expect(r.stdout).toBe('as a script\n');
  });

  it('pickles instances of dataclasses defined in a cell', async () => {
    await rt.run('from dataclasses import dataclass\n@dataclass\nclass Point:\n    x: int\n    y: int');
    const r = await rt.run('import pickle\npickle.loads(pickle.dumps(Point(1, 2)))');
    expect(r.status).toBe('ok');
    expect(r.display?.text).toBe('Point(x=1, y=2)');
  });
});

describe('display of the last expression', () => {
  it('shows the repr of a final expression, and nothing for None or a statement', async () => {
    expect((await rt.run('x = 3\nx * 2')).display).toEqual({ text: '6' });
    expect((await rt.run('None')).display).toBeUndefined();
    expect((await rt.run('y = 5')).display).toBeUndefined();
    expect((await rt.run('"a" + "b"')).display?.text).toBe("'ab'");
  });

  it('shows a SQLAlchemy Result as a table with its column names', async () => {
    await rt.run(MODELS);
    await rt.run(`
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)
session.add_all([Author(name=f"author {i}") for i in range(150)])
session.commit()`);
    const r = await rt.run('session.execute(select(Author.id, Author.name).where(Author.id <= 3))');
    expect(r.display?.table).toEqual({
      columns: ['id', 'name'],
      rows: [
        ['1', 'author 0'],
        ['2', 'author 1'],
        ['3', 'author 2'],
      ],
      totalRows: 3,
    });
  });

  it('shows a list of Rows and a list of mapped objects as tables, cut at the cap with the full count', async () => {
    const rows = await rt.run('session.execute(select(Author.name)).all()');
    expect(rows.display?.table?.columns).toEqual(['name']);
    expect(rows.display?.table?.rows).toHaveLength(100);
    expect(rows.display?.table?.totalRows).toBe(150);
    const objects = await rt.run('session.scalars(select(Author).limit(2)).all()');
    expect(objects.display?.table).toEqual({
      columns: ['id', 'name', 'nickname'],
      rows: [
        ['1', 'author 0', 'None'],
        ['2', 'author 1', 'None'],
      ],
      totalRows: 2,
    });
    expect(objects.display?.text).toMatch(/^\[<__main__\.Author object at/);
  });

  it('sets _ to the last displayed value', async () => {
    await rt.run('21 * 2');
    expect((await rt.run('_')).display?.text).toBe('42');
  });
});

describe('stdout and stderr', () => {
  it('streams both while the cell runs, in the order written', async () => {
    const r = await rt.run(`
import sys, time
print("one")
print("two", file=sys.stderr)
time.sleep(0.1)
print("three")`);
    // Chunk boundaries are the batcher's business; the order of the two streams is not.
    const order: string[] = [];
    for (const c of r.chunks) {
      const last = order.length - 1;
      if (order[last]?.startsWith(`${c.name}:`)) order[last] += c.text;
      else order.push(`${c.name}:${c.text}`);
    }
    expect(order).toEqual(['stdout:one\n', 'stderr:two\n', 'stdout:three\n']);
  });

  it('cuts runaway output with a notice and still finishes the cell', async () => {
    const r = await rt.run('for i in range(30_000):\n    print(i)\nfinished = True\n"done"');
    expect(r.status).toBe('ok');
    expect(r.display?.text).toBe("'done'");
    expect(r.stdout.split('\n').length - 1).toBe(10_000);
    expect(r.notices.join(' ')).toMatch(/Output was cut at 10,000 lines/);
  });

  it('cuts output past a million characters', async () => {
    const r = await rt.run('print("x" * 3_000_000)');
    expect(r.stdout.length).toBe(1_000_000);
    expect(r.notices.join(' ')).toMatch(/cut/);
  });
});

describe('SQL capture', () => {
  it('records every statement in order with parameters, row counts and the engine', async () => {
    await rt.run(MODELS);
    const r = await rt.run(`
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Author(name="Ada"))
    s.commit()
    names = s.scalars(select(Author.name).where(Author.name.like("A%"))).all()
    s.execute(Author.__table__.update().values(nickname="ace"))
names`);
    expect(r.status).toBe('ok');
    const sql = r.sql.map((s) => s.sql.trim().split(/\s+/).slice(0, 3).join(' '));
    expect(sql).toContain('CREATE TABLE author');
    const insert = r.sql.find((s) => s.sql.startsWith('INSERT INTO author'));
    expect(insert?.params).toBe("('Ada', None)");
    const select = r.sql.find((s) => s.sql.startsWith('SELECT author.name'));
    expect(select?.params).toBe("('A%',)");
    expect(select?.rowCount).toBe(1);
    const update = r.sql.find((s) => s.sql.startsWith('UPDATE author'));
    expect(update?.rowCount).toBe(1);
    expect(r.sql.every((s) => s.engine === 'sqlite://' && s.durationMs >= 0)).toBe(true);
    // In execution order: the INSERT before the SELECT before the UPDATE.
    expect(r.sql.indexOf(insert!)).toBeLessThan(r.sql.indexOf(select!));
    expect(r.sql.indexOf(select!)).toBeLessThan(r.sql.indexOf(update!));
  });

  it('records executemany parameter sets and Core statements of any engine', async () => {
    const r = await rt.run(`
from sqlalchemy import text
other = create_engine("sqlite://")
with other.begin() as c:
    c.execute(text("create table t (x int)"))
    c.execute(text("insert into t values (:x)"), [{"x": 1}, {"x": 2}, {"x": 3}])
    total = c.execute(text("select sum(x) from t")).scalar()
total`);
    expect(r.display?.text).toBe('6');
    const many = r.sql.find((s) => s.sql.startsWith('insert into t'));
    expect(many?.executemany).toBe(true);
    expect(many?.params).toBe('[(1,), (2,), (3,)]');
    expect(many?.rowCount).toBe(3);
  });

  it('keeps echo=True logging on stdout while capturing the same statements', async () => {
    const r = await rt.run(`
echoing = create_engine("sqlite://", echo=True)
with echoing.connect() as c:
    c.exec_driver_sql("select 1").all()`);
    expect(r.stdout).toMatch(/INFO sqlalchemy\.engine\.Engine select 1/);
    expect(r.sql.map((s) => s.sql)).toContain('select 1');
    // The handler made in that cell still prints in the next one.
    const again = await rt.run('with echoing.connect() as c:\n    c.exec_driver_sql("select 2").all()');
    expect(again.stdout).toMatch(/select 2/);
  });

  it('starts each cell with an empty list', async () => {
    expect((await rt.run('1')).sql).toEqual([]);
  });
});

describe('errors', () => {
  it('shows only user frames, mapped to the cell and line, with the source line', async () => {
    await rt.run('def divide(a, b):\n    return a / b', 'defs');
    const r = await rt.run('x = 1\ndivide(x, 0)', 'caller');
    expect(r.status).toBe('error');
    expect(r.error?.type).toBe('ZeroDivisionError');
    expect(r.error?.frames).toEqual([
      { cellId: 'caller', file: 'cell caller', line: 2, name: '<module>', source: 'divide(x, 0)' },
      { cellId: 'defs', file: 'cell defs', line: 2, name: 'divide', source: 'return a / b' },
    ]);
    expect(r.error?.line).toBe(2);
    expect(r.error?.text).toContain('File "cell defs", line 2, in divide');
  });

  it('drops SQLAlchemy frames from an error raised inside the library', async () => {
    await rt.run(MODELS);
    const r = await rt.run(`
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Book(title="orphan", author_id=None))
    s.commit()`);
    expect(r.error?.type).toBe('IntegrityError');
    expect(r.error?.frames.map((f) => f.line)).toEqual([6]);
    expect(r.error?.text).not.toContain('site-packages');
  });

  it('names the cell or module file a warning points at, as tracebacks do, and keeps library paths', async () => {
    const r = await rt.run('import warnings\nx = 1\nwarnings.warn("careful")', 'warns');
    expect(r.status).toBe('ok');
    expect(r.stderr).toBe('cell warns:3: UserWarning: careful\n  warnings.warn("careful")\n');
    await rt.api.setFiles([{ path: 'noisy.py', content: 'import warnings\n\ndef hush():\n    warnings.warn("from a file", DeprecationWarning, stacklevel=1)\n' }]);
    const file = await rt.run('import warnings, noisy\nwarnings.simplefilter("always")\nnoisy.hush()');
    expect(file.stderr).toBe('noisy.py:4: DeprecationWarning: from a file\n  warnings.warn("from a file", DeprecationWarning, stacklevel=1)\n');
    // A warning SQLAlchemy raises about its own code keeps the library's path, as a script shows it.
    const library = await rt.run('import warnings, sqlalchemy\nwarnings.warn_explicit("inside", UserWarning, sqlalchemy.__file__, 1)');
    expect(library.stderr).toMatch(/^\/.*sqlalchemy\/__init__\.py:1: UserWarning: inside\n/);
  });

  it('names cells and module files in tracebacks the code prints itself, and keeps library paths', async () => {
    await rt.api.setFiles([{ path: 'helpers.py', content: 'def invert(x):\n    return 1 / x\n' }]);
    await rt.run('import helpers\ndef twice(x):\n    return helpers.invert(x) * 2', 'defs');
    const printed = await rt.run('import traceback\ntry:\n    twice(0)\nexcept ZeroDivisionError:\n    traceback.print_exc()', 'prints');
    expect(printed.status).toBe('ok');
    expect(printed.stderr.match(/File "[^"]+", line \d+/g)).toEqual(['File "cell prints", line 3', 'File "cell defs", line 3', 'File "helpers.py", line 2']);
    // logging formats its exception() through the same module; a library frame keeps its full path.
    const logged = await rt.run(
      'import logging, io\nfrom sqlalchemy import create_engine, text\nout = io.StringIO()\nlog = logging.getLogger("t")\nlog.addHandler(logging.StreamHandler(out))\n' +
        'try:\n    create_engine("sqlite://").connect().execute(text("select nope"))\nexcept Exception:\n    log.exception("failed")\nprint(out.getvalue())',
      'logs',
    );
    expect(logged.stdout).toMatch(/^failed\nTraceback \(most recent call last\):\n/);
    expect(logged.stdout).toContain('\n  File "cell logs", line 7, in <module>\n');
    expect(logged.stdout).not.toContain('<cell ');
    expect(logged.stdout).toMatch(/File "\/[^"]*\/sqlalchemy\/engine\/base\.py", line \d+/);
  });

  it("shows an exception's notes, and adds one when a script names a database server's driver", async () => {
    const own = await rt.run('e = ValueError("bad")\ne.add_note("first")\ne.add_note("second")\nraise e');
    expect(own.error?.notes).toEqual(['first', 'second']);
    expect(own.error?.text).toMatch(/ValueError: bad\nfirst\nsecond$/);
    const server = await rt.run('from sqlalchemy import create_engine\ncreate_engine("postgresql://u:p@db.example/app")');
    expect(server.error?.type).toBe('ModuleNotFoundError');
    expect(server.error?.message).toBe("No module named 'psycopg2'");
    expect(server.error?.notes).toEqual([expect.stringMatching(/^Only SQLite runs here: .*create_engine\("sqlite:\/\/"\)/)]);
    const asyncio = await rt.run('from sqlalchemy.ext.asyncio import create_async_engine\ncreate_async_engine("sqlite+aiosqlite://")');
    expect(asyncio.error?.notes).toEqual([expect.stringMatching(/^SQLAlchemy's asyncio extension cannot run here: it needs aiosqlite/)]);
    const missing = await rt.run('import pandas');
    expect(missing.error?.notes).toEqual([expect.stringMatching(/^Only SQLAlchemy, typing_extensions, tzdata \(time zones\) and the standard library are installed here/)]);
    const stdlib = await rt.run('import multiprocessing\nmultiprocessing.Pool(2)');
    expect(stdlib.error?.message).toBe("No module named '_multiprocessing'");
    expect(stdlib.error?.notes).toEqual(['Python in the browser (Pyodide) leaves this part of the standard library out.']);
    const magic = await rt.run('!pip install pandas');
    expect(magic.error?.type).toBe('SyntaxError');
    expect(magic.error?.notes).toEqual([expect.stringMatching(/^Lines starting with ! or % are IPython's/)]);
    expect(magic.error?.text).toMatch(/SyntaxError: invalid syntax\nLines starting with ! or %/);
    const jupyter = [await rt.run('display("x")'), await rt.run('from IPython.display import display')];
    for (const r of jupyter) expect(r.error?.notes).toEqual([expect.stringMatching(/^display\(\) and the IPython package belong to Jupyter/)]);
    expect((await rt.run('shown')).error?.notes).toBeUndefined(); // another undefined name: the code's own
    // A misspelt module inside a package that is here, and an error of the code's own, get no note.
    expect((await rt.run('import sqlalchemy.orm.sesion')).error?.notes).toBeUndefined();
    expect((await rt.run('import xml.etree.ElementTre')).error?.notes).toBeUndefined();
    expect((await rt.run('1 / 0')).error?.notes).toBeUndefined();
  });

  it('reports a SyntaxError with its cell, line and column', async () => {
    const r = await rt.run('x = 1\ny = = 2\nz = 3', 'bad');
    expect(r.error?.type).toBe('SyntaxError');
    expect(r.error?.line).toBe(2);
    expect(r.error?.column).toBeGreaterThan(0);
    expect(r.error?.text).toContain('File "cell bad", line 2');
  });
});

describe('stopping, sleeping, input and exit', () => {
  it('interrupts a busy loop with KeyboardInterrupt and keeps the namespace', async () => {
    await rt.run('kept = "still here"');
    rt.interruptAfter(300);
    // A busy loop a lost interrupt cannot make endless: a blocked thread is beyond vitest's timeout,
    // and two runs of this tier (one in each of the last two sessions) sat at full CPU for minutes.
    const r = await rt.run('import time\nend = time.monotonic() + 20\nwhile time.monotonic() < end:\n    pass');
    expect(r.status).toBe('interrupted');
    expect(r.error?.type).toBe('KeyboardInterrupt');
    expect((await rt.run('kept')).display?.text).toBe("'still here'");
  });

  it('makes time.sleep() really wait, and lets Stop interrupt it', async () => {
    const slept = await rt.run('import time\nt = time.monotonic()\ntime.sleep(0.25)\ntime.monotonic() - t >= 0.25');
    expect(slept.display?.text).toBe('True');
    rt.interruptAfter(200);
    const r = await rt.run('time.sleep(30)');
    expect(r.status).toBe('interrupted');
  });

  it('a stale interrupt from before a cell does not hit it', async () => {
    rt.interrupt[0] = 2;
    expect((await rt.run('sum(range(100_000))')).status).toBe('ok');
  });

  it('a Stop meant for an earlier run does not hit the next one; a Stop for a run that waited in the worker stops it', async () => {
    // A Stop for run 41, which had ended before the signal came: run 42 goes through.
    Atomics.store(rt.interrupt, 1, 41);
    Atomics.store(rt.interrupt, 0, 2);
    expect((await rt.run('sum(range(100_000))', undefined, 42)).status).toBe('ok');
    // A Stop for run 43, pressed while it waited behind other work: it stops as soon as it starts.
    Atomics.store(rt.interrupt, 1, 43);
    Atomics.store(rt.interrupt, 0, 2);
    const stopped = await rt.run('total = 0\nfor i in range(3_000_000):\n    total += i', undefined, 43);
    expect(stopped.status).toBe('interrupted');
    expect(stopped.error?.type).toBe('KeyboardInterrupt');
  });

  it('answers input() and getpass with a clear error instead of hanging, and standard input is empty', async () => {
    const r = await rt.run('name = input("Your name? ")');
    expect(r.status).toBe('error');
    expect(r.error?.type).toBe('EOFError');
    expect(r.error?.message).toMatch(/cannot read from the keyboard/);
    expect(r.stdout).toBe('Your name? ');
    // getpass reads standard input itself, finds nothing and raises a bare EOFError: a note says why.
    const secret = await rt.run('import getpass\npassword = getpass.getpass("Password: ")');
    expect(secret.error?.type).toBe('EOFError');
    expect(secret.stderr).toMatch(/Password: $/); // as a script run with no terminal shows it
    expect(secret.error?.notes).toEqual([expect.stringMatching(/^Cells run without a terminal, so there is nothing to read/)]);
    expect((await rt.run('import sys\nsys.stdin.read()')).display?.text).toBe("''");
    // An EOFError the code raises with a message of its own gets no note.
    expect((await rt.run('raise EOFError("end of my data")')).error?.notes).toBeUndefined();
  });

  it('runs no shell command in any host: os.system() is passed over with a note, subprocess says why it fails', async () => {
    // Node's C library would run the command on this machine; the browser's returns an error code.
    const ran = join(mkdtempSync(join(tmpdir(), 'retort-system-')), 'ran');
    const r = await rt.run(`import os\nos.system("echo ran > ${ran}")`);
    expect(r.display?.text).toBe('-1');
    expect(r.stderr).toBe(`os.system() skipped ('echo ran > ${ran}'): Python in the browser has no shell and cannot run other programs. Do the work in Python instead.\n`);
    expect(existsSync(ran)).toBe(false);
    const sub = await rt.run('import subprocess\nsubprocess.run(["ls"])');
    expect(sub.error?.type).toBe('OSError');
    expect(sub.error?.notes).toEqual([expect.stringMatching(/^Python in the browser cannot start other programs/)]);
  });

  it('passes over breakpoint() with a note instead of a debugger waiting for keys', async () => {
    const r = await rt.run('x = 1\nbreakpoint()\nx + 1');
    expect(r.status).toBe('ok');
    expect(r.display?.text).toBe('2');
    expect(r.stderr).toMatch(/^breakpoint\(\) skipped: cells run without a terminal/);
  });

  it('says why a thread cannot start, and the namespace goes on', async () => {
    const r = await rt.run('import threading\nt = threading.Thread(target=print, args=("hi",))\nt.start()');
    expect(r.status).toBe('error');
    expect(r.error?.type).toBe('RuntimeError');
    expect(r.error?.message).toBe("can't start new thread: Python in the browser runs on a single thread. Call the thread's function directly instead.");
    const pool = await rt.run('from concurrent.futures import ThreadPoolExecutor\nThreadPoolExecutor().submit(print, "hi")');
    expect(pool.error?.message).toMatch(/^can't start new thread: /);
    expect((await rt.run('threading.active_count()')).display?.text).toBe('1');
  });

  it('says why asyncio.run() cannot wait, without a stray warning about the coroutine', async () => {
    const r = await rt.run('import asyncio\nasync def main():\n    return 5\nasyncio.run(main())');
    expect(r.status).toBe('error');
    expect(r.error?.type).toBe('RuntimeError');
    expect(r.error?.message).toMatch(/^asyncio\.run\(\) and run_until_complete\(\) cannot wait here: .*synchronous API/);
    expect(r.error?.line).toBe(4);
    expect(r.stderr).toBe('');
    const loop = await rt.run('asyncio.new_event_loop().run_until_complete(main())');
    expect(loop.error?.message).toMatch(/cannot wait here/);
  });

  it('ends a cell on sys.exit() with a notice and the exit code', async () => {
    const r = await rt.run('import sys\nprint("before")\nsys.exit(3)\nprint("after")');
    expect(r.status).toBe('exited');
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('before\n');
    expect(r.notices.join(' ')).toMatch(/sys\.exit\(3\) ended the cell/);
  });
});

describe('time zones', () => {
  it("finds IANA zones by name, with their daylight saving time, as a script's zoneinfo does", async () => {
    const r = await rt.run(
      'from datetime import datetime\nfrom zoneinfo import ZoneInfo, available_timezones\nlisbon = ZoneInfo("Europe/Lisbon")\n' +
        '[str(datetime(2024, m, 1, 9, tzinfo=lisbon).utcoffset()) for m in (1, 7)], "America/Argentina/Buenos_Aires" in available_timezones(), str(ZoneInfo("UTC"))',
    );
    expect(r.display?.text).toBe("(['0:00:00', '1:00:00'], True, 'UTC')");
    const count = await rt.run('len(available_timezones())');
    expect(Number(count.display?.text)).toBeGreaterThan(400);
    const typo = await rt.run('ZoneInfo("Europe/Pariss")');
    expect(typo.error?.type).toBe('ZoneInfoNotFoundError');
    expect(typo.error?.message).toBe("'No time zone found with key Europe/Pariss'"); // not Pyodide's advice to load a package
  });
});

describe('notebook files', () => {
  it('lets cells import module files, packages and relative imports inside them', async () => {
    await rt.api.setFiles([
      { path: 'helpers.py', content: 'def shout(s):\n    return s.upper() + "!"\n' },
      { path: 'shop/__init__.py', content: 'from .models import price\n' },
      { path: 'shop/models.py', content: 'from .pricing import double\n\ndef price(n):\n    return double(n)\n' },
      { path: 'shop/pricing.py', content: 'def double(n):\n    return n * 2\n' },
    ]);
    const r = await rt.run('import helpers, shop\nhelpers.shout("hi"), shop.price(21)');
    expect(r.display?.text).toBe("('HI!', 42)");
  });

  it('maps tracebacks into module files by path', async () => {
    await rt.api.setFiles([{ path: 'broken.py', content: 'def boom():\n    raise ValueError("from a file")\n' }]);
    const r = await rt.run('import broken\nbroken.boom()', 'usesfile');
    expect(r.error?.frames.map((f) => [f.file, f.line])).toEqual([
      ['cell usesfile', 2],
      ['broken.py', 2],
    ]);
  });

  it('forgets modules imported from replaced files', async () => {
    await rt.api.setFiles([{ path: 'version.py', content: 'V = 1\n' }]);
    await rt.run('import version');
    await rt.api.setFiles([{ path: 'version.py', content: 'V = 2\n' }]);
    expect((await rt.run('import version\nversion.V')).display?.text).toBe('2');
  });
});

describe('reset and completion', () => {
  it('reset gives a fresh namespace and fresh in-memory databases', async () => {
    await rt.run('from sqlalchemy import create_engine, text\nold = create_engine("sqlite://")\nwith old.begin() as c:\n    c.execute(text("create table kept (x int)"))');
    await rt.api.reset();
    const gone = await rt.run('old');
    expect(gone.error?.type).toBe('NameError');
    const fresh = await rt.run(
      'from sqlalchemy import create_engine, inspect\ninspect(create_engine("sqlite://")).get_table_names()',
    );
    expect(fresh.display?.text).toBe('[]');
  });

  it('completes names and attributes from the live namespace', async () => {
    await rt.run('from sqlalchemy.orm import Session\nsession = Session()');
    const attrs = await rt.api.complete('session.ad', 10);
    expect(attrs.from).toBe(8);
    expect(attrs.options.map((o) => o.label)).toEqual(['add', 'add_all']);
    const names = await rt.api.complete('sess', 4);
    expect(names.options.map((o) => o.label)).toContain('session');
  });
});

describe('a crashed interpreter', () => {
  it('is detected and reported; later calls say it crashed', async () => {
    const own = await startTestRuntime();
    const r = await own.run('import os\nos.abort()');
    expect(r.status).toBe('crashed');
    expect(r.notices.join(' ')).toMatch(/crashed/);
    expect(own.events.some((e) => e.kind === 'fatal')).toBe(true);
    await expect(own.api.run({ cellId: 'after', label: 'cell after', code: '1' })).rejects.toThrow(/crashed/);
  });
});

describe('start-up', () => {
  it('restores the provisioned memory snapshot', () => {
    const ready = rt.events.find((e) => e.kind === 'ready');
    expect(ready?.kind === 'ready' && ready.snapshot).toEqual({ used: true });
  });

  it('falls back to a plain start when the snapshot is refused, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retort-snap-'));
    const bogus = join(dir, 'snapshot.bin');
    writeFileSync(bogus, new Uint8Array(4096).fill(7));
    const events: RuntimeEvent[] = [];
    const api = await startNodeRuntime((e) => events.push(e), { snapshot: bogus });
    const ready = events.find((e) => e.kind === 'ready');
    expect(ready?.kind === 'ready' && ready.snapshot.used).toBe(false);
    expect(ready?.kind === 'ready' && ready.snapshot.reason).toBeTruthy();
    expect((await api.run({ cellId: 'x', label: 'cell 1', code: 'import sqlalchemy\nsqlalchemy.__version__' })).display?.text).toMatch(/2\.0\./);
  });

  it('says how far a first visit\'s snapshot download has come, a few times a second at most', async () => {
    // A slow connection: the snapshot arrives in 1 MB chunks, one every 40 ms or more.
    const { snapshot } = provisioned();
    const whole = readFileSync(snapshot!);
    let at = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (at >= whole.length) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 40));
        controller.enqueue(whole.subarray(at, (at += 1 << 20)));
      },
    });
    const events: RuntimeEvent[] = [];
    const api = await startNodeRuntime((e) => events.push(e), {}, readPythonSources(), {
      readFile: async (path) => (path === snapshot ? slow : openAsBlob(path)),
    });
    const load = events.flatMap((e) => (e.kind === 'progress' && e.progress.phase === 'load-runtime' ? [e.progress] : []));
    const downloading = load.filter((p) => p.label === 'Downloading Python');
    // Loading at 0%, then the download's share rising, 100 ms apart at least (so not one event per
    // chunk), then Loading again once it is all in, then the phase done.
    expect(load[0]).toMatchObject({ label: 'Loading Python', done: false, percent: 0 });
    expect(downloading.length).toBeGreaterThanOrEqual(4);
    expect(load.slice(1, 1 + downloading.length)).toEqual(downloading);
    for (const [i, p] of downloading.entries()) {
      expect(p.done).toBe(false);
      expect(p.percent).toBeGreaterThan(0);
      expect(p.percent).toBeLessThan(59);
      if (i > 0) expect(p.percent).toBeGreaterThan(downloading[i - 1]!.percent!);
      if (i > 0) expect(p.elapsedMs - downloading[i - 1]!.elapsedMs).toBeGreaterThanOrEqual(100);
    }
    expect(load.slice(1 + downloading.length).map((p) => [p.label, p.done, p.percent])).toEqual([
      ['Loading Python', false, 59],
      ['Loading Python', true, 70],
    ]);
    const ready = events.find((e) => e.kind === 'ready');
    expect(ready?.kind === 'ready' && ready.snapshot).toEqual({ used: true });
    expect((await api.run({ cellId: 'x', label: 'cell 1', code: 'import sqlalchemy\nsqlalchemy.__name__' })).display?.text).toBe("'sqlalchemy'");
  });

  it('says nothing of a download when the snapshot was kept from an earlier visit', () => {
    const load = rt.events.flatMap((e) => (e.kind === 'progress' && e.progress.phase === 'load-runtime' ? [[e.progress.label, e.progress.percent]] : []));
    expect(load).toEqual([
      ['Loading Python', 0],
      ['Loading Python', 70],
    ]);
  });

  it('falls back to a plain start when a downloaded snapshot breaks off after its header, and says why', async () => {
    // As a download arrives: a stream, whose header Pyodide starts from before the memory is in.
    const { snapshot } = provisioned();
    const whole = readFileSync(snapshot!);
    const cut = whole.subarray(0, whole.length - 5000);
    const events: RuntimeEvent[] = [];
    const api = await startNodeRuntime((e) => events.push(e), {}, readPythonSources(), {
      readFile: async (path) => (path === snapshot ? new Blob([cut]).stream() : openAsBlob(path)),
    });
    const ready = events.find((e) => e.kind === 'ready');
    expect(ready?.kind === 'ready' && ready.snapshot).toMatchObject({ used: false, reason: expect.stringMatching(/damaged memory snapshot/) });
    expect(ready?.kind === 'ready' && ready.marks.map((m) => m.step)).toContain('snapshot header read'); // it did start from the header
    // The status said how much had come, then no longer "Downloading" once the start went the slow way.
    const load = events.flatMap((e) => (e.kind === 'progress' && e.progress.phase === 'load-runtime' ? [e.progress] : []));
    expect(load.some((p) => p.label === 'Downloading Python')).toBe(true);
    expect(load.slice(-2).map((p) => [p.label, p.done])).toEqual([
      ['Loading Python', false],
      ['Loading Python', true],
    ]);
    expect((await api.run({ cellId: 'x', label: 'cell 1', code: 'import sqlalchemy.orm\nsqlalchemy.orm.Session.__name__' })).display?.text).toBe("'Session'");
  });

  it('imports the current Python glue when it changed since the snapshot was taken', async () => {
    const sources = readPythonSources();
    sources['display.py'] += '\nRETORT_EDITED = "after provisioning"\n';
    const events: RuntimeEvent[] = [];
    const api = await startNodeRuntime((e) => events.push(e), {}, sources);
    const ready = events.find((e) => e.kind === 'ready');
    expect(ready?.kind === 'ready' && ready.snapshot.used).toBe(true);
    expect(ready?.kind === 'ready' && ready.snapshot.glue).toMatch(/glue changed/);
    // Every glue module is the current file's, also those the session module imported.
    const code = 'import sys\nimport retort.display\n[retort.display.RETORT_EDITED, sys.modules["retort.session"].display is retort.display]';
    expect((await api.run({ cellId: 'g', label: 'cell 1', code })).display?.text).toBe("['after provisioning', True]");
  });

  it('leaves nothing of the snapshot warm-up a notebook could see', async () => {
    const fresh = await startTestRuntime();
    const r = await fresh.run(`
import gc, sqlite3
from sqlalchemy import Engine, Table
from sqlalchemy.orm import DeclarativeBase, Mapper
gc.collect()
found = [type(o).__name__ for o in gc.get_objects() if isinstance(o, (Engine, sqlite3.Connection, Mapper)) or (isinstance(o, Table) and o.name.startswith("warm_"))]
[found, DeclarativeBase.__subclasses__()]`);
    expect(r.status).toBe('ok');
    expect(r.display?.text).toBe('[[], []]');
  });

  it('reports named phases with timings, then the versions', async () => {
    const phases = rt.events.flatMap((e) => (e.kind === 'progress' && e.progress.done ? [e.progress.phase] : []));
    expect(phases).toEqual(['load-runtime', 'install-packages', 'import', 'ready']);
    const ready = rt.events.find((e) => e.kind === 'ready');
    expect(ready?.kind === 'ready' && ready.versions).toMatchObject({ python: '3.14.2', sqlite: expect.stringMatching(/^3\./) });
    expect(ready?.kind === 'ready' && ready.versions.sqlalchemy).toMatch(/^2\.0\.(4[1-9]|[5-9]\d)/);
  });

  it('marks each step of a start from the snapshot, in the order they happen, on the wall clock', () => {
    const ready = rt.events.find((e) => e.kind === 'ready');
    const marks = ready?.kind === 'ready' ? ready.marks : [];
    const steps = marks.map((m) => m.step);
    for (const step of ['init', 'snapshot header read', 'module created', 'memory written', 'load-runtime done', 'ready']) expect(steps).toContain(step);
    const at = (step: string): number => marks.find((m) => m.step === step)!.at;
    expect(at('init')).toBeLessThanOrEqual(at('snapshot header read'));
    expect(at('module creation started')).toBeLessThanOrEqual(at('module created'));
    expect(at('module created')).toBeLessThanOrEqual(at('memory written'));
    expect(at('memory written')).toBeLessThanOrEqual(at('ready'));
    expect(Math.abs(at('ready') - Date.now())).toBeLessThan(10 * 60_000); // wall-clock ms, not time since the host started
  });
});
