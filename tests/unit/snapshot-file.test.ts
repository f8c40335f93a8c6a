// The memory snapshot's file layout: what provisioning writes (scripts/provision/sparse-snapshot.mjs)
// the runtime reads back (src/runtime/snapshot-file.ts), zero pages and pages as instantiated left
// out on the way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptHash as provisionKeptHash, sparseSnapshot } from '../../scripts/provision/sparse-snapshot.mjs';
import { keptHash, openSnapshotFile } from '../../src/runtime/snapshot-file.ts';
import { streamOf } from './download-stream.ts';

const PAGE = 4096;

/**
 * A Blob whose stream is not a byte stream, so it cannot be read into a buffer of one's own (as in
 * browsers without that): the runtime then reads it in slices.
 */
class PlainStreamBlob extends Blob {
  override slice(...args: Parameters<Blob['slice']>): Blob {
    return new PlainStreamBlob([super.slice(...args)]);
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const bytes = super.stream().getReader();
    return new ReadableStream({
      async pull(controller) {
        const { value, done } = await bytes.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    });
  }
}

/**
 * A Blob whose byte stream gives a few pieces and then nothing, ever, as Chromium's stream of a
 * kept file sometimes does: the runtime gives the stream up and reads the rest in slices.
 */
class StallingBlob extends Blob {
  override slice(...args: Parameters<Blob['slice']>): Blob {
    return new StallingBlob([super.slice(...args)]);
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const bytes = super.stream().getReader();
    let pieces = 2;
    return new ReadableStream({
      type: 'bytes',
      async pull(controller) {
        if (pieces-- <= 0) return new Promise(() => {}); // never answers
        const { value, done } = await bytes.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    }) as ReadableStream<Uint8Array<ArrayBuffer>>;
  }
}

/** Byte equality without a deep comparison per element (too slow for memories this size). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

/** A snapshot as Pyodide lays it out: a header whose second word is its own length, then the memory. */
function pyodideSnapshot(headerLength: number, memory: Uint8Array): Uint8Array {
  const out = new Uint8Array(headerLength + memory.length);
  for (let i = 8; i < headerLength; i++) out[i] = (i * 7) & 255;
  new DataView(out.buffer).setUint32(4, headerLength, true);
  out.set(memory, headerLength);
  return out;
}

/** Memory made of pages that are zero, full, or zero but for one byte; the last page may be short. */
const memories = fc
  .tuple(fc.array(fc.constantFrom('zero', 'full', 'one-byte'), { maxLength: 24 }), fc.integer({ min: 0, max: PAGE - 1 }), fc.integer({ min: 0, max: PAGE - 1 }))
  .map(([pages, tail, where]) => {
    const memory = new Uint8Array(pages.length * PAGE + tail);
    pages.forEach((kind, p) => {
      if (kind === 'full') memory.fill(p + 1, p * PAGE, (p + 1) * PAGE);
      if (kind === 'one-byte') memory[p * PAGE + where] = 9;
    });
    if (tail > 0 && where % 2 === 0) memory[memory.length - 1] = 3;
    return memory;
  });

describe('the sparse memory snapshot', () => {
  it('gives back the header and every byte of the memory, over whatever the heap held', async () => {
    await fc.assert(
      fc.asyncProperty(
        memories,
        fc.integer({ min: 48, max: 200 }).map((n) => n * 4),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.array(fc.integer({ min: 1, max: 3 * PAGE }), { minLength: 1, maxLength: 5 })),
        // What the heap held: nonzero everywhere, or zero but for some bytes (a fresh heap that start-up wrote to).
        fc.option(fc.array(fc.nat(), { maxLength: 40 })),
        fc.boolean(),
        async (memory, headerLength, fraction, chunks, dirty, plainBlob) => {
        const original = pyodideSnapshot(headerLength, memory);
        const sparse = sparseSnapshot(original);
        // Kept files are read as a Blob, downloads as a stream of chunks of any size.
        const file = await openSnapshotFile(chunks ? streamOf(sparse, chunks) : plainBlob ? new PlainStreamBlob([sparse]) : new Blob([sparse]));
        const writeMemory = await file.memory;
        expect(same(file.header, original.subarray(0, headerLength))).toBe(true);
        expect(file.memoryLength).toBe(memory.length);
        const heap = new Uint8Array(memory.length + 100);
        if (dirty) for (const at of dirty) heap[at % heap.length] = 0xaa;
        else heap.fill(0xaa);
        const past = heap.slice(memory.length);
        await writeMemory(heap);
        expect(same(heap.subarray(0, memory.length), memory)).toBe(true);
        expect(same(heap.subarray(memory.length), past)).toBe(true); // nothing past the memory is touched
        // A heap that grew at `grownFrom` holds zeros from there: the result is the same memory.
        const grownFrom = Math.floor(memory.length * fraction);
        const grown = new Uint8Array(memory.length).fill(0xaa, 0, grownFrom);
        await writeMemory(grown, { zeroFrom: grownFrom });
        expect(same(grown, memory)).toBe(true);
        // A range whose bytes do not matter (the stack below its pointer) gets the memory's bytes
        // but not its zeros; everything outside it is the memory.
        const [from, to] = [Math.floor(memory.length * fraction), Math.floor(memory.length * Math.sqrt(fraction))];
        const stacked = new Uint8Array(memory.length).fill(0xaa);
        await writeMemory(stacked, { unused: [from, to] });
        expect(same(stacked.subarray(0, from), memory.subarray(0, from))).toBe(true);
        expect(same(stacked.subarray(to), memory.subarray(to))).toBe(true);
        for (let i = from; i < to; i++) if (stacked[i] !== memory[i]) expect([stacked[i], memory[i]]).toEqual([0xaa, 0]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes a kept file larger than its reading buffer, straight into the heap', async () => {
    // 3.5 MB: more than the 1 MB buffer a kept file is read through, with zero pages between.
    const memory = new Uint8Array(900 * PAGE);
    for (let p = 0; p < 900; p++) if (p % 7 !== 3) memory.fill((p % 250) + 1, p * PAGE, (p + 1) * PAGE);
    const sparse = sparseSnapshot(pyodideSnapshot(64, memory));
    for (const file of [new Blob([sparse]), new PlainStreamBlob([sparse]), new StallingBlob([sparse])]) {
      const heap = new Uint8Array(memory.length).fill(0xaa);
      await (await (await openSnapshotFile(file)).memory)(heap);
      expect(same(heap, memory)).toBe(true);
    }
  });

  it('does not write zeros where the bytes do not matter', async () => {
    // Pages 2-7 are zero, the stack below its pointer is pages 1-6: only page 7 needs its zeros.
    const memory = new Uint8Array(10 * PAGE).fill(5);
    memory.fill(0, 2 * PAGE, 8 * PAGE);
    const heap = new Uint8Array(memory.length).fill(0xaa);
    await (await (await openSnapshotFile(new Blob([sparseSnapshot(pyodideSnapshot(64, memory))]))).memory)(heap, { unused: [PAGE, 7 * PAGE] });
    expect(same(heap.subarray(2 * PAGE, 7 * PAGE), new Uint8Array(5 * PAGE).fill(0xaa))).toBe(true);
    expect(same(heap.subarray(0, 2 * PAGE), memory.subarray(0, 2 * PAGE))).toBe(true);
    expect(same(heap.subarray(7 * PAGE), memory.subarray(7 * PAGE))).toBe(true);
  });

  it('leaves out the zero pages', () => {
    const memory = new Uint8Array(10 * PAGE);
    memory[3 * PAGE + 5] = 1;
    memory[4 * PAGE] = 2;
    memory[9 * PAGE + 100] = 3;
    const sparse = sparseSnapshot(pyodideSnapshot(64, memory));
    // Two stretches (pages 3-4 and page 9): a 16-byte start, two index entries, the header, three pages.
    expect(sparse.length).toBe(24 + 2 * 8 + 64 + 3 * PAGE);
  });

  it('refuses a file that is not one, or is cut short, with a message that says what to do', async () => {
    await expect(openSnapshotFile(new Blob([new Uint8Array(4096).fill(7)]))).rejects.toThrow(/not a Retort memory snapshot.*npm run provision/);
    await expect(openSnapshotFile(new Blob([new Uint8Array(5)]))).rejects.toThrow(/not a Retort memory snapshot/);
    const memory = new Uint8Array(3 * PAGE).fill(1);
    const sparse = sparseSnapshot(pyodideSnapshot(64, memory));
    await expect(openSnapshotFile(new Blob([sparse.subarray(0, sparse.length - 10)]))).rejects.toThrow(/damaged memory snapshot/);
    await expect(openSnapshotFile(new Blob([sparse.subarray(0, 40)]))).rejects.toThrow(/damaged memory snapshot/);
  });

  it('refuses a download that is cut short or runs on, once its end shows it', async () => {
    const memory = new Uint8Array(3 * PAGE).fill(1);
    const sparse = sparseSnapshot(pyodideSnapshot(64, memory));
    await expect(openSnapshotFile(streamOf(sparse.subarray(0, 40)))).rejects.toThrow(/damaged memory snapshot/);
    await expect(openSnapshotFile(streamOf(new Uint8Array(4096).fill(7)))).rejects.toThrow(/not a Retort memory snapshot/);
    // The header is whole, so Pyodide may start; the memory is not.
    const short = await openSnapshotFile(streamOf(sparse.subarray(0, sparse.length - 10)));
    await expect(short.memory).rejects.toThrow(/damaged memory snapshot/);
    const long = await openSnapshotFile(streamOf(new Uint8Array([...sparse, 1, 2, 3])));
    await expect(long.memory).rejects.toThrow(/damaged memory snapshot/);
    const whole = await openSnapshotFile(streamOf(sparse, [7]));
    const heap = new Uint8Array(memory.length);
    await (await whole.memory)(heap);
    expect(same(heap, memory)).toBe(true);
  });

  it('says how much of a download has arrived, from its first chunk after the index to all of it', async () => {
    await fc.assert(
      fc.asyncProperty(memories, fc.array(fc.integer({ min: 1, max: 3 * PAGE }), { minLength: 1, maxLength: 5 }), async (memory, chunks) => {
        const sparse = sparseSnapshot(pyodideSnapshot(64, memory));
        const shares: number[] = [];
        const file = await openSnapshotFile(streamOf(sparse, chunks), (share) => shares.push(share));
        await file.memory;
        // In bytes of the whole file: rising, each where a chunk ended, the first once the index
        // and header were in, the last all of it.
        const ends = new Set<number>();
        for (let at = 0, i = 0; at < sparse.length; i++) ends.add((at = Math.min(sparse.length, at + chunks[i % chunks.length]!)));
        const bytes = shares.map((share) => Math.round(share * sparse.length));
        expect(bytes.at(-1)).toBe(sparse.length);
        for (const [i, n] of bytes.entries()) {
          expect(ends.has(n)).toBe(true);
          if (i > 0) expect(n).toBeGreaterThan(bytes[i - 1]!);
        }
        expect(bytes[0]).toBeGreaterThanOrEqual(24 + 64);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves out the pages as instantiated, and gives back the memory over a heap as a start leaves it', async () => {
    await fc.assert(
      fc.asyncProperty(
        memories,
        // Which pages the module's data put where (a page of the memory, or one it changed since), and how far that data reaches.
        fc.array(fc.constantFrom('same', 'changed', 'none'), { maxLength: 24 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.boolean(),
        async (memory, data, dirt, download) => {
          const initial = new Uint8Array(Math.min(memory.length, data.length * PAGE));
          data.forEach((kind, p) => {
            if (p * PAGE >= initial.length) return;
            if (kind === 'same') initial.set(memory.subarray(p * PAGE, (p + 1) * PAGE), p * PAGE);
            if (kind === 'changed') initial.fill(0x55, p * PAGE, Math.min(initial.length, (p + 1) * PAGE));
          });
          const sparse = sparseSnapshot(pyodideSnapshot(64, memory), initial);
          // Left out: whole pages that are not zero and as instantiated.
          const asInstantiated = (p: number): boolean =>
            (p + 1) * PAGE <= initial.length && memory.subarray(p * PAGE, (p + 1) * PAGE).some((b) => b !== 0) && same(memory.subarray(p * PAGE, (p + 1) * PAGE), initial.subarray(p * PAGE, (p + 1) * PAGE));
          const left = Array.from({ length: Math.floor(memory.length / PAGE) }, (_, p) => p).filter(asInstantiated);
          let nonzero = 0;
          for (let at = 0; at < memory.length; at += PAGE) if (memory.subarray(at, at + PAGE).some((b) => b !== 0)) nonzero += Math.min(PAGE, memory.length - at);
          const index = new DataView(sparse.buffer);
          const entries = index.getUint32(12, true) + index.getUint32(16, true);
          expect(sparse.length).toBe(24 + 8 * entries + 64 + nonzero - left.length * PAGE);
          // The heap as a start leaves it: the module's data in place, anything anywhere else.
          const heap = new Uint8Array(memory.length).fill(0xaa);
          heap.set(initial);
          for (const at of dirt) if (!left.includes(Math.floor((at % heap.length) / PAGE))) heap[at % heap.length] = 0xcc;
          const file = await openSnapshotFile(download ? streamOf(sparse, [3000]) : new Blob([sparse]));
          await (await file.memory)(heap);
          expect(same(heap, memory)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refuses to start from memory it expects as instantiated when something changed it, saying what to do', async () => {
    const memory = new Uint8Array(6 * PAGE).fill(4);
    const initial = memory.slice(0, 3 * PAGE); // pages 0-2 are the module's data, unchanged
    const sparse = sparseSnapshot(pyodideSnapshot(64, memory), initial);
    expect(sparse.length).toBe(24 + 2 * 8 + 64 + 3 * PAGE);
    const heap = new Uint8Array(memory.length);
    heap.set(initial);
    heap[PAGE + 40] = 9; // written by something that ran before the restore
    const file = await openSnapshotFile(new Blob([sparse]));
    await expect((await file.memory)(heap)).rejects.toThrow(/does not fit.*npm run provision/);
  });

  it('hashes the kept memory the same way at provisioning and at start', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.array(fc.tuple(fc.nat(15), fc.nat(4)), { maxLength: 4 }), (bytes, picks) => {
        const ranges = picks.map(([at, words]): [number, number] => [at * 4, Math.min(words * 4, 64 - at * 4)]);
        expect(keptHash(bytes, ranges)).toBe(provisionKeptHash(bytes, ranges));
      }),
    );
    expect(keptHash(new Uint8Array(8), [[0, 8]])).not.toBe(keptHash(new Uint8Array([0, 0, 0, 0, 1, 0, 0, 0]), [[0, 8]]));
  });

  it('says nothing of a kept file, which has all arrived', async () => {
    const memory = new Uint8Array(4 * PAGE).fill(2);
    const shares: number[] = [];
    const file = await openSnapshotFile(new Blob([sparseSnapshot(pyodideSnapshot(64, memory))]), (share) => shares.push(share));
    await (await file.memory)(new Uint8Array(memory.length));
    expect(shares).toEqual([]);
  });
});
