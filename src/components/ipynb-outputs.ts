// The text outputs of each code cell's last run, in the shape a saved .ipynb file takes them.
import type { CellOutputs } from '../notebook/formats/ipynb.ts';
import type { CellRun } from './cell-run.ts';

/**
 * Outputs by cell id for `saveNotebookAs(notebook, 'ipynb', outputs)`: streams in the order they
 * were written, the last expression's text, and an error's traceback as text. A cell still running
 * (no result yet) is left out rather than saved half-written; tables are saved as their text.
 */
export function ipynbOutputsFromRuns(runs: ReadonlyMap<string, CellRun>): Record<string, CellOutputs> {
  const outputs: Record<string, CellOutputs> = {};
  for (const [cellId, run] of runs) {
    const result = run.result;
    if (!result) continue;
    const out: CellOutputs = { streams: run.streams.map((s) => ({ name: s.name, text: s.text })) };
    if (run.count !== undefined) out.executionCount = run.count;
    if (result.display) out.result = result.display.text;
    if (result.error) out.error = { type: result.error.type, message: result.error.message, traceback: result.error.text };
    outputs[cellId] = out;
  }
  return outputs;
}
