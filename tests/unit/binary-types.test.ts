// The dev and preview servers send the build's compressed files and the wheels as binary files, not
// compressed again (scripts/vite/binary-types.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryTypeOf, binaryTypes } from '../../scripts/vite/binary-types.ts';

describe('the Content-Type of binary files', () => {
  it('by extension, whatever the query', () => {
    expect(binaryTypeOf('/python/abc/site-packages.zstd')).toBe('application/zstd');
    expect(binaryTypeOf('/python/abc/sqlalchemy-2.0.52-py3-none-any.whl?x=1')).toBe('application/zip');
    expect(binaryTypeOf('/assets/index.js')).toBeUndefined();
    expect(binaryTypeOf('/zstd')).toBeUndefined();
  });
});

describe('a preview server with the plugin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retort-types-'));
  // Text-like content that the server would gladly compress, were it taken for text.
  const body = gzipSync(Buffer.from('select 1;\n'.repeat(20_000)), { level: 0 });
  let server: PreviewServer;
  let base: string;

  beforeAll(async () => {
    writeFileSync(join(dir, 'snapshot.bin.zstd'), body);
    writeFileSync(join(dir, 'pkg-1.0-py3-none-any.whl'), body);
    writeFileSync(join(dir, 'page.js'), 'console.log(1);\n'.repeat(5_000));
    server = await preview({ configFile: false, logLevel: 'silent', build: { outDir: dir }, preview: { port: 0 }, plugins: [binaryTypes()] });
    base = server.resolvedUrls!.local[0]!;
  });
  afterAll(() => new Promise<void>((resolve) => server.httpServer.close(() => resolve())));

  it('sends *.zstd and *.whl as they are, byte for byte, with a binary type', async () => {
    for (const [name, type] of [['snapshot.bin.zstd', 'application/zstd'], ['pkg-1.0-py3-none-any.whl', 'application/zip']]) {
      const response = await fetch(`${base}${name}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
    }
  });

  it('still compresses JavaScript', async () => {
    const response = await fetch(`${base}page.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });
});
