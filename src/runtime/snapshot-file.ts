// Reads the memory snapshot file that provisioning writes (scripts/provision/sparse-snapshot.mjs
// describes the layout): Pyodide's header, and the memory without its zero pages.

const SPARSE_MAGIC = 0x50535452; // "RTSP"

export interface SnapshotFile {
  /** Pyodide's snapshot header with no memory after it: what Pyodide's own restore is given. */
  header: Uint8Array;
  /** The memory's length. */
  memoryLength: number;
  /**
   * Write the memory into `heap` (at least `memoryLength` long), zeros included. Memory from
   * `zeroFrom` on is known to be zero already (grown just now) and is not written again: touching
   * those pages only to zero them costs time.
   */
  writeMemory(heap: Uint8Array, zeroFrom?: number): void;
}

export function readSnapshotFile(bytes: Uint8Array): SnapshotFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16 || view.getUint32(0, true) !== SPARSE_MAGIC)
    throw new Error('not a Retort memory snapshot (run `npm run provision` to take it again)');
  const headerLength = view.getUint32(4, true);
  const memoryLength = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const segments: [number, number][] = [];
  for (let i = 0, at = 16; i < count; i++, at += 8) segments.push([view.getUint32(at, true), view.getUint32(at + 4, true)]);
  const headerAt = 16 + 8 * count;
  const dataAt = headerAt + headerLength;
  const dataLength = segments.reduce((sum, [, length]) => sum + length, 0);
  if (dataAt + dataLength !== bytes.length || segments.some(([offset, length]) => offset + length > memoryLength))
    throw new Error(`damaged memory snapshot: ${bytes.length} bytes where its index describes ${dataAt + dataLength}`);
  return {
    header: bytes.subarray(headerAt, dataAt),
    memoryLength,
    writeMemory(heap, zeroFrom = memoryLength) {
      const zero = (from: number, to: number): void => {
        if (from < Math.min(to, zeroFrom)) heap.fill(0, from, Math.min(to, zeroFrom));
      };
      let gap = 0;
      let at = dataAt;
      for (const [offset, length] of segments) {
        zero(gap, offset);
        heap.set(bytes.subarray(at, at + length), offset);
        at += length;
        gap = offset + length;
      }
      zero(gap, memoryLength);
    },
  };
}
