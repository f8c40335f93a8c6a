// Share links: a whole notebook carried in the URL fragment (`#/shared/<payload>`), so sharing
// needs no server. Pure: no DOM beyond the platform's CompressionStream, no storage.
//
// Payload = one scheme letter + the compressed notebook, whichever of two is shorter:
//   `d` = deflate-raw (the platform's CompressionStream), base64url without padding: shorter for
//         larger notebooks, and decompressed under a hard cap;
//   `l` = lz-string's URI-safe form: shorter for small notebooks. Its decoder cannot be capped
//         while it runs and its output can grow with the square of its input, so `l` links are
//         only written and read up to MAX_LZ_PAYLOAD characters, which bounds the output near 3 MB.
// Inside is compact JSON, format 1:
//   {"v":1,"py":python,"sa":sqlalchemy,"t":title,"c":[[kind,source],...],"f":[[path,content],...],"r":slug}
// `f` is left out when there are no files and `r` when the notebook is not from a recipe.
// Whoever opens a link runs someone else's code, so decoding trusts nothing: every failure is a
// message, never an exception, and the decompressed size is capped while decompressing.
import LZString from 'lz-string';
import { makeCell, type CellKind, type Notebook, type NotebookFile, type RecipeMeta } from './notebook.ts';

/** The format version written into new links; links with another version are refused. */
export const SHARE_FORMAT_VERSION = 1;
/** Past this many characters chat tools and mail clients start cutting links; the UI warns. */
export const SHARE_LINK_WARN_LENGTH = 2000;
/** The largest notebook a link may decompress to (bytes of JSON). */
export const MAX_SHARED_NOTEBOOK_BYTES = 2 * 1024 * 1024;
/** The longest lz-string payload written or read: 4,096 characters decode to at most about 3 MB. */
export const MAX_LZ_PAYLOAD = 4096;

/** The Python and SQLAlchemy versions a shared notebook was made with. */
export interface ShareVersions {
  python: string;
  sqlalchemy: string;
}

export type DecodeResult =
  | {
      ok: true;
      /** Cells have fresh ids. `recipe` is set only when `findRecipe` knows the slug. */
      notebook: Notebook;
      versions: ShareVersions;
      formatVersion: number;
      /** The recipe the notebook is a variant of, as named in the link (known here or not). */
      recipeSlug?: string;
    }
  | { ok: false; message: string };

interface ShareJson {
  v: number;
  py: string;
  sa: string;
  t: string;
  c: [CellKind, string][];
  f?: [string, string][];
  r?: string;
}

const RESEND = 'Ask the sender to copy the whole link again, or to send the notebook as a file.';

function toJson(notebook: Notebook, versions: ShareVersions): string {
  const data: ShareJson = {
    v: SHARE_FORMAT_VERSION,
    py: versions.python,
    sa: versions.sqlalchemy,
    t: notebook.title,
    c: notebook.cells.map((cell) => [cell.kind, cell.source]),
  };
  if (notebook.files.length > 0) data.f = notebook.files.map((file) => [file.path, file.content]);
  if (notebook.recipe) data.r = notebook.recipe.slug;
  return JSON.stringify(data);
}

/** The payload for `#/shared/<payload>`. */
export async function encodeShareLink(notebook: Notebook, versions: ShareVersions): Promise<string> {
  const json = toJson(notebook, versions);
  const deflated = await collect(through(new TextEncoder().encode(json), new CompressionStream('deflate-raw')), Infinity);
  if (typeof deflated === 'string') throw new Error('CompressionStream failed'); // cannot happen: no cap, valid input
  const d = `d${toBase64url(deflated)}`;
  // lz-string only where it wins, which is for small notebooks, well under its read limit.
  const lz = LZString.compressToEncodedURIComponent(json);
  return lz.length < d.length - 1 && lz.length <= MAX_LZ_PAYLOAD ? `l${lz}` : d;
}

/** True when two notebooks hold the same text: title, cells (kind and source, not ids) and files. */
export function sameText(a: Notebook, b: Notebook): boolean {
  const text = (n: Notebook): string => JSON.stringify([n.title, n.cells.map((c) => [c.kind, c.source]), n.files.map((f) => [f.path, f.content])]);
  return text(a) === text(b);
}

/**
 * The hash that opens `notebook` elsewhere: `#/recipe/<slug>` when it is the shipped recipe
 * (`shipped`) unchanged, so the link stays short and follows later fixes to the recipe;
 * otherwise the whole notebook, `#/shared/<payload>`.
 */
export async function shareHashFor(
  notebook: Notebook,
  shipped: Notebook | undefined,
  /** Asked only when the link carries the notebook (they may have to wait for Python to start). */
  versions: () => Promise<ShareVersions>,
): Promise<{ hash: string; unchanged: boolean }> {
  if (shipped?.recipe && sameText(notebook, shipped)) return { hash: `#/recipe/${shipped.recipe.slug}`, unchanged: true };
  return { hash: `#/shared/${await encodeShareLink(notebook, await versions())}`, unchanged: false };
}

/**
 * Read a payload back. Never throws; every refusal says what was wrong and what to do.
 * `findRecipe` maps the link's recipe slug to this catalog's metadata, when the caller has one.
 */
export async function decodeShareLink(
  payload: string,
  findRecipe?: (slug: string) => RecipeMeta | undefined,
): Promise<DecodeResult> {
  try {
    return await decode(payload, findRecipe);
  } catch {
    // Belt and braces: the steps below report their own failures; nothing should reach here.
    return { ok: false, message: `This share link could not be read. ${RESEND}` };
  }
}

async function decode(payload: string, findRecipe?: (slug: string) => RecipeMeta | undefined): Promise<DecodeResult> {
  const fail = (message: string): DecodeResult => ({ ok: false, message });
  const scheme = payload.charAt(0);
  const body = payload.slice(1);
  if (payload === '') return fail(`This share link has no notebook in it. ${RESEND}`);
  // A link is never legitimately larger than what it may decompress to (deflate plus base64
  // expands incompressible text by well under 2x); refuse early rather than decode megabytes.
  if (payload.length > 2 * MAX_SHARED_NOTEBOOK_BYTES) return fail(tooLarge());

  let json: string;
  if (scheme === 'd') {
    if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1)
      return fail(`This share link is malformed: it contains characters or a length a share link never has. ${RESEND}`);
    const bytes = fromBase64url(body);
    // Spare bits in the last character must be zero; otherwise the link was altered.
    if (toBase64url(bytes) !== body) return fail(`This share link is malformed: its last character was altered. ${RESEND}`);
    const inflated = await collect(through(bytes, new DecompressionStream('deflate-raw')), MAX_SHARED_NOTEBOOK_BYTES);
    if (inflated === 'too-large') return fail(tooLarge());
    if (inflated === 'corrupt') return fail(damaged());
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return fail(damaged());
    }
  } else if (scheme === 'l') {
    if (!/^[A-Za-z0-9+$-]*$/.test(body))
      return fail(`This share link is malformed: it contains characters a share link never has. ${RESEND}`);
    if (body.length > MAX_LZ_PAYLOAD) return fail(`This share link is malformed: it is longer than Retort writes links of this kind. ${RESEND}`);
    let text: string | null;
    try {
      text = LZString.decompressFromEncodedURIComponent(body);
    } catch {
      text = null;
    }
    if (!text) return fail(damaged());
    if (new TextEncoder().encode(text).length > MAX_SHARED_NOTEBOOK_BYTES) return fail(tooLarge());
    json = text;
  } else {
    return fail(
      `This share link is malformed: it does not start the way Retort's share links do ("d" or "l"). ` +
        `It may come from a newer version of Retort; reload the page to update, or ask for the notebook as a file.`,
    );
  }

  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail(damaged());
  }
  if (!isRecord(data) || typeof data.v !== 'number') return fail(notNotebook('it has no format version'));
  if (data.v !== SHARE_FORMAT_VERSION)
    return fail(
      `This share link uses format ${data.v}, and this version of Retort reads format ${SHARE_FORMAT_VERSION}. ` +
        `Reload the page to update Retort, or ask the sender for the notebook as a file.`,
    );
  return readNotebook(data, findRecipe);
}

function readNotebook(data: Record<string, unknown>, findRecipe?: (slug: string) => RecipeMeta | undefined): DecodeResult {
  const fail = (why: string): DecodeResult => ({ ok: false, message: notNotebook(why) });
  if (typeof data.py !== 'string' || typeof data.sa !== 'string') return fail('the Python or SQLAlchemy version is missing');
  if (typeof data.t !== 'string') return fail('the title is missing');
  if (!Array.isArray(data.c)) return fail('the cells are missing');
  const cells = [];
  for (const [i, pair] of data.c.entries()) {
    if (!isPair(pair) || (pair[0] !== 'code' && pair[0] !== 'markdown'))
      return fail(`cell ${i + 1} is not a code or Markdown cell with text`);
    cells.push(makeCell(pair[0], pair[1]));
  }
  const files: NotebookFile[] = [];
  if (data.f !== undefined) {
    if (!Array.isArray(data.f)) return fail('the files are not a list');
    for (const [i, pair] of data.f.entries()) {
      if (!isPair(pair) || !isRelativePath(pair[0])) return fail(`file ${i + 1} is not a relative path with text`);
      files.push({ path: pair[0], content: pair[1] });
    }
  }
  if (data.r !== undefined && (typeof data.r !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(data.r)))
    return fail('the recipe name is malformed');
  const notebook: Notebook = { title: data.t, cells, files };
  const recipe = data.r === undefined ? undefined : findRecipe?.(data.r);
  if (recipe) notebook.recipe = recipe;
  return {
    ok: true,
    notebook,
    versions: { python: data.py, sqlalchemy: data.sa },
    formatVersion: data.v as number,
    ...(data.r === undefined ? {} : { recipeSlug: data.r }),
  };
}

const tooLarge = (): string =>
  `This share link holds a notebook larger than ${MAX_SHARED_NOTEBOOK_BYTES / 1024 / 1024} MB, more than Retort opens from a link. ` +
  `Ask the sender for the notebook as a file.`;
const damaged = (): string =>
  `This share link is incomplete or damaged: its notebook does not decompress. Chat tools and mail often cut long links short. ${RESEND}`;
const notNotebook = (why: string): string => `This share link does not hold a Retort notebook: ${why}. ${RESEND}`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

/** `a/b.py`: relative, `/`-separated, no empty, `.` or `..` segments, so a link cannot aim files elsewhere. */
function isRelativePath(path: string): boolean {
  return path !== '' && !path.includes('\\') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** Bytes through a (de)compressor, as a stream read by `collect`. */
function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
}

/** Read a stream to the end, stopping (and cancelling it) as soon as it passes `max` bytes. */
async function collect(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | 'too-large' | 'corrupt'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'corrupt';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...bytes) overflows the call stack on large arrays.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decode base64url already checked against the alphabet and length. */
function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
