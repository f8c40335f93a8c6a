// Writes a Pyodide memory snapshot without its zero pages. A snapshot is Pyodide's header followed
// by the whole WebAssembly memory, and about a quarter of that memory is whole pages of zeros
// (11 of 38 MB after SQLAlchemy's import). Every start reads the file, so it leaves them out:
// src/runtime/snapshot-file.ts reads this layout back. All numbers are little-endian uint32:
//
//   "RTSP"  header length  memory length  segment count
//   segment count x (memory offset, length)
//   Pyodide's header (its memory part cut off), then each segment's bytes in order
//
// Memory outside the segments is zero.

export const SPARSE_MAGIC = 0x50535452; // "RTSP" read as little-endian
const PAGE = 4096;

/** The non-zero stretches of `memory`, in whole pages, as [offset, length] pairs. */
function segments(memory) {
  const found = [];
  let start = -1;
  for (let page = 0; page < memory.length; page += PAGE) {
    const end = Math.min(page + PAGE, memory.length);
    let zero = true;
    for (let i = page; i < end; i++)
      if (memory[i] !== 0) {
        zero = false;
        break;
      }
    if (!zero && start < 0) start = page;
    if (zero && start >= 0) {
      found.push([start, page - start]);
      start = -1;
    }
  }
  if (start >= 0) found.push([start, memory.length - start]);
  return found;
}

/** A Pyodide snapshot (`pyodide.makeMemorySnapshot()`) in the sparse layout. */
export function sparseSnapshot(snapshot) {
  const words = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const headerLength = words.getUint32(4, true); // Pyodide's own header says where the memory starts
  const header = snapshot.subarray(0, headerLength);
  const memory = snapshot.subarray(headerLength);
  const parts = segments(memory);
  const data = parts.reduce((sum, [, length]) => sum + length, 0);
  const out = new Uint8Array(16 + 8 * parts.length + headerLength + data);
  const view = new DataView(out.buffer);
  view.setUint32(0, SPARSE_MAGIC, true);
  view.setUint32(4, headerLength, true);
  view.setUint32(8, memory.length, true);
  view.setUint32(12, parts.length, true);
  let at = 16;
  for (const [offset, length] of parts) {
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
