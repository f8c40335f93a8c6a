// The memory snapshot travels as Zstandard frames: what provisioning writes
// (scripts/provision/zstd-file.mjs) the runtime decodes as it arrives (src/runtime/zstd-frames.ts),
// whatever the sizes of the chunks the network hands it, and damaged or cut-short files are refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZSTDDecoder } from 'zstddec';
import { zstdFrames as writeFrames } from '../../scripts/provision/zstd-file.mjs';
import { frameAt, zstdFrames } from '../../src/runtime/zstd-frames.ts';
import { streamOf } from './download-stream.ts';

async function decoded(file: Uint8Array, sizes = [65536]): Promise<Uint8Array> {
  return new Uint8Array(await new Response(streamOf(file, sizes).pipeThrough(zstdFrames())).arrayBuffer());
}

/** Bytes like a memory's: runs of zeros, repeated structures, and noise. */
const memoryLike = fc
  .array(
    fc.oneof(
      fc.integer({ min: 1, max: 5000 }).map((n) => new Uint8Array(n)),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 200 })).map(([unit, times]) => {
        const out = new Uint8Array(unit.length * times);
        for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
        return out;
      }),
      fc.uint8Array({ minLength: 1, maxLength: 3000 }),
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  });

describe('Zstandard frames', () => {
  it('decode to the bytes written, however the download is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        memoryLike,
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 1, max: 20000 }),
        fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 5 }),
        async (bytes, first, frame, sizes) => {
          const file = await writeFrames(bytes, { level: 3, first, frame });
          expect(await decoded(file, sizes)).toEqual(bytes);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('are one standard Zstandard file, checksums included', async () => {
    const bytes = new TextEncoder().encode('SELECT * FROM users WHERE id = ?;\n'.repeat(5000));
    const file = await writeFrames(bytes, { level: 3, first: 1000, frame: 50_000 });
    let frames = 0;
    for (let at = 0; at < file.length; frames++) {
      const frame = frameAt(file, at)!;
      expect(file[at + 4]! & 0b100).toBe(0b100); // the content checksum flag
      at = frame.end;
    }
    expect(frames).toBe(1 + Math.ceil((bytes.length - 1000) / 50_000));
    // The reference decoder reads all the frames of the file in one call.
    const decoder = new ZSTDDecoder();
    await decoder.init();
    expect(decoder.decode(file, bytes.length)).toEqual(bytes);
  });

  it('gives the first frame as soon as it is in, before the rest of the file', async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    const file = await writeFrames(bytes, { level: 3, first: 424, frame: 100_000 });
    const firstEnd = frameAt(file, 0)!.end;
    const writer = zstdFrames();
    const reader = writer.readable.getReader();
    const input = writer.writable.getWriter();
    void input.write(file.slice(0, firstEnd + 10));
    const { value } = await reader.read();
    expect(value).toEqual(bytes.subarray(0, 424));
    void input.write(file.slice(firstEnd + 10));
    void input.close();
    const rest: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(...r.value);
    expect(new Uint8Array(rest)).toEqual(bytes.subarray(424));
  });

  it('skip skippable frames', async () => {
    const bytes = new Uint8Array(5000).fill(42);
    const frames = await writeFrames(bytes, { level: 3, first: 2000 });
    const skippable = new Uint8Array([0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);
    const firstEnd = frameAt(frames, 0)!.end;
    const file = new Uint8Array([...frames.subarray(0, firstEnd), ...skippable, ...frames.subarray(firstEnd)]);
    expect(await decoded(file, [7])).toEqual(bytes);
  });

  it('refuse a damaged frame, by its checksum', async () => {
    // Noise does not compress: it is stored in raw blocks, where a changed byte still decodes, to
    // the right size. Only the frame's checksum can tell.
    let seed = 1;
    const bytes = new Uint8Array(120_000).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const file = await writeFrames(bytes, { level: 3, first: 1000, frame: 40_000 });
    const second = frameAt(file, 0)!.end;
    const third = frameAt(file, second)!.end;
    let refused = 0;
    for (let at = second + 20; at < third - 8; at += 499) {
      const damaged = file.slice();
      damaged[at]! ^= 0x10;
      await expect(decoded(damaged)).rejects.toThrow(`the Zstandard frame at byte ${second} does not decode: the file is damaged`);
      refused++;
    }
    expect(refused).toBeGreaterThan(20);
  });

  it('refuse a frame whose header claims more than any memory holds, before decoding it', async () => {
    const file = await writeFrames(new Uint8Array(70_000).fill(3), { level: 3, first: 70_000 });
    // The frame's descriptor says its 4-byte size field follows: make that field 2^31.
    expect(file[4]! >> 6).toBe(2);
    new DataView(file.buffer, file.byteOffset).setUint32(5, 2 ** 31, true);
    await expect(decoded(file)).rejects.toThrow('the Zstandard frame at byte 0 says it holds 2147483648 bytes: the file is damaged');
  });

  it('refuse a file cut short, saying so', async () => {
    const file = await writeFrames(new Uint8Array(100_000).map((_, i) => i % 13), { level: 3, first: 1000, frame: 30_000 });
    await expect(decoded(file.subarray(0, file.length - 5))).rejects.toThrow(/ends inside a Zstandard frame \(at byte \d+\): the download was cut short/);
  });

  it('refuse what is not Zstandard, naming where', async () => {
    const gzip = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]);
    await expect(decoded(gzip)).rejects.toThrow('not a Zstandard frame at byte 0: the file is damaged');
    const file = await writeFrames(new Uint8Array(3000).fill(1), { level: 3, first: 1000 });
    const tail = new Uint8Array([...file, 0x52, 0x54, 0x53, 0x32, 0, 0, 0, 0]);
    await expect(decoded(tail)).rejects.toThrow(`not a Zstandard frame at byte ${file.length}`);
  });
});
