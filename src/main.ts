// App entry: start Python at once (it loads in the background) and hand it to the shell.
import { RuntimeClient } from './client/runtime-client.ts';
import './components/retort-app.ts';
import { restoreTheme } from './components/theme.ts';

restoreTheme();
const app = document.querySelector('retort-app');
const runtime = new RuntimeClient();
if (app) app.runtime = runtime;

// The offline cache is filled once Python is up, so it never competes with the first start.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void runtime
    .ready()
    .then(() => import('virtual:pwa-register'))
    .then(({ registerSW }) => registerSW({ immediate: true }))
    .catch((error: unknown) => console.warn('Offline use is unavailable:', error));
}
