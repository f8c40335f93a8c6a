// What the page knows about each code cell's runs: pure data and rules, no Lit.
import type { CellResult, StreamChunk, StreamName } from '../protocol/runtime-api.ts';
import type { Cell } from '../notebook/notebook.ts';

/** A stretch of output from one stream; consecutive chunks of the same stream are joined. */
export interface StreamSegment {
  name: StreamName;
  text: string;
}

/** The state of a code cell's latest run. A new object each time it changes, so elements re-render. */
export interface CellRun {
  phase: 'queued' | 'running' | 'done';
  /** Execution count, `[n]`; set when the cell starts running. */
  count?: number;
  /** The namespace it ran in; a restart starts a new epoch and makes older runs stale. */
  epoch: number;
  /** The code as it was when it ran. */
  source: string;
  /** performance.now() when the run started. */
  startedAt?: number;
  /** Output so far, in order. Appended to in place while running. */
  streams: StreamSegment[];
  result?: CellResult;
}

/** Append a chunk to the segments, joining it to the last one when the stream is the same. */
export function appendChunk(segments: StreamSegment[], chunk: StreamChunk): void {
  const last = segments[segments.length - 1];
  if (last && last.name === chunk.name) last.text += chunk.text;
  else segments.push({ name: chunk.name, text: chunk.text });
}

/**
 * Cells whose output no longer matches the code and the namespace: the code changed after it
 * ran, it ran before a restart, or a code cell above it ran later, so it saw a different state
 * than running top to bottom would give. A cell above that never ran does not count: a scratch
 * cell run on its own is not marked.
 */
export function staleCells(cells: readonly Cell[], runs: ReadonlyMap<string, CellRun>, epoch: number): Set<string> {
  const stale = new Set<string>();
  let highestAbove = 0;
  for (const cell of cells) {
    if (cell.kind !== 'code') continue;
    const run = runs.get(cell.id);
    const count = run?.epoch === epoch ? run.count : undefined;
    if (run && run.phase === 'done') {
      const isStale = run.epoch !== epoch || run.source !== cell.source || count === undefined || count < highestAbove;
      if (isStale) stale.add(cell.id);
    }
    if (count !== undefined) highestAbove = Math.max(highestAbove, count);
  }
  return stale;
}

/** Format a duration for people: `340 ms`, `2.4 s`, `1 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
