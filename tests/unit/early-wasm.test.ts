// The worker compiles Pyodide's wasm as soon as it is downloaded (src/runtime/early-wasm.ts): the
// instantiate Pyodide calls later gets that module, and everything else behaves as before.
import { describe, expect, it, vi } from 'vitest';
import { compilingFetch, earlyInstantiateStreaming } from '../../src/runtime/early-wasm.ts';

/** The smallest valid module: the magic number and version 1, no sections. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const wasm = (bytes: Uint8Array<ArrayBuffer>): Response => new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } });
const PYODIDE = 'http://site/python/0123456789abcdef/pyodide.asm.wasm';

function setUp(bytes: Uint8Array<ArrayBuffer>) {
  const network = vi.fn(async () => wasm(bytes));
  const original = vi.fn(async (source: Response | PromiseLike<Response>, imports?: WebAssembly.Imports) =>
    WebAssembly.instantiateStreaming(source, imports),
  );
  const fetchAgain = vi.fn(async () => wasm(EMPTY_MODULE));
  return { fetch: compilingFetch(network), instantiate: earlyInstantiateStreaming(original, fetchAgain), network, original, fetchAgain };
}

describe('compiling Pyodide’s wasm early', () => {
  it('instantiates the module compiled from the download, without compiling it again', async () => {
    const { fetch, instantiate, original, network } = setUp(EMPTY_MODULE);
    const response = fetch(PYODIDE);
    const { module, instance } = await instantiate(response, {});
    expect(module).toBeInstanceOf(WebAssembly.Module);
    expect(instance).toBeInstanceOf(WebAssembly.Instance);
    expect(original).not.toHaveBeenCalled();
    expect(network).toHaveBeenCalledTimes(1);
    // The response's body went to the compiler: nobody else may read it.
    expect((await response).bodyUsed).toBe(true);
  });

  it('leaves other files alone', async () => {
    const { fetch, instantiate, original } = setUp(EMPTY_MODULE);
    const response = await fetch('http://site/python/0123456789abcdef/other.wasm');
    expect(response.bodyUsed).toBe(false);
    await instantiate(response, {});
    expect(original).toHaveBeenCalledTimes(1);
  });

  it('fetches again and instantiates the usual way when the early compile failed', async () => {
    const { fetch, instantiate, original, fetchAgain } = setUp(new Uint8Array([1, 2, 3, 4]));
    const { instance } = await instantiate(fetch(PYODIDE), {});
    expect(instance).toBeInstanceOf(WebAssembly.Instance);
    expect(fetchAgain).toHaveBeenCalledWith(PYODIDE);
    expect(original).toHaveBeenCalledTimes(1);
  });

  describe('when Pyodide’s wasm cannot be had', () => {
    /** A response as from the network: a Response made here has no URL of its own. */
    const from = (url: string, response: Response): Response => Object.defineProperty(response, 'url', { value: url });

    it('tells the start, which Pyodide would leave waiting, and still rejects', async () => {
      const failed = vi.fn();
      const instantiate = earlyInstantiateStreaming(WebAssembly.instantiateStreaming.bind(WebAssembly), vi.fn(), failed);
      const down = from(PYODIDE, new Response('Service Unavailable', { status: 503 }));
      await expect(instantiate(down, {})).rejects.toThrow();
      expect(failed).toHaveBeenCalledTimes(1);
      // No connection at all: the download itself rejects.
      await expect(instantiate(Promise.reject(new TypeError('Failed to fetch')), {})).rejects.toThrow('Failed to fetch');
      expect(failed).toHaveBeenCalledTimes(2);
    });

    it('says nothing of other modules, or of one that instantiates', async () => {
      const failed = vi.fn();
      const instantiate = earlyInstantiateStreaming(WebAssembly.instantiateStreaming.bind(WebAssembly), vi.fn(), failed);
      await expect(instantiate(from('http://site/other.wasm', new Response('nope', { status: 404 })), {})).rejects.toThrow();
      await instantiate(from(PYODIDE, wasm(EMPTY_MODULE)), {});
      expect(failed).not.toHaveBeenCalled();
    });
  });
});
