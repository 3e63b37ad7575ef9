/**
 * A stand-in for the `electron` module, bundled in its place by main-process.test.ts (the Electron binary is not
 * installed where tests run). It plays one session against the real main entry: app ready, a window, a page
 * speaking IPC (trusted and not), navigation attempts, the app:// handler, quit. What happened is printed as JSON.
 */
import { EventEmitter } from 'node:events';

type Listener = (event: unknown, ...args: unknown[]) => unknown;
const log: Record<string, unknown> = { sent: [], openedExternally: [], events: [] };
const note = (key: string, value: unknown) => (log[key] as unknown[]).push(value);

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: { url: string; parent: object | null } = { url: '', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, message: unknown) {
    note('sent', { channel, message });
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

const windows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  constructor(options: unknown) {
    super();
    log.windowOptions = options;
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string) {
    log.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
}

const ipcListeners = new Map<string, Listener>();
const ipcHandlers = new Map<string, Listener>();
export const ipcMain = {
  on(channel: string, listener: Listener) {
    ipcListeners.set(channel, listener);
  },
  handle(channel: string, handler: Listener) {
    ipcHandlers.set(channel, handler);
  },
};

let protocolHandler: ((request: Request) => Promise<Response>) | null = null;
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown) {
    log.privilegedSchemes = schemes;
  },
  handle(_scheme: string, handler: (request: Request) => Promise<Response>) {
    protocolHandler = handler;
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(
      handler: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void,
    ) {
      handler(null, 'geolocation', (ok) => {
        log.permissionGranted = ok;
      });
    },
    setPermissionCheckHandler(handler: () => boolean) {
      log.permissionCheck = handler();
    },
    webRequest: {
      onBeforeRequest(filter: { urls: string[] }, handler: (d: unknown, cb: (r: unknown) => void) => void) {
        handler({}, (answer) => {
          log.networkBlocked = { urls: filter.urls, answer };
        });
      },
    },
  },
};

export const shell = {
  async openExternal(url: string) {
    note('openedExternally', url);
  },
};
export const net = { isOnline: () => true };
export const powerMonitor = new EventEmitter();
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => Buffer.from(plain).reverse(),
  decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
};

let quitting = 0;
class FakeApp extends EventEmitter {
  sandboxed = false;
  enableSandbox() {
    this.sandboxed = true;
  }
  requestSingleInstanceLock() {
    return true;
  }
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`unexpected path ${name}`);
    return process.env.FAKE_USER_DATA as string;
  }
  getVersion() {
    return '0.1.0-test';
  }
  whenReady() {
    log.sandboxEnabledBeforeReady = this.sandboxed;
    log.schemesRegisteredBeforeReady = log.privilegedSchemes !== undefined;
    setTimeout(() => void play().catch(fail), 0);
    return Promise.resolve();
  }
  quit() {
    quitting++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    note('events', prevented ? 'quit deferred' : 'quit');
    if (!prevented) finish();
  }
  exit(code: number) {
    fail(new Error(`app.exit(${code})`));
  }
}
export const app = new FakeApp();

function finish() {
  log.quitCalls = quitting;
  process.stdout.write(JSON.stringify(log));
  process.exit(0);
}
function fail(err: unknown) {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exit(1);
}

// Generous: the first start creates the replica's database, which takes long on a busy machine.
const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 150_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

async function play() {
  await until(() => windows.length === 1 && Boolean(log.loadedUrl), 'the window');
  const contents = (windows[0] as BrowserWindow).webContents;
  const trusted = { sender: contents, senderFrame: contents.mainFrame };
  const stranger = new FakeWebContents();
  stranger.mainFrame.url = 'https://evil.example/';
  const untrusted = { sender: stranger, senderFrame: stranger.mainFrame };
  const subframe = {
    sender: contents,
    senderFrame: { url: 'app://mak/index.html', parent: contents.mainFrame },
  };
  const emit = (channel: string, event: unknown, ...args: unknown[]) =>
    ipcListeners.get(channel)?.(event, ...args);

  // IPC: a stranger is ignored; the app's page connects and calls; an invalid call is dropped, not answered.
  emit('mak:engine:connect', untrusted);
  emit('mak:engine:to-host', untrusted, { kind: 'call', id: 1, method: 'session', args: [] });
  emit('mak:engine:connect', subframe);
  emit('mak:engine:to-host', subframe, { kind: 'call', id: 1, method: 'session', args: [] });
  emit('mak:engine:connect', trusted);
  emit('mak:engine:to-host', trusted, { kind: 'call', id: 2, method: 'constructor', args: [] });
  emit('mak:engine:to-host', trusted, { kind: 'call', id: 3, method: 'session', args: [] });
  emit('mak:engine:to-host', trusted, { kind: 'call', id: 4, method: 'status', args: [] });
  emit('mak:engine:to-host', trusted, {
    kind: 'call',
    id: 5,
    method: 'mutate',
    args: ['client.create', { name: 'Записан без сети' }],
  });
  await until(() => (log.sent as unknown[]).length >= 3, 'the answers');
  await new Promise((r) => setTimeout(r, 100));
  const platform = ipcHandlers.get('mak:platform');
  log.platform = await platform?.(trusted);
  log.platformForStranger = await Promise.resolve()
    .then(() => platform?.(untrusted))
    .then(
      () => 'answered',
      (err: Error) => `refused: ${err.message}`,
    );

  // Navigation: the app's own pages only; web links leave for the system browser; file: goes nowhere.
  const navigate = (url: string) => {
    let prevented = false;
    contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  log.navigation = {
    inApp: navigate('app://mak/index.html#/clients'),
    external: navigate('https://evil.example/phish'),
    file: navigate('file:///etc/passwd'),
  };
  log.windowOpen = {
    web: contents.windowOpenHandler?.({ url: 'https://docs.example/help' }),
    file: contents.windowOpenHandler?.({ url: 'file:///etc/passwd' }),
  };
  let attachPrevented = false;
  contents.emit('will-attach-webview', { preventDefault: () => (attachPrevented = true) });
  log.webviewBlocked = attachPrevented;

  // The app:// handler.
  const page = await protocolHandler?.(new Request('app://mak/index.html'));
  log.protocol = {
    status: page?.status,
    csp: page?.headers.get('content-security-policy'),
    outside: (await protocolHandler?.(new Request('app://mak/%2e%2e/%2e%2e/package.json')))?.status,
  };

  app.quit();
}
