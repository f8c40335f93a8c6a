// SQLAlchemy's own examples, which nobody here wrote, run unchanged, read as the CLI reads a .py
// file (docstring as Markdown, the rest one cell) and run exactly as `python example.py` would.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCells } from '../../src/notebook/notebook.ts';
import { readNotebook } from '../../src/notebook/formats/index.ts';
import { startTestRuntime } from './harness.ts';

const examples = process.env.RETORT_SQLALCHEMY_EXAMPLES ?? join(process.cwd(), '.cache', 'sqlalchemy-examples');

// Stand-alone scripts among the examples (others need PostgreSQL, dogpile.cache, asyncio drivers,
// or are package modules run with -m).
const SCRIPTS = [
  'adjacency_list/adjacency_list.py',
  'association/basic_association.py',
  'association/proxied_association.py',
  'association/dict_of_sets_with_default.py',
  'custom_attributes/active_column_defaults.py',
  'custom_attributes/listen_for_events.py',
  'extending_query/filter_public.py',
  'extending_query/temporal_range.py',
  'generic_associations/discriminator_on_association.py',
  'generic_associations/generic_fk.py',
  'generic_associations/table_per_association.py',
  'generic_associations/table_per_related.py',
  'graphs/directed_graph.py',
  'inheritance/concrete.py',
  'inheritance/joined.py',
  'inheritance/single.py',
  'nested_sets/nested_sets.py',
  'versioned_rows/versioned_rows.py',
  'versioned_rows/versioned_map.py',
  'vertical/dictlike.py',
];

describe("SQLAlchemy's own examples, unchanged", () => {
  it('are present', () => {
    expect(existsSync(join(examples, SCRIPTS[0]!)), `no examples in ${examples}`).toBe(true);
  });

  it.each(SCRIPTS)('%s', async (script) => {
    const notebook = readNotebook(basename(script), readFileSync(join(examples, script), 'utf8'));
    const rt = await startTestRuntime();
    for (const { cell, label } of codeCells(notebook)) {
      const r = await rt.run(cell.source, label);
      expect(r.status, `${script}, ${label}: ${r.error?.text ?? r.notices.join(' ')}`).toBe('ok');
    }
  });
});
