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
});
