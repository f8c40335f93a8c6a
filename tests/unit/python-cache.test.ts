// The worker keeps the versioned Python files in Cache Storage as it downloads them, and decodes
// the compressed ones on the way (src/runtime/python-cache.ts). Cache Storage is a stand-in here.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { zstdFrames } from '../../scripts/provision/zstd-file.mjs';
import { cachingFetch, keepOnlyVersion, notingFailures, PYTHON_CACHE, quietlyMissing, wasKept } from '../../src/runtime/python-cache.ts';

/** Cache Storage with one cache, that reads what it is given to the end, as the browser's does. */
function fakeCaches() {
  const kept = new Map<string, { body: Uint8Array; headers: Headers }>();
  const cache = {
    async match(url: string) {
      const entry = kept.get(url);
      return entry && new Response(entry.body.slice(), { headers: entry.headers });
    },
    async put(url: string, response: Response) {
      kept.set(url, { body: new Uint8Array(await response.arrayBuffer()), headers: response.headers });
    },
    async keys() {
      return [...kept.keys()].map((url) => new Request(url));
    },
    async delete(request: Request) {
      return kept.delete(request.url);
    },
  };
  const opened: string[] = [];
  vi.stubGlobal('caches', { open: async (name: string) => (opened.push(name), cache) });
  return { kept, opened };
}

const V1 = 'http://site/python/0123456789abcdef/';
const V2 = 'http://site/python/fedcba9876543210/';
// Bytes that compress, so that the compressed file is not the file.
const contents = new TextEncoder().encode('CREATE TABLE node (id INTEGER PRIMARY KEY);\n'.repeat(50_000));

function network(files: Record<string, { body: Uint8Array; status?: number }>) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const file = files[url];
    return file ? new Response(file.body.slice(), { status: file.status ?? 200 }) : new Response('missing', { status: 404 });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Byte for byte (toEqual walks megabytes element by element). */
const bytesOf = async (response: Response): Promise<Buffer> => Buffer.from(await response.arrayBuffer());
const same = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.from(a).equals(Buffer.from(b));

describe('kept Python files', () => {
  it('the Zstandard snapshot comes decoded, is kept decoded, and is read from the cache the next time', async () => {
    const { kept, opened } = fakeCaches();
    const net = network({ [`${V1}snapshot.bin.zstd`]: { body: await zstdFrames(contents, { level: 3, frame: 100_000 }) } });
    const fetchKept = cachingFetch(net.fetch);
    // Response.clone() would structured-clone every chunk of a stream made by script: not used.
    const clone = vi.spyOn(Response.prototype, 'clone');

    const first = await fetchKept(`${V1}snapshot.bin.zstd`);
    expect(wasKept(first)).toBe(false);
    expect(same(await bytesOf(first), contents)).toBe(true);
    await vi.waitFor(() => expect(same(kept.get(`${V1}snapshot.bin.zstd`)?.body, contents)).toBe(true));

    const again = await fetchKept(`${V1}snapshot.bin.zstd`);
    expect(wasKept(again)).toBe(true);
    expect(same(await bytesOf(again), contents)).toBe(true);
    expect(net.calls).toEqual([`${V1}snapshot.bin.zstd`]);
    expect(clone).not.toHaveBeenCalled();
    expect(opened.every((name) => name === PYTHON_CACHE)).toBe(true);
  });

  it('a damaged Zstandard snapshot fails as it is read, and is not kept', async () => {
    const { kept } = fakeCaches();
    const file = await zstdFrames(contents, { level: 3, frame: 100_000 });
    file[file.length - 2]! ^= 1; // in the last frame's checksum
    const response = await cachingFetch(network({ [`${V1}snapshot.bin.zstd`]: { body: file } }).fetch)(`${V1}snapshot.bin.zstd`);
    await expect(response.arrayBuffer()).rejects.toThrow(/does not decode: the file is damaged/);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(kept.size).toBe(0);
  });

  it('the caller and the cache each get every byte, whichever reads first', async () => {
    const { kept } = fakeCaches();
    const net = network({ [`${V1}site-packages.zstd`]: { body: await zstdFrames(contents, { level: 3, frame: 200_000 }) } });
    const response = await cachingFetch(net.fetch)(`${V1}site-packages.zstd`);
    // The cache's copy is read to its end before the caller reads anything.
    await vi.waitFor(() => expect(same(kept.get(`${V1}site-packages.zstd`)?.body, contents)).toBe(true));
    expect(same(await bytesOf(response), contents)).toBe(true);
  });

  it('a file that is not compressed by the build is kept as it came', async () => {
    const { kept } = fakeCaches();
    const wasm = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    const response = await cachingFetch(network({ [`${V1}pyodide.asm.wasm`]: { body: wasm } }).fetch)(`${V1}pyodide.asm.wasm`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(wasm);
    await vi.waitFor(() => expect(kept.get(`${V1}pyodide.asm.wasm`)?.body).toEqual(wasm));
  });

  it('files outside a versioned folder, and failed downloads, are not kept', async () => {
    const { kept } = fakeCaches();
    const net = network({ 'http://site/wheels/manifest.json': { body: new TextEncoder().encode('{}') } });
    const fetchKept = cachingFetch(net.fetch);
    expect(await (await fetchKept('http://site/wheels/manifest.json')).text()).toBe('{}');
    expect((await fetchKept(`${V1}gone.whl`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(kept.size).toBe(0);
  });

  it('without Cache Storage, files are plain downloads', async () => {
    vi.stubGlobal('caches', { open: () => Promise.reject(new DOMException('insecure', 'SecurityError')) });
    const net = network({ [`${V1}snapshot.bin.zstd`]: { body: await zstdFrames(contents, { level: 3 }) } });
    const response = await cachingFetch(net.fetch)(`${V1}snapshot.bin.zstd`);
    expect(same(await bytesOf(response), contents)).toBe(true);
  });

  it('once a version is in use, the files of other versions are dropped', async () => {
    const { kept } = fakeCaches();
    const net = network({ [`${V1}a.whl`]: { body: contents }, [`${V2}a.whl`]: { body: contents } });
    const fetchKept = cachingFetch(net.fetch);
    await (await fetchKept(`${V1}a.whl`)).arrayBuffer();
    await (await fetchKept(`${V2}a.whl`)).arrayBuffer();
    await vi.waitFor(() => expect(kept.size).toBe(2));
    await keepOnlyVersion(`${V2}pyodide.asm.wasm`);
    expect([...kept.keys()]).toEqual([`${V2}a.whl`]);
  });
});

describe('downloads that failed', () => {
  it('are named with what went wrong; downloads that worked are not', async () => {
    const network = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.endsWith('offline.zip')) throw new TypeError('Failed to fetch');
      return new Response('x', { status: url.endsWith('pyodide.asm.wasm') ? 503 : 200 });
    });
    const { fetch, failures } = notingFailures(network as typeof globalThis.fetch);
    expect((await fetch(`${V1}pyodide.asm.wasm`)).status).toBe(503); // the response still reaches the caller
    await fetch(new Request(`${V1}pyodide-lock.json?v=1`));
    await expect(fetch(`${V1}offline.zip`)).rejects.toThrow('Failed to fetch');
    await fetch(`${V1}pyodide.asm.wasm`); // once is enough
    expect(failures()).toEqual(['pyodide.asm.wasm (HTTP 503)', 'offline.zip (no connection)']);
  });

  it('picks out the standard library, which Pyodide starts without, from failures that stop the start anyway', () => {
    expect(quietlyMissing(['pyodide.asm.wasm (HTTP 503)', 'snapshot.bin.zstd (HTTP 404)'])).toEqual([]);
    expect(quietlyMissing(['snapshot.bin.zstd (HTTP 404)', 'python_stdlib.zip (no connection)'])).toEqual(['python_stdlib.zip (no connection)']);
    expect(quietlyMissing(['python_stdlib.zip.bak (HTTP 503)'])).toEqual([]);
  });
});
