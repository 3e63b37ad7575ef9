// The offline replica (shared/src/replica) in headless Chromium against a real sync-server over HTTP/2 + TLS: one
// connection carries the 13 long polls and the pushes (HTTP/1.1 would allow 6 per origin and queue the pushes).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId } from '@mak/shared/ids';
import { clients } from '@mak/shared/schema';
import { sql } from 'drizzle-orm';
import { build } from 'esbuild';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, writeTx } from '../../platform/db.ts';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type WorldUser } from '../../testing/world.ts';

const CHROMIUM = '/usr/bin/chromium';
const which = (cmd: string) => {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};
const OPENSSL = which('openssl');
const missing = [existsSync(CHROMIUM) ? null : CHROMIUM, OPENSSL ? null : 'openssl']
  .filter(Boolean)
  .join(' and ');
const TYPES: Record<string, string> = { js: 'text/javascript', wasm: 'application/wasm', html: 'text/html' };

type PageFn<A extends unknown[], R> = (...args: A) => Promise<R>;
interface Drained {
  id: string | null;
  status: { pending: number; rejected: unknown[] };
}
const call = <A extends unknown[], R>(page: Page, fn: string, ...args: A): Promise<R> =>
  page.evaluate(
    ([f, a]) =>
      (globalThis as unknown as Record<string, PageFn<unknown[], R>>)[f as string]?.(...(a as unknown[])),
    [fn, args] as const,
  ) as Promise<R>;

describe.skipIf(missing !== '')(
  `the replica in headless Chromium over HTTP/2 (needs ${CHROMIUM} and openssl)`,
  () => {
    let server: TestServer;
    let admin: WorldUser;
    let dir: string;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const name = `Browser ${Math.random().toString(36).slice(2, 8)}`;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mak-replica-browser-'));
      // A self-signed certificate for the loopback address the test server listens on.
      execFileSync(
        OPENSSL as string,
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const tls = {
        cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
        key: await readFile(join(dir, 'key.pem'), 'utf8'),
      };
      await build({
        entryPoints: [fileURLToPath(new URL('./replica-entry.ts', import.meta.url))],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        outfile: join(dir, 'replica.js'),
        logLevel: 'error',
      });
      // PGlite's runtime, fetched by `new URL('./pglite.wasm', import.meta.url)` and the like; served by file name.
      const pglite = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
      for (const file of ['pglite.wasm', 'initdb.wasm', 'pglite.data', 'pg_trgm.tar.gz']) {
        await copyFile(join(pglite, file), join(dir, file));
      }
      server = await startTestServer({ tls });
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      admin = (await makeWorld(server.database.db)).admin;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--ignore-certificate-errors',
        ],
      });
      context = await browser.newContext({ ignoreHTTPSErrors: true });
      // The page is served under the API's own origin (answered here, never by the server): no CORS in play.
      await context.route(`${server.url}/__test__/**`, async (route) => {
        const file = basename(new URL(route.request().url()).pathname);
        if (file === 'index.html') {
          return route.fulfill({
            contentType: TYPES.html,
            body: '<script type="module" src="./replica.js"></script>',
          });
        }
        const body = await readFile(join(dir, file)).catch(() => null);
        if (!body) return route.fulfill({ status: 404 });
        return route.fulfill({
          body,
          contentType: TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
        });
      });
      page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      // The bundle asks for `../pg_trgm.tar.gz` (its path inside PGlite's dist): one folder deeper keeps it under /__test__.
      await page.goto(`${server.url}/__test__/app/index.html`);
      await page.waitForFunction(() => 'startReplica' in globalThis);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** The client's name on the server, read from its database (Node's fetch would refuse the self-signed cert). */
    const onServer = async (id: string | null) => {
      if (!id) return null;
      const rows = rowsOf<{ name: string }>(
        await server.database.db.execute(
          sql`select name from clients where id = ${id} and deleted_at is null`,
        ),
      );
      return rows[0]?.name ?? null;
    };
    const within = async (ms: number, check: () => Promise<boolean>) => {
      const end = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > end) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return true;
    };

    it('syncs live, pushes at once over HTTP/2, and queues a mutation made offline until the network is back', async () => {
      await writeTx(server.database.db, admin.id, (tx) =>
        tx.insert(clients).values({ id: newId(), name: `${name} seeded`, ownerId: admin.id }),
      );

      const started = await call<[string, string, string], { synced: number }>(
        page,
        'startReplica',
        server.url,
        admin.id,
        admin.token,
      );
      expect(started.synced).toBeGreaterThan(0);

      // With every shape's long poll held, the push must still go out at once: on HTTP/1.1 it queued for ~40 s.
      const t0 = Date.now();
      const online = await call<[string], { id: string | null; pending: number }>(
        page,
        'mutateNow',
        `${name} online`,
      );
      expect(online.id).toEqual(expect.any(String));
      const pushed = await within(10_000, async () => (await onServer(online.id)) === `${name} online`);
      const pushMs = Date.now() - t0;
      expect(pushed, `the push reached the server in ${pushMs} ms`).toBe(true);
      expect(await call<[string], string[]>(page, 'protocols', server.url)).toEqual(['h2']);
      expect(await call<[string], Drained>(page, 'drain', `${name} online`)).toMatchObject({
        id: online.id,
        status: { pending: 0, rejected: [] },
      });

      await context.setOffline(true);
      const offline = await call<[string], { id: string | null; pending: number }>(
        page,
        'mutateNow',
        `${name} offline`,
      );
      expect(offline.id).toEqual(expect.any(String));
      expect(offline.pending).toBe(1);
      expect(await onServer(offline.id)).toBeNull();

      await context.setOffline(false);
      expect(await call<[string], Drained>(page, 'drain', `${name} offline`)).toMatchObject({
        id: offline.id,
        status: { pending: 0, rejected: [] },
      });
      expect(await onServer(offline.id)).toBe(`${name} offline`);
      expect(pageErrors).toEqual([]);
    }, 120_000);
  },
);
