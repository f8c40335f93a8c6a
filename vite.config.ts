import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { recipeCatalog } from './scripts/vite/recipe-catalog.ts';
import { PYTHON_DIR, pythonManifestModule, versionedPython } from './scripts/vite/python-files.ts';
import { binaryTypes } from './scripts/vite/binary-types.ts';
import { precompressed } from './scripts/vite/precompressed.ts';

// Cross-origin isolation gives the worker SharedArrayBuffer: Stop then interrupts a running cell
// with KeyboardInterrupt instead of killing the worker, and time.sleep() can really block.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const publicDir = fileURLToPath(new URL('public', import.meta.url));

export default defineConfig({
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
  // The Python worker is told at build time where its files are (virtual:retort/python-manifest).
  // Its chunks (the snapshot's decoder) are named as its own: `worker-*` is the runtime's script, not
  // the page's (the bench counts the page's JavaScript against its budget).
  worker: {
    format: 'es',
    plugins: () => [pythonManifestModule(publicDir)],
    rolldownOptions: { output: { chunkFileNames: 'assets/worker-[name]-[hash].js' } },
  },
  optimizeDeps: { exclude: ['pyodide'] },
  // RETORT_DIST lets two builds (a bench and a test run, say) share one checkout.
  build: { target: 'es2022', sourcemap: true, outDir: process.env.RETORT_DIST ?? 'dist' },
  plugins: [
    // The catalog's metadata in the page; each recipe's text a JSON file fetched when it is opened.
    // RETORT_RECIPES_DIR builds from another folder (the deployment test's second build).
    recipeCatalog(process.env.RETORT_RECIPES_DIR ?? fileURLToPath(new URL('recipes', import.meta.url))),
    // Pyodide, the wheels and the snapshot under python/<content hash>/, kept by the worker itself.
    versionedPython(publicDir),
    // The dev server serves the worker through these plugins, not worker.plugins.
    pythonManifestModule(publicDir),
    // The gzipped bundles and the wheels sent as binary, so the servers do not compress them again.
    binaryTypes(),
    // Brotli and gzip copies of the text and WebAssembly files, sent by the preview server as
    // static hosts send precompressed files: smaller downloads, and no compressing per request.
    precompressed(),
    // A service worker that precaches the app and every recipe, so a second visit needs no network
    // and the app works offline. Files are versioned by content: a new deployment installs beside
    // the old one and takes over on the next visit, never a mix. Pyodide, the wheels and the
    // snapshot are not in its list: the worker keeps them as it downloads them
    // (src/runtime/python-cache.ts), so they are downloaded once, not again by this install. Only
    // pyodide.asm.mjs, which Pyodide imports rather than fetches, is precached.
    VitePWA({
      injectRegister: null, // registered from main.ts once Python is ready, off the start-up path
      registerType: 'prompt',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,mjs,json}'],
        globIgnores: ['**/*.map', '**/*.br', '**/*.gz', `${PYTHON_DIR}/*/!(pyodide.asm.mjs)`],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Names that change with their content need no cache-busting: the install then reuses
        // what the page has just fetched (HTTP cache) instead of downloading it again.
        dontCacheBustURLsMatching: new RegExp(`^(assets|recipes|${PYTHON_DIR})/`),
      },
    }),
  ],
});
