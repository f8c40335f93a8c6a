// App entry: start Python at once (it loads in the background) and hand it to the shell.
import { RuntimeClient } from './client/runtime-client.ts';
import './components/retort-app.ts';
import { restoreTheme } from './components/theme.ts';

restoreTheme();
const app = document.querySelector('retort-app');
if (app) app.runtime = new RuntimeClient();
