// Compiles Pyodide's WebAssembly (pyodide.asm.wasm) as soon as its bytes arrive, instead of when Pyodide asks for it.
// Pyodide starts downloading pyodide.asm.wasm at once but compiles it only after the memory
// snapshot has been read, so on a start from the snapshot the two run one after the other. Here
// the worker's `fetch` hands that file's response to the streaming compiler at once, and
// `WebAssembly.instantiateStreaming` is given that compiled module when it is called with the same
// response: compiling then overlaps reading the snapshot. Any other use of these functions
// behaves as before.

type Fetch = typeof fetch;
type InstantiateStreaming = typeof WebAssembly.instantiateStreaming;

const compiling = new WeakMap<Response, { url: string; module: Promise<WebAssembly.Module> }>();

const PYODIDE_WASM = /\/pyodide\.asm\.wasm(?:[?#]|$)/;

/** `fetch`, starting to compile Pyodide's WebAssembly as it arrives; other responses are untouched. */
export function compilingFetch(network: Fetch): Fetch {
  return async (input, init) => {
    const response = await network(input, init);
    const url = response.url || (input instanceof Request ? input.url : String(input));
    if (response.ok && PYODIDE_WASM.test(url)) {
      const module = WebAssembly.compileStreaming(response);
      module.catch(() => {}); // reported by the instantiate that awaits it
      compiling.set(response, { url, module });
    }
    return response;
  };
}

/**
 * `WebAssembly.instantiateStreaming` that instantiates the module already compiling for a response
 * from `compilingFetch`. When that compile failed (a server sending the wrong MIME type, say), the
 * file is fetched again and instantiated the usual way, which reports the error as it would have.
 * When Pyodide's WebAssembly cannot be instantiated at all, `failed` is told as well as the caller:
 * Pyodide 314 only logs that error, and its start then waits for ever.
 */
export function earlyInstantiateStreaming(original: InstantiateStreaming, fetchAgain: Fetch, failed: (error: unknown) => void = () => {}): InstantiateStreaming {
  const instantiate: InstantiateStreaming = async (source, imports) => {
    const response = await source;
    const early = compiling.get(response);
    if (!early) return original(response, imports);
    compiling.delete(response);
    let module: WebAssembly.Module;
    try {
      module = await early.module;
    } catch {
      return original(fetchAgain(early.url), imports);
    }
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return async (source, imports) => {
    try {
      return await instantiate(source, imports);
    } catch (error) {
      // A download that failed outright leaves no URL to check: Pyodide's is the one fetched here.
      const url = await Promise.resolve(source).then((response) => response.url, () => undefined);
      if (url === undefined || PYODIDE_WASM.test(url)) failed(error);
      throw error;
    }
  };
}
