// For tests of what reads a download as it arrives: a file as the network hands it over.

/** `file` as a download delivers it: a stream of chunks of the given sizes, in turn. */
export function streamOf(file: Uint8Array, sizes: number[] = [1000]): ReadableStream<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; at < file.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(file.slice(at, at + size));
    at += size;
  }
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}
