/** The renderer: the shared React app, its engine reached through the preload's bridge (window.mak). */
import './zod-without-eval.ts';
import { renderApp } from '@mak/shared/app';
import { engineClient } from '@mak/shared/engine';
import type { MakBridge } from '../ipc-contract.ts';

declare global {
  interface Window {
    mak: MakBridge;
  }
}

async function main() {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  const { mak } = window;
  const engine = engineClient({ post: (message) => mak.engine.post(message), listen: mak.engine.onMessage });
  const { lastServerUrl } = await mak.platform();
  await renderApp(root, engine, { kind: 'desktop', fixedServerUrl: null, lastServerUrl });
}

void main();
