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

/** Reads a file front to back: `read(n)` gives its next n bytes (fewer at its end); `end()` whether nothing is left. */
interface Reader {
  read(length: number): Promise<Uint8Array>;
  end(): Promise<boolean>;
}

const bytes = async (blob: Blob): Promise<Uint8Array> => new Uint8Array(await blob.arrayBuffer());

/** A kept file: each part is read from it on its own, so the first few kilobytes do not wait for the rest. */
function blobReader(file: Blob): Reader {
  let at = 0;
  return {
    read: (length) => bytes(file.slice(at, (at += length))),
    end: async () => at >= file.size,
  };
}

/** A download: parts are cut from its chunks as they arrive. */
function streamReader(stream: ReadableStream<Uint8Array>): Reader {
  const reader = stream.getReader();
  let chunk: Uint8Array = new Uint8Array(0);
  let done = false;
  const more = async (): Promise<void> => {
    const next = await reader.read();
    if (next.done) done = true;
    else chunk = next.value;
  };
  return {
    async read(length) {
      const out = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        if (chunk.length === 0) {
          if (done) return out.subarray(0, filled);
          await more();
          continue;
        }
        const part = chunk.subarray(0, length - filled);
        out.set(part, filled);
        filled += part.length;
        chunk = chunk.subarray(part.length);
      }
      return out;
    },
    async end() {
      while (chunk.length === 0 && !done) await more();
      if (!done) void reader.cancel();
      return chunk.length === 0;
    },
  };
}

/**
 * Open a snapshot file: its index and Pyodide's header are read at once (a few kilobytes), and
 * the memory is read behind them, so Pyodide can start before the 27 MB have been read. A file
 * still downloading comes as a stream: its header is used as soon as it has arrived.
 */
export async function openSnapshotFile(file: Blob | ReadableStream<Uint8Array>): Promise<SnapshotFile> {
  const reader = file instanceof Blob ? blobReader(file) : streamReader(file);
  const start = await reader.read(16);
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
  if (start.length < 16 || view.getUint32(0, true) !== SPARSE_MAGIC)
    throw new Error('not a Retort memory snapshot (run `npm run provision` to take it again)');
  const headerLength = view.getUint32(4, true);
  const memoryLength = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const headerAt = 16 + 8 * count;
  const damaged = (): Error => new Error('damaged memory snapshot: the file is not as long as its index says');
  const head = await reader.read(headerAt + headerLength - 16);
  if (head.length !== headerAt + headerLength - 16) throw damaged();
  const index = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const segments: [number, number][] = [];
  for (let i = 0; i < count; i++) segments.push([index.getUint32(8 * i, true), index.getUint32(8 * i + 4, true)]);
  if (segments.some(([offset, length]) => offset + length > memoryLength)) throw damaged();
  const dataLength = segments.reduce((sum, [, length]) => sum + length, 0);
  // A Blob's length is known now: a short one is refused before Pyodide is given its header.
  if (file instanceof Blob && file.size !== headerAt + headerLength + dataLength) throw damaged();
  const memory = reader.read(dataLength).then(async (data) => {
    if (data.length !== dataLength || !(await reader.end())) throw damaged();
    return (heap: Uint8Array, zeroFrom = memoryLength) => {
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
    };
  });
  memory.catch(() => {}); // reported to whoever awaits it
  return { header: head.subarray(headerAt - 16), memoryLength, memory };
}
