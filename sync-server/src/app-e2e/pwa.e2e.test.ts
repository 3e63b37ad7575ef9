// The PWA end to end: served by the sync-server, installable (manifest, service worker), signed in through the login
// form, synced into its IndexedDB replica, and usable again offline after a reload.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppE2e,
  CHROMIUM,
  engineStatus,
  hasChromium,
  login,
  type PageGlobals,
  replicaQuery,
  screenshot,
  startAppE2e,
  waitForApp,
  waitForSynced,
} from './harness.ts';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A first sign-in creates the replica's database in the browser: tens of seconds on a busy 2-core machine. */
const SLOW_MS = 240_000;

describe.skipIf(!hasChromium())(`the PWA in headless Chromium (needs ${CHROMIUM})`, () => {
  let e2e: AppE2e;
  let context: BrowserContext;
  let page: Page;
  let coldLoadMs = 0;

  beforeAll(async () => {
    e2e = await startAppE2e();
    context = await e2e.newContext();
    page = await context.newPage();
    const t0 = Date.now();
    await page.goto(e2e.url);
    await waitForApp(page);
    coldLoadMs = Date.now() - t0;
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  it('loads the app shell in Russian at /', async () => {
    process.stdout.write(`cold first load (goto → app rendered): ${coldLoadMs} ms\n`);
    expect(await page.title()).toBe('MaK CRM');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await screenshot(page, 'pwa-login');
  });

  it('links a valid web app manifest with its icons', async () => {
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const res = await fetch(new URL(href as string, e2e.url));
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = await res.json();
    expect(manifest).toMatchObject({
      name: 'MaK CRM',
      short_name: expect.any(String),
      lang: 'ru',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    });
    expect(manifest.description).toMatch(/[а-яё]/i);
    const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
    for (const wanted of [
      { sizes: '192x192', purpose: 'any' },
      { sizes: '512x512', purpose: 'any' },
      { sizes: '512x512', purpose: 'maskable' },
    ]) {
      const icon = icons.find((i) => i.sizes === wanted.sizes && (i.purpose ?? 'any') === wanted.purpose);
      expect(icon, `${wanted.sizes} ${wanted.purpose} icon`).toBeDefined();
      const file = await fetch(new URL(icon?.src as string, new URL(href as string, e2e.url)));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      const [w, h] = wanted.sizes.split('x').map(Number);
      expect(pngSize(Buffer.from(await file.arrayBuffer()))).toEqual({ width: w, height: h });
    }
  });

  it('registers a service worker that controls the page and precaches PGlite', async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    for (const asset of [
      /\/index\.html$/,
      /pglite-.*\.wasm$/,
      /pglite-.*\.data$/,
      /pg_trgm.*\.gz$/,
      /engine\.worker-.*\.js$/,
    ]) {
      expect(
        precached.some((u) => asset.test(u)),
        `${asset} precached`,
      ).toBe(true);
    }
    expect(precached.some((u) => u.startsWith('/api/') || u.startsWith('/v1/'))).toBe(false);
  });

  it('is installable by Chromium’s own criteria', async () => {
    const cdp = await context.newCDPSession(page);
    try {
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      // Playwright's contexts are incognito profiles, where Chromium never offers installation.
      expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    } finally {
      await cdp.detach();
    }
  });

  it(
    'signs in as sales1 through the login form and syncs the replica',
    async () => {
      const t0 = Date.now();
      await login(page, 'sales1@demo.mak');
      const status = await waitForSynced(page, { ready: 'select exists (select 1 from clients)' });
      process.stdout.write(`sign-in to synced replica: ${Date.now() - t0} ms\n`);
      expect(status.errors).toEqual([]);
      const [counts] = await replicaQuery<{ clients: number; stages: number }>(
        page,
        'select (select count(*)::int from clients) as clients, (select count(*)::int from stages) as stages',
      );
      // sales1 sees its own clients (scope own) and every stage.
      expect(counts?.clients).toBeGreaterThan(0);
      expect(counts?.stages).toBeGreaterThan(0);
      await screenshot(page, 'pwa-signed-in');
    },
    SLOW_MS,
  );

  it(
    'reloads offline: the shell comes from the service worker and the data from the IndexedDB replica',
    async () => {
      const [before] = await replicaQuery<{ n: number }>(page, 'select count(*)::int as n from clients');
      await context.setOffline(true);
      try {
        const t0 = Date.now();
        await page.reload();
        await waitForApp(page);
        process.stdout.write(`offline reload → app rendered: ${Date.now() - t0} ms\n`);
        const session = await page.evaluate(() => (globalThis as unknown as PageGlobals).makEngine.session());
        expect(session?.user.email).toBe('sales1@demo.mak');
        const [after] = await replicaQuery<{ n: number }>(page, 'select count(*)::int as n from clients');
        expect(after?.n).toBe(before?.n);
        expect((await engineStatus(page)).online).not.toBe(true);
        await screenshot(page, 'pwa-offline');
      } finally {
        await context.setOffline(false);
      }
    },
    SLOW_MS,
  );

  it(
    'lets one tab own the replica: a second tab says so instead of opening it twice',
    async () => {
      const second = await context.newPage();
      try {
        await second.goto(e2e.url);
        await expect
          .poll(() => second.textContent('#boot'), { timeout: 30_000 })
          .toMatch(/открыт в другой вкладке/);
        await page.close();
        // The first tab's worker ends with it and releases the lock: the second tab carries on by itself.
        await waitForApp(second);
        expect(
          (await second.evaluate(() => (globalThis as unknown as PageGlobals).makEngine.session()))?.user
            .email,
        ).toBe('sales1@demo.mak');
      } finally {
        await second.close();
      }
    },
    SLOW_MS,
  );

  it(
    'signs out leaving no replica and no session in the browser',
    async () => {
      const again = await context.newPage();
      try {
        await again.goto(e2e.url);
        await waitForApp(again);
        const replicas = () =>
          again.evaluate(async () =>
            (await indexedDB.databases()).map((db) => db.name ?? '').filter((n) => n.includes('/mak-')),
          );
        expect(await replicas()).toHaveLength(1);
        await again.evaluate(() => (globalThis as unknown as PageGlobals).makEngine.logout());
        expect(await replicas()).toEqual([]);
        await again.reload();
        await waitForApp(again);
        await again.getByLabel('Пароль').waitFor({ state: 'visible', timeout: 30_000 });
        expect(
          await again.evaluate(() => (globalThis as unknown as PageGlobals).makEngine.session()),
        ).toBeNull();
      } finally {
        await again.close();
      }
    },
    SLOW_MS,
  );

  it('threw no uncaught errors and broke no CSP rule in any page', () => {
    expect(e2e.pageErrors).toEqual([]);
    expect(e2e.cspViolations).toEqual([]);
  });
});
