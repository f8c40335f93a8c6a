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

/**
 * Reads a file front to back: `parts(n)` gives its next n bytes (fewer at its end) in the pieces
 * they arrived in, not copied; `end()` whether nothing is left.
 */
interface Reader {
  parts(length: number): Promise<Uint8Array[]>;
  end(): Promise<boolean>;
}

const bytes = async (blob: Blob): Promise<Uint8Array> => new Uint8Array(await blob.arrayBuffer());

/** The next n bytes of a reader in one piece. */
async function read(reader: Reader, length: number): Promise<Uint8Array> {
  const parts = await reader.parts(length);
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A kept file: each part is read from it on its own, so the first few kilobytes do not wait for the rest. */
function blobReader(file: Blob): Reader {
  let at = 0;
  return {
    parts: async (length) => [await bytes(file.slice(at, (at += length)))],
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
    async parts(length) {
      const out: Uint8Array[] = [];
      let filled = 0;
      while (filled < length) {
        if (chunk.length === 0) {
          if (done) break;
          await more();
          continue;
        }
        const part = chunk.subarray(0, length - filled);
        out.push(part);
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
  const start = await read(reader, 16);
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
  if (start.length < 16 || view.getUint32(0, true) !== SPARSE_MAGIC)
    throw new Error('not a Retort memory snapshot (run `npm run provision` to take it again)');
  const headerLength = view.getUint32(4, true);
  const memoryLength = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const headerAt = 16 + 8 * count;
  const damaged = (): Error => new Error('damaged memory snapshot: the file is not as long as its index says');
  const head = await read(reader, headerAt + headerLength - 16);
  if (head.length !== headerAt + headerLength - 16) throw damaged();
  const index = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const segments: [number, number][] = [];
  for (let i = 0; i < count; i++) segments.push([index.getUint32(8 * i, true), index.getUint32(8 * i + 4, true)]);
  if (segments.some(([offset, length]) => offset + length > memoryLength)) throw damaged();
  const dataLength = segments.reduce((sum, [, length]) => sum + length, 0);
  // A Blob's length is known now: a short one is refused before Pyodide is given its header.
  if (file instanceof Blob && file.size !== headerAt + headerLength + dataLength) throw damaged();
  // The memory's parts are written into the heap as they came: no 27 MB buffer between.
  const memory = reader.parts(dataLength).then(async (parts) => {
    if (parts.reduce((sum, part) => sum + part.length, 0) !== dataLength || !(await reader.end())) throw damaged();
    return (heap: Uint8Array, zeroFrom = memoryLength) => {
      let part = 0;
      let used = 0; // bytes of parts[part] already written
      const copy = (to: number, length: number): void => {
        while (length > 0) {
          const from = parts[part]!;
          const n = Math.min(length, from.length - used);
          heap.set(n === from.length ? from : from.subarray(used, used + n), to);
          to += n;
          length -= n;
          used += n;
          if (used === from.length) {
            part++;
            used = 0;
          }
        }
      };
      const zeroBelow = (from: number, to: number): void => {
        if (from < Math.min(to, zeroFrom)) heap.fill(0, from, Math.min(to, zeroFrom));
      };
      let gap = 0;
      for (const [offset, length] of segments) {
        zeroBelow(gap, offset);
        copy(offset, length);
        gap = offset + length;
      }
      zeroBelow(gap, memoryLength);
    };
  });
  memory.catch(() => {}); // reported to whoever awaits it
  return { header: head.subarray(headerAt - 16), memoryLength, memory };
}
