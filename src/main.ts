// App entry: start Python at once (it loads in the background) and hand it to the shell.
import { RuntimeClient } from './client/runtime-client.ts';
import './components/retort-app.ts';
import { restoreTheme } from './components/theme.ts';

restoreTheme();
const app = document.querySelector('retort-app');
const runtime = new RuntimeClient();
if (app) app.runtime = runtime;

// The offline cache is filled once Python is up and the first cells have run, so it never
// competes with the first start or the first results.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void runtime
    .quiet(1000)
    // The browser's own registration is enough: the worker vite-plugin-pwa generates never skips
    // waiting, so a new deployment takes over on a later visit, whole (workbox-window adds 3 KB
    // of JavaScript for prompts this app does not show).
    .then(() => navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' }))
    .catch((error: unknown) => console.warn('Offline use is unavailable:', error));
}
