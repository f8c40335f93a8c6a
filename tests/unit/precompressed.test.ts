// The build's brotli and gzip copies, and the preview server sending the one a request accepts
// (scripts/vite/precompressed.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, precompressed, precompressedFor, wantsCopies, writeCompressedCopies } from '../../scripts/vite/precompressed.ts';

describe('which files get copies', () => {
  it('text and WebAssembly of 1 KB or more; not source maps, images or the compressed bundles', () => {
    expect(wantsCopies('assets/index-abc.js', 40_000)).toBe(true);
    expect(wantsCopies('python/0123/pyodide.asm.wasm', 9_600_000)).toBe(true);
    expect(wantsCopies('python/0123/pyodide.asm.mjs', 1_250_000)).toBe(true);
    expect(wantsCopies('recipes/upsert-1a2b.json', 5_000)).toBe(true);
    expect(wantsCopies('assets/index-abc.js', 1_023)).toBe(false);
    expect(wantsCopies('assets/index-abc.js.map', 40_000)).toBe(false);
    expect(wantsCopies('python/0123/snapshot.bin.zstd', 10_000_000)).toBe(false);
    expect(wantsCopies('python/0123/python_stdlib.zip', 2_500_000)).toBe(false);
    expect(wantsCopies('icon.png', 40_000)).toBe(false);
  });
});

describe('Accept-Encoding', () => {
  it('reads tokens, q-values and *', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'deflate', 'gzip', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('GZIP ; q=1.0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('*, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*;q=0')]).toEqual([]);
    expect([...acceptedEncodings('')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it('brotli when it is accepted and its copy exists, else gzip, else nothing', () => {
    const encodings = fc.constantFrom('br', 'gzip', 'deflate', 'zstd', 'identity', '*');
    const entry = fc.record({ name: encodings, q: fc.option(fc.constantFrom('0', '0.0', '0.5', '1'), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), fc.boolean(), fc.boolean(), (entries, hasBr, hasGz) => {
        const header = entries.map(({ name, q }) => (q === undefined ? name : `${name};q=${q}`)).join(', ');
        const accepted = acceptedEncodings(header);
        const copy = precompressedFor('/assets/app.js', header, (p) => (p.endsWith('.br') ? hasBr : p.endsWith('.gz') ? hasGz : false));
        const expected = hasBr && accepted.has('br') ? 'br' : hasGz && accepted.has('gzip') ? 'gzip' : undefined;
        expect(copy?.encoding).toBe(expected);
        if (copy) expect(copy).toEqual({ path: `/assets/app.js${copy.encoding === 'br' ? '.br' : '.gz'}`, encoding: expected, type: 'text/javascript' });
      }),
    );
  });

  it('only for the types that get copies, and never for a path that climbs out', () => {
    const always = (): boolean => true;
    expect(precompressedFor('/python/x/pyodide.asm.wasm', 'br', always)).toEqual({ path: '/python/x/pyodide.asm.wasm.br', encoding: 'br', type: 'application/wasm' });
    expect(precompressedFor('/index.html', 'gzip', always)?.type).toBe('text/html; charset=utf-8');
    expect(precompressedFor('/python/x/snapshot.bin.zstd', 'br', always)).toBeUndefined();
    expect(precompressedFor('/', 'br', always)).toBeUndefined();
    expect(precompressedFor('/assets/../../etc/passwd.js', 'br', always)).toBeUndefined();
  });
});

describe('a build folder with copies, served by the preview server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retort-precompressed-'));
  const script = Buffer.from('export const rows = [];\n'.repeat(4_000));
  const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(50_000, 7)]);
  const noise = randomBytes(4_000);
  let server: PreviewServer;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, 'python', '0123'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'app.js'), script);
    writeFileSync(join(dir, 'assets', 'tiny.js'), 'export {};\n');
    writeFileSync(join(dir, 'assets', 'noise.json'), noise); // does not compress: no copies
    writeFileSync(join(dir, 'python', '0123', 'pyodide.asm.wasm'), wasm);
    writeFileSync(join(dir, 'python', '0123', 'snapshot.bin.zstd'), script);
    expect(await writeCompressedCopies(dir)).toBe(2);
    server = await preview({ configFile: false, logLevel: 'silent', build: { outDir: dir }, preview: { port: 0 }, plugins: [precompressed()] });
    base = server.resolvedUrls!.local[0]!;
  });
  afterAll(() => new Promise<void>((resolve) => server.httpServer.close(() => resolve())));

  it('writes both copies of what compresses, each decoding to the file', () => {
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'app.js.br'))).equals(script)).toBe(true);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app.js.gz'))).equals(script)).toBe(true);
    expect(brotliDecompressSync(readFileSync(join(dir, 'python', '0123', 'pyodide.asm.wasm.br'))).equals(wasm)).toBe(true);
    for (const left of ['assets/tiny.js', 'assets/noise.json', 'python/0123/snapshot.bin.zstd']) {
      expect(existsSync(join(dir, `${left}.br`)), left).toBe(false);
      expect(existsSync(join(dir, `${left}.gz`)), left).toBe(false);
    }
  });

  const get = async (path: string, acceptEncoding: string, method = 'GET') => {
    const response = await fetch(`${base}${path}`, { method, headers: { 'accept-encoding': acceptEncoding } });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };

  it('sends the brotli copy to a browser, with the file type, and it decodes to the file', async () => {
    const { response, body } = await get('python/0123/pyodide.asm.wasm', 'gzip, deflate, br, zstd');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(body.equals(wasm)).toBe(true); // fetch decodes it
  });

  it('sends the gzip copy when brotli is not accepted, and the file itself when neither is', async () => {
    const gz = await get('assets/app.js?v=1', 'gzip');
    expect(gz.response.headers.get('content-encoding')).toBe('gzip');
    expect(gz.response.headers.get('content-type')).toBe('text/javascript');
    expect(gz.body.equals(script)).toBe(true);
    const plain = await get('assets/app.js', 'identity');
    expect(plain.response.headers.get('content-encoding')).toBeNull();
    expect(plain.response.headers.get('content-length')).toBe(String(script.length));
    expect(plain.body.equals(script)).toBe(true);
  });

  it('answers HEAD with the copy it would send', async () => {
    const { response } = await get('assets/app.js', 'br', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(Number(response.headers.get('content-length'))).toBe(readFileSync(join(dir, 'assets', 'app.js.br')).length);
  });

  it('leaves a file without copies to the server as before', async () => {
    const tiny = await get('assets/tiny.js', 'br');
    expect(tiny.body.toString()).toBe('export {};\n');
    const bundle = await get('python/0123/snapshot.bin.zstd', 'br');
    expect(bundle.response.headers.get('content-encoding')).toBeNull();
    expect(bundle.body.equals(script)).toBe(true);
  });
});
