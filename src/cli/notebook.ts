// `npm run notebook -- run <file> [--json] [--keep-going]`: run a notebook file (recipe .md,
// percent-format .py or .ipynb) through the same runtime as the browser, in Node.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { codeCells, type NotebookFile } from '../notebook/notebook.ts';
import { readNotebook } from '../notebook/formats/index.ts';
import type { CellResult, StreamChunk } from '../protocol/runtime-api.ts';
import { startNodeRuntime } from '../runtime/node-host.ts';
import { formatTable } from './text-table.ts';

const USAGE = `Usage: npm run notebook -- run <file.md|file.py|file.ipynb> [--json] [--keep-going] [--with FILE ...]

Runs every code cell in order, like \`python file.py\`, and prints each cell's output.
  --json        print one JSON document with each cell's result instead of text
  --keep-going  run the cells after a failing one too (default: stop, like a script)
  --with FILE   add a module file the notebook imports (repeatable); by default the .py
                files beside a .py script are added, so a script can import its neighbours`;

/** One cell's outcome as the CLI reports it. */
export interface CellReport {
  index: number;
  label: string;
  status: CellResult['status'] | 'not run';
  exitCode?: CellResult['exitCode'];
  stdout: string;
  stderr: string;
  display?: CellResult['display'];
  sql: CellResult['sql'];
  error?: CellResult['error'];
  notices: string[];
  durationMs: number;
}

/** A cell passes when it ran to its end, or called sys.exit() with status 0. */
export function cellPassed(result: Pick<CellResult, 'status' | 'exitCode'>): boolean {
  if (result.status === 'ok') return true;
  return result.status === 'exited' && (result.exitCode === 0 || result.exitCode === null || result.exitCode === undefined);
}

function neighbourFiles(file: string): NotebookFile[] {
  if (!file.endsWith('.py')) return [];
  const dir = dirname(file);
  const files: NotebookFile[] = [];
  try {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.py') && name !== basename(file))
        files.push({ path: name, content: readFileSync(join(dir, name), 'utf8') });
    }
  } catch {
    /* a folder we cannot list adds nothing */
  }
  return files;
}

async function main(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command !== 'run' || !file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const json = rest.includes('--json');
  const keepGoing = rest.includes('--keep-going');
  const extra: NotebookFile[] = [];
  rest.forEach((arg, i) => {
    if (arg === '--with' && rest[i + 1]) {
      const path = rest[i + 1]!;
      extra.push({ path: basename(path), content: readFileSync(path, 'utf8') });
    }
  });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  let notebook;
  try {
    notebook = readNotebook(basename(file), text);
  } catch (error) {
    process.stderr.write(`${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const out = (s: string): void => {
    if (!json) process.stdout.write(s);
  };
  let current: CellReport | undefined;
  const runtime = await startNodeRuntime((event) => {
    if (event.kind !== 'stream' || !current) return;
    const chunk: StreamChunk = event.chunk;
    current[chunk.name] += chunk.text;
    (chunk.name === 'stdout' ? process.stdout : process.stderr).write(json ? '' : chunk.text);
  });
  const files = [...neighbourFiles(file), ...notebook.files, ...extra];
  if (files.length > 0) await runtime.setFiles(files);
  const reports: CellReport[] = [];
  let stopped = false;
  for (const [index, { cell, label }] of codeCells(notebook).entries()) {
    const report: CellReport = { index, label, status: 'not run', stdout: '', stderr: '', sql: [], notices: [], durationMs: 0 };
    reports.push(report);
    if (stopped) continue;
    out(`\n── ${label} ──\n`);
    current = report;
    const result = await runtime.run({ cellId: cell.id, label, code: cell.source });
    current = undefined;
    Object.assign(report, {
      status: result.status,
      exitCode: result.exitCode,
      display: result.display,
      sql: result.sql,
      error: result.error,
      notices: result.notices,
      durationMs: result.durationMs,
    });
    if (result.display) out(`${result.display.table ? formatTable(result.display.table) : result.display.text}\n`);
    if (result.error) out(`${result.error.text}\n`);
    for (const notice of result.notices) out(`[${notice}]\n`);
    if (!cellPassed(result) && !keepGoing) stopped = true;
  }
  const passed = reports.filter((r) => r.status !== 'not run' && cellPassed(r as Pick<CellResult, 'status' | 'exitCode'>)).length;
  const notRun = reports.filter((r) => r.status === 'not run').length;
  const failed = reports.length - passed - notRun;
  if (json) process.stdout.write(`${JSON.stringify({ file, title: notebook.title, cells: reports, passed, failed, notRun }, null, 2)}\n`);
  else {
    const failure = reports.find((r) => r.status !== 'not run' && !cellPassed(r as Pick<CellResult, 'status' | 'exitCode'>));
    if (failure)
      out(`\nFAILED: ${file}, ${failure.label}: ${failure.error ? `${failure.error.type}: ${failure.error.message}` : failure.notices.join(' ')}\n`);
    out(`\n${passed} passed, ${failed} failed${notRun ? `, ${notRun} skipped` : ''}\n`);
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(2);
  },
);
