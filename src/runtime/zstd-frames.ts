// Reads a Zstandard file made of several frames (scripts/provision/zstd-file.mjs writes the memory
// snapshot and the site-packages bundles so) as it downloads: each frame is decoded once its last
// byte is in, so the snapshot's header, in a small first frame, is used at once and the rest is
// decoded while more arrives.
// The browser's DecompressionStream has no Zstandard; zstddec is the reference decoder built to
// WebAssembly. It decodes whole frames only, so the frames are found here, from their headers
// (RFC 8878, section 3.1.1), without decoding them. The decoder is its own chunk, loaded when a
// download needs it: a start from files kept in Cache Storage (they are kept decoded) never does.
import type { ZSTDDecoder } from 'zstddec';

const FRAME_MAGIC = 0xfd2fb528;
/** More than any frame the build writes (2 MB) or any Python memory decodes to: a header saying more is damaged. */
const MAX_FRAME = 256 * 1024 * 1024;
/** Skippable frames carry data a decoder ignores: magic 0x184D2A50 to 0x184D2A5F. */
const SKIPPABLE_MAGIC = 0x184d2a5;

/**
 * Where a complete frame starting at `at` ends, and how many bytes it decodes to (0 for a skippable
 * frame); undefined while it is incomplete. Throws on bytes that are not a frame it can decode.
 */
export function frameAt(bytes: Uint8Array, at: number): { end: number; size: number; skip: boolean } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const have = (n: number): boolean => bytes.length - at >= n;
  if (!have(8)) return undefined;
  const magic = view.getUint32(at, true);
  if (magic >>> 4 === SKIPPABLE_MAGIC) {
    const end = at + 8 + view.getUint32(at + 4, true);
    return end <= bytes.length ? { end, size: 0, skip: true } : undefined;
  }
  if (magic !== FRAME_MAGIC) throw new Error('not a Zstandard frame');
  const descriptor = bytes[at + 4]!;
  const singleSegment = (descriptor >> 5) & 1;
  const checksum = (descriptor >> 2) & 1;
  if (descriptor & 0b1000) throw new Error('a Zstandard frame with its reserved bit set');
  if (descriptor & 0b11) throw new Error('a Zstandard frame that needs a dictionary');
  const sizeFlag = descriptor >> 6;
  const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
  if (sizeBytes === 0) throw new Error('a Zstandard frame that does not say its size');
  let pos = at + 5 + (singleSegment ? 0 : 1);
  if (bytes.length < pos + sizeBytes) return undefined;
  const size =
    sizeBytes === 1 ? bytes[pos]! : sizeBytes === 2 ? view.getUint16(pos, true) + 256 : sizeBytes === 4 ? view.getUint32(pos, true) : Number(view.getBigUint64(pos, true));
  pos += sizeBytes;
  for (;;) {
    if (bytes.length < pos + 3) return undefined;
    const header = bytes[pos]! | (bytes[pos + 1]! << 8) | (bytes[pos + 2]! << 16);
    const type = (header >> 1) & 3;
    if (type === 3) throw new Error('a Zstandard block of the reserved type');
    pos += 3 + (type === 1 ? 1 : header >>> 3); // a run-length block holds its one byte
    if (header & 1) break; // the frame's last block
  }
  pos += checksum * 4;
  return pos <= bytes.length ? { end: pos, size, skip: false } : undefined;
}

/**
 * A stream that decodes a Zstandard file of several frames, a frame at a time, as its bytes arrive.
 * It fails, naming what is wrong, on bytes that are no Zstandard frame, on a frame that does not
 * decode to the size its header gives (damaged), and on a file that ends inside a frame.
 */
export function zstdFrames(): TransformStream<Uint8Array, Uint8Array> {
  let decoder: ZSTDDecoder;
  let ready: Promise<void>;
  // The bytes not yet decoded are buffer[start..end]; the buffer grows to the largest frame.
  let buffer = new Uint8Array(1 << 20);
  let start = 0;
  let end = 0;
  let read = 0; // bytes of the file before `start`, for messages

  function append(chunk: Uint8Array): void {
    if (end + chunk.length > buffer.length) {
      const pending = end - start;
      const grown = pending + chunk.length > buffer.length ? new Uint8Array(Math.max(buffer.length * 2, pending + chunk.length)) : buffer;
      if (grown === buffer) buffer.copyWithin(0, start, end);
      else grown.set(buffer.subarray(start, end));
      buffer = grown;
      start = 0;
      end = pending;
    }
    buffer.set(chunk, end);
    end += chunk.length;
  }

  return new TransformStream({
    start() {
      ready = import('zstddec').then(({ ZSTDDecoder }) => {
        decoder = new ZSTDDecoder();
        return decoder.init();
      });
    },
    async transform(chunk, controller) {
      await ready;
      append(chunk);
      for (;;) {
        const pending = buffer.subarray(start, end);
        let frame: ReturnType<typeof frameAt>;
        try {
          frame = frameAt(pending, 0);
        } catch (error) {
          throw new Error(`${(error as Error).message} at byte ${read}: the file is damaged`);
        }
        if (!frame) return;
        if (frame.size > MAX_FRAME) throw new Error(`the Zstandard frame at byte ${read} says it holds ${frame.size} bytes: the file is damaged`);
        if (!frame.skip) {
          const decoded = decoder.decode(pending.subarray(0, frame.end), frame.size);
          if (decoded.length !== frame.size) throw new Error(`the Zstandard frame at byte ${read} does not decode: the file is damaged`);
          controller.enqueue(decoded);
        }
        start += frame.end;
        read += frame.end;
      }
    },
    flush() {
      if (end > start) throw new Error(`the file ends inside a Zstandard frame (at byte ${read}): the download was cut short`);
    },
  });
}
