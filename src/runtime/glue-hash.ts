// A content hash of the Python glue (src/python/retort/*.py, by file name). Provisioning records
// it beside the memory snapshot, whose Python already imported the glue; at start the runtime
// compares it with the glue it is about to load, and imports the files afresh on a mismatch.
// scripts/provision/snapshot.mjs computes the same hash with node:crypto (tests/unit/provision.test.ts
// checks that the two agree).

/** Hex SHA-256 over each file's name and source, in name order, each followed by a NUL. */
export async function glueHash(sources: Record<string, string>): Promise<string> {
  const text = Object.keys(sources)
    .sort()
    .map((name) => `${name}\0${sources[name]}\0`)
    .join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
