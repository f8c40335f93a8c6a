// `npm run notebook -- run <file>`: each notebook format, the closing count line, --json, and exit codes.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli/notebook.ts', ...args], { maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'retort-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('notebook CLI', () => {
  it('runs a percent script cell by cell, stops at the failure, and counts cells', async () => {
    const path = file(
      'failing.py',
      '# %% [markdown]\n# A demo\n\n# %%\nprint("first")\n\n# %%\nraise ValueError("second fails")\n\n# %%\nprint("never")\n',
    );
    const r = await cli('run', path);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('first\n');
    expect(r.stdout).not.toContain('never');
    expect(r.stdout).toContain('ValueError: second fails');
    expect(r.stdout).toMatch(/FAILED: .*failing\.py, cell 3: ValueError: second fails/);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 passed, 1 failed, 1 skipped');
  });

  it('runs an .ipynb and exits 0', async () => {
    const nb = file(
      'ok.ipynb',
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { cell_type: 'code', metadata: {}, outputs: [], source: ['from sqlalchemy import create_engine, text\n', 'e = create_engine("sqlite://")'] },
          { cell_type: 'code', metadata: {}, outputs: [], source: 'with e.connect() as c:\n    print(c.execute(text("select 40 + 2")).scalar())' },
        ],
      }),
    );
    const r = await cli('run', nb);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('42\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('2 passed, 0 failed');
  });

  it('--json prints each cell with status, output, SQL and the error with its cell and line; a script imports its neighbour', async () => {
    file('neighbour.py', 'GREETING = "hello"\n');
    const path = file(
      'script.py',
      '"""A script."""\nimport neighbour\nfrom sqlalchemy import create_engine, text\nengine = create_engine("sqlite://")\nwith engine.connect() as c:\n    c.execute(text("select :x"), {"x": 1})\nprint(neighbour.GREETING)\n1 / 0\n',
    );
    const r = await cli('run', path, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      passed: number;
      failed: number;
      cells: { label: string; status: string; stdout: string; sql: { sql: string; params: string }[]; error?: { type: string; line: number; frames: { file: string }[] } }[];
    };
    expect(report.failed).toBe(1);
    const [cell] = report.cells;
    expect(cell?.label).toBe('cell 2');
    expect(cell?.status).toBe('error');
    expect(cell?.stdout).toBe('hello\n');
    expect(cell?.sql.map((s) => [s.sql, s.params])).toContainEqual(['select ?', '(1,)']);
    expect(cell?.error?.type).toBe('ZeroDivisionError');
    expect(cell?.error?.line).toBe(7);
  });

  it('explains a bad file and bad usage', async () => {
    const r = await cli('run', file('broken.ipynb', '{oops'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.ipynb: This \.ipynb file is not valid JSON/);
    const usage = await cli('walk');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run notebook -- run/);
  });
});
