// Share links: exact round trips, deflate measured against lz-string, and a clear refusal (never
// a throw) for every malformed, truncated, tampered or over-large link.
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { Notebook, RecipeMeta } from '../../src/notebook/notebook.ts';
import {
  decodeShareLink,
  encodeShareLink,
  MAX_SHARED_NOTEBOOK_BYTES,
  MAX_LZ_PAYLOAD,
  SHARE_LINK_WARN_LENGTH,
  shareHashFor,
} from '../../src/notebook/share-link.ts';

const versions = { python: '3.13.2', sqlalchemy: '2.0.41' };
const meta: RecipeMeta = {
  slug: 'adjacency-list',
  title: 'Adjacency list',
  summary: 'A tree in a table.',
  category: 'relationships',
  tags: ['orm'],
  sqlalchemy: '>=2.0.41,<2.1',
  docs: [{ title: 'Adjacency list', url: 'https://docs.sqlalchemy.org/' }],
};
const findRecipe = (slug: string): RecipeMeta | undefined => (slug === meta.slug ? meta : undefined);

/** A notebook without its cell ids, which links do not carry. */
const shape = (nb: Notebook) => ({ ...nb, cells: nb.cells.map((c) => [c.kind, c.source]) });

const sample: Notebook = {
  title: 'Adjacency list (my variant) 🌳',
  cells: [
    { id: 'a', kind: 'markdown', source: '# Trees\n\nNodes point at their parent. Café, 漢字, e\u0301.' },
    { id: 'b', kind: 'code', source: 'from sqlalchemy import create_engine\nengine = create_engine("sqlite://")\nprint(engine)' },
    { id: 'c', kind: 'code', source: '' },
  ],
  files: [{ path: 'pkg/models.py', content: 'class Node:\n    pass\n' }],
  recipe: meta,
};

// Text with emoji, combining marks, CJK, controls and lone surrogates' safe neighbours.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.stringMatching(/^[a-z =()\n"'.:]{0,80}$/),
  fc.constantFrom('', '😀👩‍👩‍👧‍👦🏳️‍🌈', 'e\u0301\u0302 a\u0308', '\u0000\t\r\n', '漢字かなカナ'),
);
const segment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}$/).filter((s) => s !== '..' && s !== '.');
const notebook: fc.Arbitrary<Notebook> = fc.record({
  title: text,
  cells: fc.array(
    fc.record({ id: fc.constant('x'), kind: fc.constantFrom('code' as const, 'markdown' as const), source: text }),
    { maxLength: 8 },
  ),
  files: fc.array(
    fc.record({ path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')), content: text }),
    { maxLength: 3 },
  ),
  recipe: fc.option(fc.constant(meta), { nil: undefined }),
}).map(({ recipe, ...rest }) => (recipe ? { ...rest, recipe } : rest));

async function expectRoundTrip(nb: Notebook): Promise<void> {
  const payload = await encodeShareLink(nb, versions);
  const back = await decodeShareLink(payload, findRecipe);
  if (!back.ok) throw new Error(back.message);
  expect(shape(back.notebook)).toEqual(shape(nb));
  expect(back.versions).toEqual(versions);
  expect(back.formatVersion).toBe(1);
  // Fresh, distinct ids.
  expect(new Set(back.notebook.cells.map((c) => c.id)).size).toBe(nb.cells.length);
}

async function expectRefused(payload: string, message: RegExp): Promise<void> {
  const result = await decodeShareLink(payload, findRecipe);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toMatch(message);
}

/** The JSON a format-1 link carries, written out by hand to pin the format. */
function formatOneJson(nb: Notebook): string {
  return JSON.stringify({
    v: 1,
    py: versions.python,
    sa: versions.sqlalchemy,
    t: nb.title,
    c: nb.cells.map((c) => [c.kind, c.source]),
    ...(nb.files.length ? { f: nb.files.map((f) => [f.path, f.content]) } : {}),
    ...(nb.recipe ? { r: nb.recipe.slug } : {}),
  });
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A `d` link for any JSON text, made independently of the module under test. */
async function deflateLink(json: string): Promise<string> {
  const deflated = new Uint8Array(
    await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer(),
  );
  return `d${base64url(deflated)}`;
}

describe('share links: round trip', () => {
  it('round-trips a sample notebook, its files and recipe, with fresh cell ids', async () => {
    await expectRoundTrip(sample);
    const back = await decodeShareLink(await encodeShareLink(sample, versions));
    // Without a catalog the recipe is named but not attached.
    expect(back.ok && back.recipeSlug).toBe('adjacency-list');
    expect(back.ok && back.notebook.recipe).toBeUndefined();
  });

  it('round-trips an empty notebook', async () => {
    await expectRoundTrip({ title: '', cells: [], files: [] });
  });

  it('round-trips generated notebooks exactly (unicode, empty cells, files)', async () => {
    await fc.assert(fc.asyncProperty(notebook, expectRoundTrip), { numRuns: 150 });
  });

  it('round-trips huge cells (~200 KB)', async () => {
    const huge = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 50_000, maxLength: 60_000 }), // ~200 KB of UTF-8
      fc.stringMatching(/^[a-z \n]{1,20}$/).map((s) => s.repeat(Math.ceil(200_000 / s.length))),
    );
    await fc.assert(
      fc.asyncProperty(huge, async (source) => {
        const nb: Notebook = { title: 'big', cells: [{ id: 'a', kind: 'code', source }], files: [] };
        await expectRoundTrip(nb);
      }),
      { numRuns: 6 },
    );
  });

  it('reads a hand-written format-1 link (the format is pinned)', async () => {
    const back = await decodeShareLink(await deflateLink(formatOneJson(sample)), findRecipe);
    if (!back.ok) throw new Error(back.message);
    expect(shape(back.notebook)).toEqual(shape(sample));
  });
});

describe('share links: deflate measured against lz-string, the shorter kept', () => {
  it('writes whichever of deflate and lz-string is shorter (lz-string only up to its read limit)', async () => {
    let lzWins = 0;
    let deflateWins = 0;
    await fc.assert(
      fc.asyncProperty(notebook, async (nb) => {
        const link = await encodeShareLink(nb, versions);
        const lz = LZString.compressToEncodedURIComponent(formatOneJson(nb));
        const deflate = await deflateLink(formatOneJson(nb));
        const best = lz.length + 1 < deflate.length && lz.length <= MAX_LZ_PAYLOAD ? `l${lz}` : deflate;
        expect(link).toBe(best);
        if (link.startsWith('l')) lzWins++;
        else deflateWins++;
      }),
      { numRuns: 60 },
    );
    // Both schemes are in use, so both are exercised by the round-trip properties above. Random
    // notebooks did not always include one lz-string wins (1 run in about 4): a tiny one does.
    expect(lzWins + deflateWins).toBe(60);
    const tiny: Notebook = { title: 'T', cells: [{ id: 'a', kind: 'code', source: 'x = 1' }], files: [] };
    expect((await encodeShareLink(tiny, versions)).startsWith('l')).toBe(true);
    const big: Notebook = {
      ...sample,
      cells: Array.from({ length: 40 }, (_, i) => ({ id: `${i}`, kind: 'code' as const, source: `session.add(Node(name="n${i}", parent=root))\nsession.commit()` })),
    };
    const link = await encodeShareLink(big, versions);
    expect(link.startsWith('d')).toBe(true);
    expect(link.length).toBeLessThan(LZString.compressToEncodedURIComponent(formatOneJson(big)).length);
    expect((await encodeShareLink(sample, versions)).length).toBeLessThan(SHARE_LINK_WARN_LENGTH);
  });
});

describe('share links: bad links are refused with a message', () => {
  it('refuses random strings without throwing', async () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(fc.constantFrom('d', 'l', 'x'), fc.stringMatching(/^[A-Za-z0-9_$+-]{0,200}$/)).map(([s, b]) => s + b),
    );
    await fc.assert(
      fc.asyncProperty(anyString, async (payload) => {
        const result = await decodeShareLink(payload);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/^This share link .+\./);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every truncation of a valid link', async () => {
    for (const form of [await encodeShareLink(sample, versions)]) {
      for (let length = 0; length < form.length; length++) {
        const result = await decodeShareLink(form.slice(0, length));
        expect(result, `prefix of ${length} of ${form.length}`).toMatchObject({ ok: false });
        if (!result.ok) expect(result.message).toMatch(length <= 1 ? /no notebook|malformed|damaged/ : /incomplete or damaged|malformed/);
      }
    }
  });

  it('refuses a link with a character changed', async () => {
    const link = await encodeShareLink(sample, versions);
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    await expectRefused(flip(link, 5), /incomplete or damaged|does not hold/);
    // The spare bits of the last character are checked too.
    await expectRefused(`${link.slice(0, -1)}${link.length % 4 === 1 ? '' : '_'}`, /malformed|damaged/);
    // Any single change never throws (some still decode: the format has no checksum).
    for (let at = 1; at < link.length; at++) expect(typeof (await decodeShareLink(flip(link, at))).ok).toBe('boolean');
  });

  it('refuses an unknown scheme letter and foreign characters', async () => {
    await expectRefused('', /no notebook/);
    const link = await encodeShareLink(sample, versions);
    await expectRefused(`x${link.slice(1)}`, /does not start the way/);
    await expectRefused('dabc!def', /malformed/);
    await expectRefused('labc_def', /malformed/);
  });

  it('refuses an unknown format version, telling the reader to update', async () => {
    const json = JSON.stringify({ v: 2, py: '3.13', sa: '2.0', t: 'x', c: [] });
    await expectRefused(await deflateLink(json), /format 2.*reads format 1.*Reload/);
  });

  it('refuses valid JSON of the wrong shape, naming what is wrong', async () => {
    const link = (data: unknown) => deflateLink(JSON.stringify(data));
    const good = JSON.parse(formatOneJson(sample)) as Record<string, unknown>;
    await expectRefused(await link([1, 2, 3]), /no format version/);
    await expectRefused(await link('hello'), /no format version/);
    await expectRefused(await link({ ...good, py: 3 }), /Python or SQLAlchemy version/);
    await expectRefused(await link({ ...good, t: null }), /title/);
    await expectRefused(await link({ ...good, c: {} }), /cells are missing/);
    await expectRefused(await link({ ...good, c: [['code', 'x'], ['raw', 'y']] }), /cell 2 is not/);
    await expectRefused(await link({ ...good, c: [['code']] }), /cell 1 is not/);
    await expectRefused(await link({ ...good, f: [['../../etc/passwd', 'x']] }), /file 1 is not a relative path/);
    await expectRefused(await link({ ...good, f: [['/abs.py', 'x']] }), /file 1/);
    await expectRefused(await link({ ...good, r: 'Not A Slug' }), /recipe name/);
    await expectRefused(await deflateLink('{"v":1,'), /damaged/);
  });

  it('refuses a deflate bomb (50 MB of zeros) at the cap without inflating it', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const zeros = new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull(controller) {
        if (sent++ < 50) controller.enqueue(chunk.slice());
        else controller.close();
      },
    });
    const bomb = new Uint8Array(await new Response(zeros.pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    expect(bomb.length).toBeLessThan(100_000);
    await expectRefused(`d${base64url(bomb)}`, new RegExp(`larger than ${MAX_SHARED_NOTEBOOK_BYTES / 1024 / 1024} MB`));
  });

  it('reads lz-string links only up to their limit, and refuses what they decompress past the cap', async () => {
    // 2.2 million repeated characters: lz-string writes them in under 4,096 characters.
    const huge = LZString.compressToEncodedURIComponent(`{"v":1,"t":"${'x'.repeat(2_200_000)}"}`);
    expect(huge.length).toBeLessThanOrEqual(MAX_LZ_PAYLOAD);
    await expectRefused(`l${huge}`, /larger than 2 MB/);
    await expectRefused(`l${'A'.repeat(MAX_LZ_PAYLOAD + 1)}`, /longer than Retort writes/);
    await expectRefused('l', /damaged/);
    await expectRefused(`l${LZString.compressToEncodedURIComponent('{"v":1,').slice(0, 6)}`, /damaged/);
  }, 30_000);

  it('refuses a link longer than any notebook it may hold before decoding it', async () => {
    await expectRefused(`d${'A'.repeat(4 * MAX_SHARED_NOTEBOOK_BYTES + 4)}`, /larger than/);
  });
});

describe('the hash Share copies', () => {
  const shipped: Notebook = { ...sample, cells: sample.cells.map((c) => ({ ...c, id: `shipped-${c.id}` })) };

  it('names the recipe when the notebook is the shipped recipe unchanged (cell ids aside)', async () => {
    expect(await shareHashFor(sample, shipped, () => Promise.reject(new Error('versions are not needed to name a recipe')))).toEqual({ hash: '#/recipe/adjacency-list', unchanged: true });
  });

  it('carries the notebook when one character of a cell, the title or a file differs', async () => {
    const edits: Notebook[] = [
      { ...sample, cells: sample.cells.map((c, i) => (i === 1 ? { ...c, source: `${c.source} ` } : c)) },
      { ...sample, title: `${sample.title}!` },
      { ...sample, files: [] },
      { ...sample, cells: sample.cells.map((c, i) => (i === 2 ? { ...c, kind: 'markdown' as const } : c)) },
    ];
    for (const edited of edits) {
      const { hash, unchanged } = await shareHashFor(edited, shipped, async () => versions);
      expect(unchanged).toBe(false);
      expect(hash.startsWith('#/shared/d')).toBe(true);
      const decoded = await decodeShareLink(hash.slice('#/shared/'.length), findRecipe);
      expect(decoded.ok && shape(decoded.notebook)).toEqual(shape(edited));
    }
  });

  it('carries the notebook when there is no shipped recipe to name', async () => {
    const { hash, unchanged } = await shareHashFor({ ...sample, recipe: undefined }, undefined, async () => versions);
    expect(unchanged).toBe(false);
    expect(hash).toMatch(/^#\/shared\/d[A-Za-z0-9_-]+$/);
  });
});
