// The memory a WebAssembly module starts with, read from its data section (scripts/provision/wasm-data.mjs):
// the memory snapshot leaves out the pages still like that.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialMemory } from '../../scripts/provision/wasm-data.mjs';

const bytes = (text: string): number[] => [...Buffer.from(text)];
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** A module with one memory page and these data segments: active ones at an offset, or passive. */
function moduleWith(segments: ({ at: number; data: string; explicitMemory?: boolean } | { passive: string })[]): Uint8Array {
  const data = segments.flatMap((s) => {
    if ('passive' in s) return [1, ...uleb(s.passive.length), ...bytes(s.passive)];
    const offset = [0x41, ...sleb(s.at), 0x0b];
    return [...(s.explicitMemory ? [2, 0] : [0]), ...offset, ...uleb(s.data.length), ...bytes(s.data)];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(5, [1, 0, 1]), // one memory, one page at least
    ...section(7, [1, ...uleb(3), ...bytes('mem'), 2, 0]), // exported as "mem"
    ...section(11, [...uleb(segments.length), ...data]),
  ]);
}

async function instantiatedMemory(module: Uint8Array): Promise<Uint8Array> {
  const { instance } = await WebAssembly.instantiate(module as Uint8Array<ArrayBuffer>);
  return new Uint8Array((instance.exports.mem as WebAssembly.Memory).buffer);
}

describe('the memory a module starts with', () => {
  it('is what instantiating it leaves: active segments at their offsets, later ones over earlier, passive ones left out', async () => {
    const module = moduleWith([
      { at: 16, data: 'abcdef' },
      { passive: 'not placed' },
      { at: 65_000, data: 'near the end', explicitMemory: true },
      { at: 18, data: 'XY' },
      { at: 300, data: '' },
    ]);
    const memory = initialMemory(module);
    expect(memory.length).toBe(65_000 + 'near the end'.length);
    const live = await instantiatedMemory(module);
    expect(Buffer.from(live.subarray(0, memory.length)).equals(Buffer.from(memory))).toBe(true);
    expect(live.subarray(memory.length).every((b) => b === 0)).toBe(true);
    expect(Buffer.from(memory.subarray(16, 22)).toString()).toBe('abXYef');
  });

  it("of Pyodide's own module: its static data, some megabytes from the start", () => {
    const memory = initialMemory(readFileSync(join(process.cwd(), 'node_modules', 'pyodide', 'pyodide.asm.wasm')));
    expect(memory.length).toBeGreaterThan(1_000_000);
    expect(memory.length).toBeLessThan(16_000_000);
    expect(memory.subarray(0, 1024).every((b) => b === 0)).toBe(true); // nothing at the null page's start
    expect(memory.some((b) => b !== 0)).toBe(true);
  });

  it('refuses what is not a module, or a segment it cannot place', () => {
    expect(() => initialMemory(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/not a WebAssembly module/);
    const global = moduleWith([{ at: 16, data: 'abc' }]);
    const at = global.indexOf(0x41, global.length - 8); // the offset's i32.const
    global[at] = 0x23; // global.get instead
    expect(() => initialMemory(global)).toThrow(/offset is not a constant/);
  });
});
