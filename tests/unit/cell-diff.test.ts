// Pairing an edited notebook's cells with the original's, and reverting one pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairCells, revertPair, unchanged } from '../../src/notebook/cell-diff.ts';
import type { Cell } from '../../src/notebook/notebook.ts';

let n = 0;
const cell = (source: string, kind: Cell['kind'] = 'code'): Cell => ({ id: `id${++n}`, kind, source });
const sources = (cells: Cell[]): string[] => cells.map((c) => c.source);

describe('pairCells', () => {
  it('matches identical cells even though ids differ', () => {
    const pairs = pairCells([cell('a'), cell('b')], [cell('a'), cell('b')]);
    expect(pairs.map((p) => p.kind)).toEqual(['same', 'same']);
    expect(unchanged(pairs)).toBe(true);
  });

  it('finds a changed, an added and a removed cell', () => {
    const original = [cell('intro', 'markdown'), cell('x = 1'), cell('print(x)'), cell('gone')];
    const mine = [cell('intro', 'markdown'), cell('x = 2'), cell('print(x)'), cell('new one'), cell('another')];
    expect(pairCells(original, mine).map((p) => p.kind)).toEqual(['same', 'changed', 'same', 'changed', 'added']);
    expect(pairCells(original, [original[0]!, original[2]!]).map((p) => p.kind)).toEqual(['same', 'removed', 'same', 'removed']);
  });

  it('a kind change alone is a change', () => {
    expect(pairCells([cell('t', 'code')], [cell('t', 'markdown')]).map((p) => p.kind)).toEqual(['changed']);
  });
});

describe('revertPair', () => {
  const original = [cell('a'), cell('b'), cell('c')];
  const mine = [cell('a'), cell('B!'), cell('extra')];

  it('puts a changed cell back, keeping its id', () => {
    const pairs = pairCells(original, mine);
    const index = pairs.findIndex((p) => p.kind === 'changed');
    const cells = revertPair(pairs, index);
    expect(sources(cells)).toContain('b');
    expect(cells.find((c) => c.source === 'b')?.id).toBe(mine[1]!.id);
  });

  it('reverting every row one by one gives the original text back', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }), fc.array(fc.constantFrom('a', 'b', 'c', 'e'), { maxLength: 6 }), (a, b) => {
        const orig = a.map((s) => cell(s));
        let cells = b.map((s) => cell(s));
        for (let guard = 0; guard < 20; guard++) {
          const pairs = pairCells(orig, cells);
          const target = pairs.findIndex((p) => p.kind !== 'same');
          if (target === -1) break;
          cells = revertPair(pairs, target);
        }
        expect(sources(cells)).toEqual(a);
      }),
    );
  });
});
