// The memory a WebAssembly module starts with: its active data segments written at their offsets,
// zeros elsewhere. The memory snapshot leaves out the pages still as they were when Python's
// module was instantiated (scripts/provision/sparse-snapshot.mjs): instantiating puts them back.
// Reads the binary format's data section (section 11) directly; nothing else of the module.

const DATA_SECTION = 11;
const I32_CONST = 0x41;
const END = 0x0b;

/** A reader of the binary format's bytes and integers (LEB128, unsigned or 32-bit signed). */
function cursor(bytes) {
  let at = 0;
  const leb = (signed) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error('truncated WebAssembly module');
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte >= 0x80) continue;
      return signed && byte & 0x40 ? value - 2 ** shift : value;
    }
  };
  return {
    unsigned: () => leb(false),
    signed32: () => leb(true),
    byte: () => bytes[at++],
    take: (n) => bytes.subarray(at, (at += n)),
    get at() {
      return at;
    },
    set at(to) {
      at = to;
    },
  };
}

/**
 * The initial memory of a module (its bytes), as long as its last active data segment reaches.
 * Passive segments (copied by code, not at instantiation) are skipped; a segment placed by
 * anything but a constant offset, or in a memory other than the first, is refused.
 */
export function initialMemory(module) {
  const bytes = new Uint8Array(module.buffer, module.byteOffset, module.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error('not a WebAssembly module');
  const read = cursor(bytes);
  read.at = 8;
  const placed = [];
  while (read.at < bytes.length) {
    const id = read.byte();
    const size = read.unsigned();
    const end = read.at + size;
    if (id === DATA_SECTION) {
      for (let count = read.unsigned(); count > 0; count--) {
        const flags = read.unsigned();
        if (flags === 1) {
          read.take(read.unsigned()); // passive
          continue;
        }
        if (flags === 2 && read.unsigned() !== 0) throw new Error('a data segment for a second memory');
        if (flags !== 0 && flags !== 2) throw new Error(`a data segment with flags ${flags}`);
        if (read.byte() !== I32_CONST) throw new Error('a data segment whose offset is not a constant');
        const offset = read.signed32() >>> 0;
        if (read.byte() !== END) throw new Error('a data segment whose offset is not a constant');
        placed.push([offset, read.take(read.unsigned())]);
      }
    }
    read.at = end;
  }
  const memory = new Uint8Array(placed.reduce((most, [offset, data]) => Math.max(most, offset + data.length), 0));
  for (const [offset, data] of placed) memory.set(data, offset);
  return memory;
}
