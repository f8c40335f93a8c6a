// App entry: start Python first (it loads in a worker in the background), then load the shell.
// The shell is imported after the worker is made, not before: evaluating the app's modules takes
// the page a moment, and the worker's start should not wait for it.
import { RuntimeClient } from './client/runtime-client.ts';
import { restoreTheme } from './components/theme.ts';

restoreTheme();
const runtime = new RuntimeClient();

await import('./components/retort-app.ts');
const app = document.querySelector('retort-app');
if (app) app.runtime = runtime;

// The offline cache is filled once Python is up, so it never competes with the first start.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void runtime
    .ready()
    // The browser's own registration is enough: the worker vite-plugin-pwa generates never skips
    // waiting, so a new deployment takes over on a later visit, whole (workbox-window adds 3 KB
    // of JavaScript for prompts this app does not show).
    .then(() => navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' }))
    .catch((error: unknown) => console.warn('Offline use is unavailable:', error));
}
