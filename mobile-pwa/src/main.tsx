/** The PWA's page: starts the engine worker, renders the shared app over it, and registers the service worker. */

import { registerSW } from 'virtual:pwa-register';
import './zod-without-eval.ts';
import { renderApp } from '@mak/shared/app';
import { engineClient, type HostToUi } from '@mak/shared/engine';
import { bootScreen } from './boot-screen.ts';
import type { PageToWorker, WorkerToPage } from './worker-protocol.ts';

const root = document.getElementById('root');
const bootElement = document.getElementById('boot');
if (!root || !bootElement) throw new Error('index.html lacks #root or #boot');
const screen = bootScreen(bootElement);
screen.loading();

const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
  type: 'module',
  name: 'mak-engine',
});
const send = (message: PageToWorker) => worker.postMessage(message);
let receiveEngine: ((message: HostToUi) => void) | null = null;
let rendered = false;

worker.addEventListener('message', (event: MessageEvent<WorkerToPage>) => {
  const message = event.data;
  if ('engine' in message) {
    receiveEngine?.(message.engine);
    return;
  }
  const { boot } = message;
  if (boot.state === 'waiting-for-other-tab') screen.otherTab();
  else if (boot.state === 'failed') screen.failed(boot.message, () => send({ control: 'reset-local-data' }));
  else if (boot.state === 'reset-done') location.reload();
  else if (rendered) screen.hide();
});
worker.addEventListener('error', (event) => {
  screen.failed(event.message || 'engine worker error', () => send({ control: 'reset-local-data' }));
});

const engine = engineClient({
  post: (message) => send({ engine: message }),
  listen: (receive) => {
    receiveEngine = receive;
  },
});
addEventListener('online', () => send({ control: 'network-back' }));
// A handle for the browser console and the browser tests (sync-server/src/app-e2e): the same engine the UI uses.
Object.assign(globalThis, { makEngine: engine });

void renderApp(root, engine, { kind: 'web', fixedServerUrl: location.origin }).then(() => {
  rendered = true;
  screen.hide();
});

if (import.meta.env.PROD) registerSW({ immediate: true });
