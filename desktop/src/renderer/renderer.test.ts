// The built renderer in headless Chromium under the app's own CSP, served as the app:// handler serves it, with a
// stand-in for the preload's bridge wired to the real desktop engine (Node) and a real sync-server. It catches a
// CSP the app cannot live with, and engine messages from the real UI that the main process would drop.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HostToUi, UiToHost } from '@mak/shared/engine';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../shared/src/replica/testing/replicas.ts';
import { startTestServer, type TestServer } from '../../../sync-server/src/testing/harness.ts';
import { makeWorld, type WorldUser } from '../../../sync-server/src/testing/world.ts';
import type { DesktopPlatformInfo } from '../ipc-contract.ts';
import { serveAppRequest } from '../main/app-protocol.ts';
import { createDesktopEngine, type DesktopEngine } from '../main/desktop-engine.ts';
import { createEngineConnections, type EngineConnections } from '../main/engine-connections.ts';
import { watchUnhandledRejections } from '../main/testing/known-leaks.ts';
import { testSealer } from '../main/testing/sealers.ts';

const CHROMIUM = '/usr/bin/chromium';
const desktopDir = path.resolve(import.meta.dirname, '../..');

/** Serves the build the way app-protocol.ts does (same files, same headers), over loopback HTTP. */
async function serveRenderer(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const answer = await serveAppRequest(
      root,
      new Request(`app://mak${req.url ?? '/'}`, { method: req.method }),
    );
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, key) => {
      headers[key] = value;
    });
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(!existsSync(CHROMIUM))('the desktop renderer in Chromium', () => {
  let buildDir: string;
  let userData: string;
  let api: TestServer;
  let user: WorldUser;
  let desktop: DesktopEngine;
  let connections: EngineConnections;
  let renderer: { url: string; server: Server };
  let browser: Browser;
  let page: Page;
  const dropped: unknown[] = [];
  const received: UiToHost[] = [];
  const problems: string[] = [];

  const rejections = watchUnhandledRejections();
  beforeAll(async () => {
    buildDir = await mkdtemp(path.join(tmpdir(), 'mak-renderer-build-'));
    userData = await mkdtemp(path.join(tmpdir(), 'mak-renderer-data-'));
    await build({
      configFile: path.join(desktopDir, 'vite.config.ts'),
      build: { outDir: buildDir, emptyOutDir: true },
      logLevel: 'warn',
    });
    api = await startTestServer();
    user = (await makeWorld(api.database.db)).salesA1;
    desktop = createDesktopEngine({ userDataDir: userData, sealer: testSealer });
    await desktop.host.start();
    connections = createEngineConnections(desktop.host.engine, (_page, raw) => dropped.push(raw));
    renderer = await serveRenderer(buildDir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
  });
  afterAll(async () => {
    connections?.closeAll();
    await browser?.close();
    renderer?.server.close();
    await desktop?.host.close();
    await api?.stop();
    for (const dir of [buildDir, userData]) if (dir) await rm(dir, { recursive: true, force: true });
    rejections.stop();
    expect(rejections.unexpected).toEqual([]);
  });

  it('renders under the strict CSP, and every engine message of the real UI passes the main process’s checks', async () => {
    const platform: DesktopPlatformInfo = { lastServerUrl: api.url, version: '0.0.0-test' };
    // The preload's bridge, as a page-side stand-in: posts go to Node through a binding, answers come back by evaluate.
    await page.exposeBinding('__makPost', (_source, message: UiToHost) => {
      received.push(message);
      connections.receive(1, message);
    });
    await page.addInitScript((info) => {
      const w = window as unknown as Record<string, unknown>;
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (w.__cspViolations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`),
      );
      w.mak = {
        engine: {
          post: (message: unknown) => (w.__makPost as (m: unknown) => void)(message),
          onMessage: (receive: unknown) => {
            w.__makDeliver = receive;
          },
        },
        platform: async () => info,
      };
    }, platform);
    connections.connect(1, (message: HostToUi) => {
      void page
        .evaluate(
          (m) => (window as unknown as { __makDeliver?: (m: unknown) => void }).__makDeliver?.(m),
          message,
        )
        .catch(() => {});
    });

    await page.goto(`${renderer.url}/index.html`);
    // The static boot text gives way to the app.
    await page.waitForFunction(() => {
      const root = document.getElementById('root');
      return Boolean(root && root.childElementCount > 0 && !root.textContent?.includes('Загрузка…'));
    });
    const signedOut = await page.locator('#root').innerHTML();

    // Signing in (the form is another screen's work): the UI hears the session event and mounts the signed-in app.
    const login = await desktop.host.engine.login({
      serverUrl: api.url,
      email: user.email,
      password: user.password,
    });
    expect(login.ok).toBe(true);
    await page.waitForFunction((before) => document.getElementById('root')?.innerHTML !== before, signedOut);
    await eventually(
      () => received.length,
      (n) => n >= 2,
    );
    await page.waitForTimeout(1_000);

    expect(
      await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    ).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    expect(problems.filter((p) => p.startsWith('page error'))).toEqual([]);
    expect(dropped).toEqual([]);
    expect(received.some((m) => m.kind === 'call' && m.method === 'session')).toBe(true);
  }, 240_000);
});
