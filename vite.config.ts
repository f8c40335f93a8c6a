import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { recipeCatalog } from './scripts/vite/recipe-catalog.ts';

// Cross-origin isolation gives the worker SharedArrayBuffer: Stop then interrupts a running cell
// with KeyboardInterrupt instead of killing the worker, and time.sleep() can really block.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['pyodide'] },
  // RETORT_DIST lets two builds (a bench and a test run, say) share one checkout.
  build: { target: 'es2022', sourcemap: true, outDir: process.env.RETORT_DIST ?? 'dist' },
  plugins: [
    // The catalog's metadata in the page; each recipe's text a JSON file fetched when it is opened.
    recipeCatalog(fileURLToPath(new URL('recipes', import.meta.url))),
    // A service worker that precaches the app, Pyodide, the wheels and the memory snapshot, so a
    // second visit needs no network and the app works offline. Files are versioned by content:
    // a new deployment installs beside the old one and takes over on the next visit, never a mix.
    VitePWA({
      injectRegister: null, // registered from main.ts once Python is ready, off the start-up path
      registerType: 'prompt',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,mjs,wasm,zip,json,whl,bin}'],
        globIgnores: ['**/*.map'],
        maximumFileSizeToCacheInBytes: 96 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Names with a content hash need no cache-busting: the install then reuses what the page
        // has just fetched (HTTP cache) instead of downloading it again.
        dontCacheBustURLsMatching: /^(assets|recipes)\//,
      },
    }),
  ],
});
