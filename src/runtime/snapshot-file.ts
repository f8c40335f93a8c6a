// Reads the memory snapshot file that provisioning writes (scripts/provision/sparse-snapshot.mjs
// describes the layout): Pyodide's header, and the memory without its zero pages.

const SPARSE_MAGIC = 0x50535452; // "RTSP"

export interface SnapshotFile {
  /** Pyodide's snapshot header with no memory after it: what Pyodide's own restore is given. */
  header: Uint8Array;
  /** The memory's length. */
  memoryLength: number;
  /**
   * The memory, being read: resolves to a function that writes it into `heap` (at least
   * `memoryLength` long), zeros included. Memory from `zeroFrom` on is known to be zero already
   * (grown just now) and is not written again: touching those pages only to zero them costs time.
   */
  memory: Promise<(heap: Uint8Array, zeroFrom?: number) => void>;
}

const bytes = async (blob: Blob): Promise<Uint8Array> => new Uint8Array(await blob.arrayBuffer());

/**
 * Open a snapshot file: its index and Pyodide's header are read at once (a few kilobytes), and
 * the memory is read behind them, so Pyodide can start before the 27 MB have been read.
 */
export async function openSnapshotFile(file: Blob): Promise<SnapshotFile> {
  const start = await bytes(file.slice(0, 16));
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
  if (start.length < 16 || view.getUint32(0, true) !== SPARSE_MAGIC)
    throw new Error('not a Retort memory snapshot (run `npm run provision` to take it again)');
  const headerLength = view.getUint32(4, true);
  const memoryLength = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const headerAt = 16 + 8 * count;
  const dataAt = headerAt + headerLength;
  const head = await bytes(file.slice(16, dataAt));
  const index = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const segments: [number, number][] = [];
  for (let i = 0; i < count; i++) segments.push([index.getUint32(8 * i, true), index.getUint32(8 * i + 4, true)]);
  const dataLength = segments.reduce((sum, [, length]) => sum + length, 0);
  if (head.length !== dataAt - 16 || dataAt + dataLength !== file.size || segments.some(([offset, length]) => offset + length > memoryLength))
    throw new Error(`damaged memory snapshot: ${file.size} bytes where its index describes ${dataAt + dataLength}`);
  const memory = bytes(file.slice(dataAt)).then((data) => (heap: Uint8Array, zeroFrom = memoryLength) => {
    const zero = (from: number, to: number): void => {
      if (from < Math.min(to, zeroFrom)) heap.fill(0, from, Math.min(to, zeroFrom));
    };
    let gap = 0;
    let at = 0;
    for (const [offset, length] of segments) {
      zero(gap, offset);
      heap.set(data.subarray(at, at + length), offset);
      at += length;
      gap = offset + length;
    }
    zero(gap, memoryLength);
  });
  memory.catch(() => {}); // reported to whoever awaits it
  return { header: head.subarray(headerAt - 16), memoryLength, memory };
}
