// Reads the memory snapshot file that provisioning writes (scripts/provision/sparse-snapshot.mjs
// describes the layout): Pyodide's header, and the memory without its zero pages and without the
// pages still as instantiating the module leaves them ("kept").

const SPARSE_MAGIC = 0x32535452; // "RTS2"

export interface SnapshotFile {
  /** Pyodide's snapshot header with no memory after it: what Pyodide's own restore is given. */
  header: Uint8Array;
  /** The memory's length. */
  memoryLength: number;
  /**
   * The memory: resolves, once it can be written, to a function that writes it into `heap` (at
   * least `memoryLength` long), zeros included, but for what `known` says needs no zeros. The heap
   * must be the instantiated module's: the pages the file leaves out as instantiated are checked,
   * not written, and the write fails if they changed. Both a download and a kept file are read
   * from the start; a kept file's last pieces go straight into the heap (see `readAhead`).
   */
  memory: Promise<(heap: Uint8Array, known?: KnownMemory) => Promise<void>>;
}

/**
 * What is known of a heap before the memory is written into it, so that zeros are not written
 * where they are not needed: the first write to each fresh page of memory is what costs (about
 * 3 ms per MB on our machines), and these ranges hold megabytes of the memory's zero pages.
 */
export interface KnownMemory {
  /** The heap is zero from here on (grown just now). */
  zeroFrom?: number;
  /**
   * A range whose bytes do not matter: the stack below its pointer, which no code reads before it
   * writes. The memory's own bytes there are still written; its zero pages there are not.
   */
  unused?: readonly [number, number];
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

/** A download: parts are cut from its chunks as they arrive; `arrived` is told the bytes so far at each chunk. */
function streamReader(stream: ReadableStream<Uint8Array>, arrived: (bytes: number) => void): Reader & { bytes(): number } {
  const reader = stream.getReader();
  let chunk: Uint8Array = new Uint8Array(0);
  let done = false;
  let bytes = 0;
  const more = async (): Promise<void> => {
    const next = await reader.read();
    if (next.done) done = true;
    else {
      chunk = next.value;
      arrived((bytes += chunk.length));
    }
  };
  return {
    bytes: () => bytes,
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
 * FNV-1a over the 32-bit little-endian words of `memory` in `ranges` (offsets and lengths are
 * multiples of 4). The same as `keptHash` in scripts/provision/sparse-snapshot.mjs.
 */
export function keptHash(memory: Uint8Array, ranges: readonly (readonly [number, number])[]): number {
  const words = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  let hash = 0x811c9dc5;
  for (const [offset, length] of ranges)
    for (let at = offset; at < offset + length; at += 4) hash = Math.imul(hash ^ words.getUint32(at, true), 0x01000193) >>> 0;
  return hash;
}

/**
 * Writes the memory's bytes, given in order in pieces of any size, to their places in a heap:
 * each segment at its offset, and zeros in the gaps between (where the heap may hold something
 * else and the bytes matter: see `KnownMemory`), but for the kept ranges, which instantiating the
 * module filled already: `end` checks that they still hold what they held in the snapshot. A piece
 * is copied at once, so its buffer may be reused afterwards.
 */
class Scatter {
  private segment = 0;
  private used = 0; // bytes of the current segment written
  private zeroedTo = 0;
  private readonly zeroFrom: number;
  /** Ranges (from, to) not to fill with zeros, by their start: the kept ones and the unused one. */
  private readonly skips: (readonly [number, number])[];
  private skip = 0; // the first of them that may still matter

  constructor(
    private readonly heap: Uint8Array,
    private readonly segments: readonly [number, number][],
    private readonly kept: { ranges: readonly [number, number][]; hash: number },
    private readonly memoryLength: number,
    known: KnownMemory,
    private readonly damaged: () => Error,
  ) {
    this.zeroFrom = known.zeroFrom ?? memoryLength;
    const keptSpans = kept.ranges.map(([offset, length]) => [offset, offset + length] as const);
    this.skips = [...keptSpans, ...(known.unused ? [known.unused] : [])].sort((a, b) => a[0] - b[0]);
  }

  private zeroBelow(to: number): void {
    const end = Math.min(to, this.zeroFrom);
    let from = this.zeroedTo;
    while (this.skips[this.skip] && this.skips[this.skip]![1] <= from) this.skip++;
    for (let i = this.skip; i < this.skips.length && from < end; i++) {
      const [skipFrom, skipTo] = this.skips[i]!;
      if (skipFrom >= end) break;
      this.zero(from, skipFrom);
      from = Math.max(from, skipTo);
    }
    this.zero(from, end);
    this.zeroedTo = Math.max(this.zeroedTo, to);
  }

  private zero(from: number, to: number): void {
    if (from < to) this.heap.fill(0, from, to);
  }

  write(piece: Uint8Array): void {
    let from = 0;
    while (from < piece.length) {
      const at = this.segments[this.segment];
      if (!at) throw this.damaged(); // more bytes than the segments hold
      const [offset, length] = at;
      if (this.used === 0) this.zeroBelow(offset);
      const n = Math.min(length - this.used, piece.length - from);
      this.heap.set(n === piece.length ? piece : piece.subarray(from, from + n), offset + this.used);
      from += n;
      this.used += n;
      if (this.used === length) {
        this.zeroedTo = offset + length;
        this.segment++;
        this.used = 0;
      }
    }
  }

  /**
   * The last piece was given: zero the rest. Fails if the segments are not all written, or if the
   * kept ranges no longer hold what the snapshot had there.
   */
  end(): void {
    if (this.segment !== this.segments.length) throw this.damaged();
    this.zeroBelow(this.memoryLength);
    if (keptHash(this.heap, this.kept.ranges) !== this.kept.hash)
      throw new Error('the memory snapshot does not fit: memory it expects as the module was instantiated has changed (`npm run provision` takes it again)');
  }
}

/**
 * Read a kept file's memory part at once, and write it into the heap as the heap exists. What is
 * read before then is held in 1 MB pieces; from then on each piece is read into one buffer used
 * over and over (a "bring your own buffer" reader) and copied into the heap at once. Reading it
 * whole (`blob.arrayBuffer()`) and copying costs more on our machines: the first write to each
 * fresh page of memory is what costs (80 ms for 27 MB), and that way every page is fresh twice.
 * Where a Blob's stream cannot be read into one's own buffer, or stalls, it is read in slices of
 * that size.
 */
function readAhead(data: Blob): (into: Scatter) => Promise<void> {
  const CHUNK = 1 << 20;
  const STALL_MS = 1000;
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = data.stream().getReader({ mode: 'byob' });
  } catch {
    byob = undefined; // not a byte stream here
  }
  let at = 0; // bytes read so far
  const slice = async (): Promise<Uint8Array | undefined> => (at < data.size ? bytes(data.slice(at, at + CHUNK)) : undefined);
  const next = async (buffer: ArrayBuffer): Promise<Uint8Array | undefined> => {
    if (byob) {
      // Chromium's stream of a kept Blob sometimes delivers nothing, ever (1 start in 10-15 here):
      // a read with no answer for a while gives the stream up and reads the rest in slices.
      let giveUp = (): void => {};
      const stalled = new Promise<undefined>((resolve) => (giveUp = () => resolve(undefined)));
      const timer = setTimeout(giveUp, STALL_MS);
      const result = await Promise.race([byob.read(new Uint8Array(buffer)), stalled]);
      clearTimeout(timer);
      if (result) {
        if (!result.done) at += result.value.length;
        return result.done ? undefined : result.value;
      }
      console.warn(`Reading the kept memory snapshot stalled after ${at} bytes; reading the rest in slices.`);
      void byob.cancel().catch(() => {});
      byob = undefined;
    }
    const piece = await slice();
    at += piece?.length ?? 0;
    return piece;
  };
  const early: Uint8Array[] = [];
  let heap: Scatter | undefined;
  const read = (async () => {
    let spare: ArrayBuffer | undefined;
    for (;;) {
      const piece = await next(heap && spare ? spare : new ArrayBuffer(CHUNK));
      if (!piece) return;
      if (!heap) early.push(piece);
      else {
        heap.write(piece);
        spare = piece.buffer as ArrayBuffer;
      }
    }
  })();
  read.catch(() => {}); // reported to the writer, which awaits it
  return async (into) => {
    for (const piece of early.splice(0)) into.write(piece);
    heap = into;
    await read;
    into.end();
  };
}

/**
 * Open a snapshot file: its index and Pyodide's header are read at once (a few kilobytes), and
 * the memory is read behind them, so Pyodide can start before the 24 MB have been read. A file
 * still downloading comes as a stream: its header is used as soon as it has arrived, and
 * `downloading` is told the share of the file that has arrived (0 to 1) as its chunks come, once
 * the header has said how long the file is. A kept file (a Blob) is all there: it is not told.
 */
export async function openSnapshotFile(file: Blob | ReadableStream<Uint8Array>, downloading: (share: number) => void = () => {}): Promise<SnapshotFile> {
  let fileLength = 0; // once its index has been read
  const arrived = (bytes: number): void => void (fileLength > 0 && downloading(Math.min(1, bytes / fileLength)));
  const download = file instanceof Blob ? undefined : streamReader(file, arrived);
  const reader = download ?? blobReader(file as Blob);
  const START = 24;
  const start = await read(reader, START);
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
  if (start.length < START || view.getUint32(0, true) !== SPARSE_MAGIC)
    throw new Error('not a Retort memory snapshot of this version (run `npm run provision` to take it again)');
  const headerLength = view.getUint32(4, true);
  const memoryLength = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const keptCount = view.getUint32(16, true);
  const headerAt = START + 8 * (count + keptCount);
  const damaged = (): Error => new Error('damaged memory snapshot: the file is not as long as its index says');
  const head = await read(reader, headerAt + headerLength - START);
  if (head.length !== headerAt + headerLength - START) throw damaged();
  const index = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const entry = (i: number): [number, number] => [index.getUint32(8 * i, true), index.getUint32(8 * i + 4, true)];
  const segments = Array.from({ length: count }, (_, i) => entry(i));
  const kept = { ranges: Array.from({ length: keptCount }, (_, i) => entry(count + i)), hash: view.getUint32(20, true) };
  if ([...segments, ...kept.ranges].some(([offset, length]) => offset + length > memoryLength)) throw damaged();
  if (kept.ranges.some(([offset, length]) => offset % 4 !== 0 || length % 4 !== 0)) throw damaged();
  const dataLength = segments.reduce((sum, [, length]) => sum + length, 0);
  fileLength = headerAt + headerLength + dataLength;
  if (download) arrived(download.bytes()); // what came with the index, told at once
  // A Blob's length is known now: a short one is refused before Pyodide is given its header.
  if (file instanceof Blob && file.size !== fileLength) throw damaged();
  const scatter = (heap: Uint8Array, known: KnownMemory): Scatter => new Scatter(heap, segments, kept, memoryLength, known, damaged);
  // A kept file's memory is read from now on; a second write (none at start-up) reads it again.
  const data = file instanceof Blob ? file.slice(headerAt + headerLength) : undefined;
  let ahead = data && readAhead(data);
  const memory: SnapshotFile['memory'] = data
    ? Promise.resolve((heap, known = {}) => {
        const write = ahead ?? readAhead(data);
        ahead = undefined;
        return write(scatter(heap, known));
      })
    : // A download's parts are kept as they came (not copied into one buffer) and written once the heap exists.
      reader.parts(dataLength).then(async (parts) => {
        if (parts.reduce((sum, part) => sum + part.length, 0) !== dataLength || !(await reader.end())) throw damaged();
        return async (heap, known = {}) => {
          const into = scatter(heap, known);
          for (const part of parts) into.write(part);
          into.end();
        };
      });
  memory.catch(() => {}); // reported to whoever awaits it
  return { header: head.subarray(headerAt - START), memoryLength, memory };
}
