import { defineConfig } from 'vite';

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
  build: { target: 'es2022', sourcemap: true },
});
