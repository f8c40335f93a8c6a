// Writes a Pyodide memory snapshot without the pages a start gets anyway. A snapshot is Pyodide's
// header followed by the whole WebAssembly memory. About a quarter of that memory is whole pages of
// zeros (11 of 45 MB after SQLAlchemy's import), and 3.4 MB more are pages still as instantiating
// Python's WebAssembly leaves them: its static data, which the module itself puts back on every
// start. Every start reads the file, so it leaves both out: src/runtime/snapshot-file.ts reads this
// layout back. All numbers are little-endian uint32:
//
//   "RTS2"  header length  memory length  segment count  kept count  kept hash
//   segment count x (memory offset, length)
//   kept count x (memory offset, length)
//   Pyodide's header (its memory part cut off), then each segment's bytes in order
//
// The kept ranges are as instantiated; the restore checks that they still are against the kept hash
// (`keptHash`), as something run before it might have written there. Memory outside the segments
// and the kept ranges is zero.

export const SPARSE_MAGIC = 0x32535452; // "RTS2" read as little-endian
const PAGE = 4096;

/**
 * FNV-1a over the 32-bit little-endian words of `memory` in `ranges` (offsets and lengths are
 * multiples of 4). The same as `keptHash` in src/runtime/snapshot-file.ts.
 */
export function keptHash(memory, ranges) {
  const words = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  let hash = 0x811c9dc5;
  for (const [offset, length] of ranges)
    for (let at = offset; at < offset + length; at += 4) hash = Math.imul(hash ^ words.getUint32(at, true), 0x01000193) >>> 0;
  return hash;
}

/** Whether `memory`'s bytes from..to are all zero, or equal to `initial`'s (which may be shorter: zeros beyond). */
function equalTo(memory, initial, from, to) {
  for (let i = from; i < to; i++) if (memory[i] !== (initial?.[i] ?? 0)) return false;
  return true;
}

/**
 * The pages of `memory` that are neither zero nor as instantiated (`initial`), and those that are
 * as instantiated but not zero, each as stretches of [offset, length].
 */
function classify(memory, initial) {
  const stretches = { segments: [], kept: [] };
  let open; // [kind, start]
  const close = (to) => {
    if (open) stretches[open[0]].push([open[1], to - open[1]]);
    open = undefined;
  };
  for (let page = 0; page < memory.length; page += PAGE) {
    const end = Math.min(page + PAGE, memory.length);
    const kind = equalTo(memory, undefined, page, end) ? undefined : initial && end - page === PAGE && equalTo(memory, initial, page, end) ? 'kept' : 'segments';
    if (open?.[0] !== kind) {
      close(page);
      if (kind) open = [kind, page];
    }
  }
  close(memory.length);
  return stretches;
}

/**
 * A Pyodide snapshot (`pyodide.makeMemorySnapshot()`) in the sparse layout; `initial` is the memory
 * as instantiating the module leaves it (scripts/provision/wasm-data.mjs), or none: then only zero
 * pages are left out.
 */
export function sparseSnapshot(snapshot, initial) {
  const words = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const headerLength = words.getUint32(4, true); // Pyodide's own header says where the memory starts
  const header = snapshot.subarray(0, headerLength);
  const memory = snapshot.subarray(headerLength);
  const { segments: parts, kept } = classify(memory, initial);
  const data = parts.reduce((sum, [, length]) => sum + length, 0);
  const indexLength = 24 + 8 * (parts.length + kept.length);
  const out = new Uint8Array(indexLength + headerLength + data);
  const view = new DataView(out.buffer);
  view.setUint32(0, SPARSE_MAGIC, true);
  view.setUint32(4, headerLength, true);
  view.setUint32(8, memory.length, true);
  view.setUint32(12, parts.length, true);
  view.setUint32(16, kept.length, true);
  view.setUint32(20, keptHash(memory, kept), true);
  let at = 24;
  for (const [offset, length] of [...parts, ...kept]) {
    view.setUint32(at, offset, true);
    view.setUint32(at + 4, length, true);
    at += 8;
  }
  out.set(header, at);
  at += headerLength;
  for (const [offset, length] of parts) {
    out.set(memory.subarray(offset, offset + length), at);
    at += length;
  }
  return out;
}
