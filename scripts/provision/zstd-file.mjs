// Writes a file as Zstandard frames for src/runtime/zstd-frames.ts to decode as it downloads: a
// small first frame, so that what a file begins with (the memory snapshot's header) can be used at
// once, then frames of 2 MB, each decoded as soon as it is all in. Concatenated frames are a plain
// Zstandard file (`zstd -d` reads it). Level 19 makes the 24 MB snapshot about 7.1 MB against
// gzip's 9 MB, in about 15 s here; provisioning does it once per snapshot. Frames of 4 MB would
// make it 6.9 MB, but the download's progress moves a frame at a time: 12 steps, not 6.
import { compress, init } from '@bokuweb/zstd-wasm';
import xxhash from 'xxhash-wasm';

/** How provisioning compresses the snapshot: the manifest records these, so that a change redoes it. */
export const ZSTD_LEVEL = 19;
const FIRST_FRAME = 64 * 1024;
export const FRAME = 2 * 1024 * 1024;
const CHECKSUM_FLAG = 0b100;

/**
 * One frame of `bytes`, with the content checksum the format allows (the low 32 bits of XXH64),
 * so that the decoder refuses damaged bytes as gzip's CRC does. The encoder used here has no
 * option for it, but the checksum only follows the last block and is announced by one bit of the
 * frame's header: the blocks are the same either way.
 */
function frameOf(bytes, level, h64) {
  const frame = compress(bytes, level);
  frame[4] |= CHECKSUM_FLAG; // the frame header descriptor, after the 4-byte magic number
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(Number(h64(bytes) & 0xffffffffn));
  return Buffer.concat([frame, checksum]);
}

// The encoder must be set up once: setting it up again leaves it writing garbage.
let ready;

/** `bytes` as Zstandard frames: the first `first` bytes, then `frame` bytes at a time. */
export async function zstdFrames(bytes, { level = ZSTD_LEVEL, first = FIRST_FRAME, frame = FRAME } = {}) {
  const { h64Raw } = await (ready ??= init().then(() => xxhash()));
  const frames = [];
  for (let at = 0, size = first; at < bytes.length; at += size, size = frame) frames.push(frameOf(bytes.subarray(at, at + size), level, h64Raw));
  return Buffer.concat(frames);
}
