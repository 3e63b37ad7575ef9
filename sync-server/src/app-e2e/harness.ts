/**
 * Browser tests of the whole product: a real sync-server on real Postgres with the demo workspace, serving the built
 * PWA (mobile-pwa/dist), driven in headless Chromium. The app's pages talk to the engine worker exactly as a user's
 * browser does; `makEngine` (set by mobile-pwa/src/main.tsx) lets a test read the replica without a screen for it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEngine, EngineStatus } from '@mak/shared/engine';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createScratchDatabase, startTestServer, type TestServer } from '../testing/harness.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);

const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_APP_DIR = path.join(repo, 'mobile-pwa', 'dist');
export const SCREENSHOT_DIR = path.join(repo, 'test-results', 'screenshots');

/** Builds the PWA if it is missing or older than its sources (CI's `npm run build` has usually built it already). */
export function ensurePwaBuilt(): void {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'ensure-pwa-build.mjs')], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(path.join(WEB_APP_DIR, 'index.html'))) {
    throw new Error(`The PWA build is missing (${WEB_APP_DIR}): run npm run build:pwa and see its errors`);
  }
}

export interface AppE2e {
  server: TestServer;
  /** The app's origin, http://127.0.0.1:<port> (loopback is a secure context: service workers and Web Locks work). */
  url: string;
  browser: Browser;
  /** A fresh browser profile: its own IndexedDB, caches and service worker, like a new device. */
  newContext(): Promise<BrowserContext>;
  /** Errors thrown in any page (uncaught exceptions), collected for a final assertion. */
  pageErrors: string[];
  /** Content-Security-Policy violations reported in any page (directive and blocked URL). */
  cspViolations: string[];
  stop(): Promise<void>;
}

/** Starts the server on a scratch database seeded with the demo workspace, and Chromium. */
export async function startAppE2e(): Promise<AppE2e> {
  ensurePwaBuilt();
  const scratch = await createScratchDatabase('mak_e2e');
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startTestServer({
      database: { kind: 'postgres', url: scratch.url },
      seedDemo: true,
      webAppDir: WEB_APP_DIR,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (err) {
    await server?.stop();
    await scratch.drop();
    throw err;
  }
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  const running = { server, browser };
  return {
    ...running,
    url: server.url,
    pageErrors,
    cspViolations,
    async newContext() {
      const context = await running.browser.newContext({
        locale: 'ru-RU',
        viewport: { width: 390, height: 844 },
      });
      context.on('page', (page) =>
        page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`)),
      );
      await context.exposeBinding('__makReportCsp', (_source, violation: string) => {
        cspViolations.push(violation);
      });
      await context.addInitScript(() => {
        addEventListener('securitypolicyviolation', (e) => {
          const report = (globalThis as unknown as { __makReportCsp: (v: string) => void }).__makReportCsp;
          report(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      return context;
    },
    async stop() {
      await running.browser.close();
      await running.server.stop();
      await scratch.drop();
    },
  };
}

/** The app has rendered: the boot screen is gone and React mounted something. */
export async function waitForApp(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.getElementById('boot')?.hidden === true &&
      Boolean(document.getElementById('root')?.firstChild),
    null,
    { timeout },
  );
}

/** Signs in through the login form (labels and button as the shell renders them in Russian). */
export async function login(page: Page, email: string, password = 'demo-password'): Promise<void> {
  await waitForApp(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForFunction(
    async () => Boolean(await (globalThis as unknown as PageGlobals).makEngine.session()),
    null,
    { timeout: 60_000 },
  );
}

/**
 * What the PWA's page exposes: the engine its UI uses (mobile-pwa/src/main.tsx). Code passed to page.evaluate runs in
 * the page, so it reaches the engine as `(globalThis as PageGlobals).makEngine`, never through a Node-side helper.
 */
export interface PageGlobals {
  makEngine: AppEngine;
}

export function engineStatus(page: Page): Promise<EngineStatus> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).makEngine.status());
}

/** Runs SQL on the page's replica (its views: clients, deals, …). */
export function replicaQuery<T = Record<string, unknown>>(page: Page, sql: string, params: unknown[] = []) {
  return page.evaluate(([q, p]) => (globalThis as unknown as PageGlobals).makEngine.query(q, p), [
    sql,
    params,
  ] as const) as Promise<T[]>;
}

/**
 * The replica follows the server live with no unsent mutations, and has stayed so for `settleMs` (a restarted
 * subscription goes back to `initial` for a moment). `ready`, when given, is SQL over the replica whose first row's
 * first column must be true too: the data a test is about has arrived.
 */
export async function waitForSynced(
  page: Page,
  options: { ready?: string; timeout?: number; settleMs?: number } = {},
): Promise<EngineStatus> {
  const { ready, timeout = 180_000, settleMs = 1_000 } = options;
  const end = Date.now() + timeout;
  let since: number | null = null;
  let last: EngineStatus | null = null;
  while (Date.now() < end) {
    last = await engineStatus(page);
    let ok = last.syncing === 'live' && last.pending === 0;
    if (ok && ready) {
      const [row] = await replicaQuery(page, ready);
      ok = row ? Object.values(row)[0] === true : false;
    }
    if (!ok) since = null;
    else if (since === null) since = Date.now();
    else if (Date.now() - since >= settleMs) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`the replica did not settle in ${timeout} ms: ${JSON.stringify(last)}`);
}

let announced = false;
/** Saves a full-page PNG under test-results/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]{1,80}$/.test(name)) throw new Error(`screenshot name ${name} is not a plain file name`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  if (!announced) {
    announced = true;
    process.stdout.write(`screenshots: ${SCREENSHOT_DIR}\n`);
  }
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
