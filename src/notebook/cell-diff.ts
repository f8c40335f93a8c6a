// Which cells of an edited notebook correspond to which cells of its original, for the
// side-by-side comparison and for reverting one cell. Cell ids differ between the two (the
// original is read afresh each time), so cells are matched by text: identical cells anchor the
// alignment (longest common subsequence) and the cells between anchors pair up in order.
import { newCellId, type Cell } from './notebook.ts';

/** One row of the comparison. */
export type CellPair =
  | { kind: 'same'; original: Cell; mine: Cell }
  | { kind: 'changed'; original: Cell; mine: Cell }
  | { kind: 'added'; mine: Cell }
  | { kind: 'removed'; original: Cell };

const key = (c: Cell): string => `${c.kind}\u0000${c.source}`;

/** Pair the cells of `mine` with those of `original`, in notebook order. */
export function pairCells(original: readonly Cell[], mine: readonly Cell[]): CellPair[] {
  const n = original.length;
  const m = mine.length;
  // lcs[i][j]: length of the common subsequence of original[i..] and mine[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = key(original[i]!) === key(mine[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const pairs: CellPair[] = [];
  let gapA: Cell[] = [];
  let gapB: Cell[] = [];
  const closeGap = (): void => {
    const both = Math.min(gapA.length, gapB.length);
    for (let k = 0; k < both; k++) pairs.push({ kind: 'changed', original: gapA[k]!, mine: gapB[k]! });
    for (const c of gapA.slice(both)) pairs.push({ kind: 'removed', original: c });
    for (const c of gapB.slice(both)) pairs.push({ kind: 'added', mine: c });
    gapA = [];
    gapB = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && key(original[i]!) === key(mine[j]!)) {
      closeGap();
      pairs.push({ kind: 'same', original: original[i]!, mine: mine[j]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) gapB.push(mine[j++]!);
    else gapA.push(original[i++]!);
  }
  closeGap();
  return pairs;
}

/** The edited cells with one row of the comparison put back as it is in the original. */
export function revertPair(pairs: readonly CellPair[], target: number): Cell[] {
  const cells: Cell[] = [];
  pairs.forEach((pair, index) => {
    if (index !== target) {
      if (pair.kind !== 'removed') cells.push(pair.mine);
    } else if (pair.kind === 'changed') cells.push({ ...pair.mine, kind: pair.original.kind, source: pair.original.source });
    else if (pair.kind === 'removed') cells.push({ ...pair.original, id: newCellId() });
    else if (pair.kind === 'same') cells.push(pair.mine);
    // An added cell is left out.
  });
  return cells;
}

/** True when nothing differs. */
export function unchanged(pairs: readonly CellPair[]): boolean {
  return pairs.every((p) => p.kind === 'same');
}
