/**
 * The Electron main process: one window, the renderer served from app://mak/, and the replica engine running here
 * (PGlite on disk in userData). Kept thin on purpose: the logic lives in the plain modules next to it, tested in Node.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { type DesktopPlatformInfo, IPC_CHANNELS } from '../ipc-contract.ts';
import { serveAppRequest } from './app-protocol.ts';
import { createDesktopEngine } from './desktop-engine.ts';
import { createEngineConnections } from './engine-connections.ts';
import { watchNetwork } from './network-watch.ts';
import type { TokenSealer } from './session-store.ts';
import { APP_ENTRY_URL, APP_SCHEME, externalTarget, isAppUrl, mainWindowOptions } from './window-options.ts';

const log = (message: string, detail?: unknown) =>
  console.error(
    `[mak] ${message}`,
    detail instanceof Error ? (detail.stack ?? detail.message) : (detail ?? ''),
  );

// pglite-sync starts its apply transaction without awaiting it: a failed apply surfaces only here (replica README).
process.on('unhandledRejection', (reason) => log('unhandled rejection', reason));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } },
]);
app.enableSandbox();

// PGlite corrupts a data folder opened by two processes: a second launch only focuses the first one's window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start, (err) => {
    log('start failed', err);
    app.exit(1);
  });
}

const electronSealer: TokenSealer = {
  available: () => safeStorage.isEncryptionAvailable(),
  seal: (plain) => safeStorage.encryptString(plain),
  open: (sealed) => safeStorage.decryptString(sealed),
};

function openOutside(url: string) {
  const target = externalTarget(url);
  if (target) void shell.openExternal(target);
}

async function start() {
  const rendererDir = path.join(__dirname, 'renderer');
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The renderer never talks to the network (the CSP says so too); the engine's requests use Node's fetch.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_d, cb) =>
    cb({ cancel: true }),
  );
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));

  const { host, sessions } = createDesktopEngine({
    userDataDir: app.getPath('userData'),
    sealer: electronSealer,
  });
  // The window opens at once; the engine's messages wait until the stored session's replica is open (the first
  // start creates the database, which takes seconds), so the app's first session() already sees it.
  const started = host.start().then(
    () => {},
    (err) => log('could not open the stored session’s replica', err),
  );
  const connections = createEngineConnections(host.engine, (pageId) =>
    log(`dropped an invalid engine message from page ${pageId}`),
  );
  const network = watchNetwork({ isOnline: () => net.isOnline(), onBack: () => host.networkBack() });
  powerMonitor.on('resume', () => network.poke());

  let window: BrowserWindow | null = null;
  /** Only the app's own page, in its main frame, may speak to the engine. */
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent) =>
    window !== null &&
    !window.isDestroyed() &&
    event.sender.id === window.webContents.id &&
    event.senderFrame !== null &&
    event.senderFrame.parent === null &&
    isAppUrl(event.senderFrame.url);

  ipcMain.handle(IPC_CHANNELS.platform, async (event): Promise<DesktopPlatformInfo> => {
    if (!trusted(event)) throw new Error('untrusted sender');
    return { lastServerUrl: await sessions.lastServerUrl(), version: app.getVersion() };
  });
  // The sender is checked when a message arrives; delivery then queues behind the start, in arrival order.
  ipcMain.on(IPC_CHANNELS.engineConnect, (event) => {
    if (!trusted(event)) return;
    const contents = event.sender;
    void started.then(() =>
      connections.connect(contents.id, (message) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.engineToUi, message);
      }),
    );
  });
  ipcMain.on(IPC_CHANNELS.engineToHost, (event, raw: unknown) => {
    if (!trusted(event)) return;
    const pageId = event.sender.id;
    void started.then(() => connections.receive(pageId, raw));
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openOutside(url);
      return { action: 'deny' };
    });
    const stayInApp = (e: Electron.Event<{ url: string }>) => {
      if (isAppUrl(e.url)) return;
      e.preventDefault();
      openOutside(e.url);
    };
    contents.on('will-navigate', stayInApp);
    contents.on('will-redirect', stayInApp);
  });

  const openWindow = () => {
    const opened = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
    const contentsId = opened.webContents.id;
    opened.once('ready-to-show', () => opened.show());
    opened.webContents.on('render-process-gone', () => connections.disconnect(contentsId));
    opened.on('closed', () => {
      connections.disconnect(contentsId);
      if (window === opened) window = null;
    });
    window = opened;
    void opened.loadURL(APP_ENTRY_URL);
  };
  openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => app.quit());

  // The replica must be closed (its WAL flushed) before the process ends.
  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    network.stop();
    started
      .then(() => {
        connections.closeAll();
        return host.close();
      })
      .catch((err) => log('closing the replica failed', err))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
}
