/**
 * bench/app: the PWA in Debian's Chromium against a sync-server on real PostgreSQL holding 100,000 clients (all
 * visible to the bench admin): first sign-in and sync, cold and warm time to interactive on the clients table,
 * scroll frame times, and search latency (Ctrl+K global search and the table's quick search), plus the same
 * searches' SQL timed through the page's engine. Prints a table of figures with the machine's load average.
 *
 *   npm run bench:app     # BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/mak_bench_app),
 *                         # BENCH_SCROLL_ROWS (20000), BENCH_ROWS_PER_FRAME (20), BENCH_PROFILE_DIR (a temp dir),
 *                         # BENCH_CPU_PROFILE=1: print where the page's main thread spent the first sync and a cold start,
 *                         # BENCH_REPEATS (3) cold and warm starts, BENCH_STARTUP_ONLY=1: stop after the warm starts
 */
import './env.ts';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { clientColumnSpecs } from '../../shared/src/app/clients/table/columns-spec.ts';
import { buildCountQuery, buildWindowQuery, EMPTY_QUERY } from '../../shared/src/app/clients/table/query.ts';
import { buildSearchQuery, SEARCH_KINDS } from '../../shared/src/app/shell/search/query.ts';
import { BENCH_PASSWORD } from '../api/fixtures.ts';
import { machineNote, percentile, root, startServer } from '../common/server.ts';
import { prepareAppBenchData } from './data.ts';
import { startMainThreadProfile } from './main-thread-profile.ts';
import {
  awaitResults,
  clientsInteractive,
  firstRowShown,
  recordInputTimes,
  type ScrollResult,
  scrollClientsTable,
  shownTotal,
  watchMutations,
} from './page-probes.ts';

const CHROMIUM = '/usr/bin/chromium';
const BUILT_APP_DIR = path.join(root, 'mobile-pwa', 'dist');
/** A copy of the build taken at the start: other work rebuilding mobile-pwa/dist must not update the app mid-run. */
const WEB_APP_DIR = mkdtempSync(path.join(os.tmpdir(), 'mak-bench-app-web-'));
const scrollRows = Number(process.env.BENCH_SCROLL_ROWS ?? 20_000);
const rowsPerFrame = Number(process.env.BENCH_ROWS_PER_FRAME ?? 20);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const startupOnly = process.env.BENCH_STARTUP_ONLY === '1';
const cpuProfile = process.env.BENCH_CPU_PROFILE === '1';
const CLIENT_SEARCH = 'input[aria-label="Поиск клиентов"]';
const GLOBAL_SEARCH = 'input[aria-label="Глобальный поиск"]';
const GLOBAL_OPTIONS = '[role="listbox"][aria-label="Глобальный поиск"] [role="option"]';
const LIVE_BADGE = /^Синхронизация: Всё сохранено/;

const figures: Record<string, string> = {};
const note = (name: string, value: string) => {
  figures[name] = value;
  console.log(`  ${name}: ${value}`);
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const ms = (v: number) => `${Math.round(v)} ms`;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const p50p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${ms(percentile(s, 50))}, p95 ${ms(percentile(s, 95))}, max ${ms(s[s.length - 1] ?? Number.NaN)}`;
};

function ensurePwa() {
  if (process.env.BENCH_BUILD === '1' || !existsSync(path.join(BUILT_APP_DIR, 'index.html'))) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'ensure-pwa-build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  if (!existsSync(path.join(BUILT_APP_DIR, 'index.html'))) throw new Error('no PWA build: npm run build:pwa');
  cpSync(BUILT_APP_DIR, WEB_APP_DIR, { recursive: true });
}

async function launch(profileDir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1280, height: 800 },
    locale: 'ru-RU',
  });
  // tsx (esbuild keepNames) wraps named inner functions in __name(); the probes run in the page, so give it one there.
  await context.addInitScript('globalThis.__name = (f) => f;');
  await context.addInitScript(recordInputTimes);
  context.on('request', (req) => {
    const url = req.url();
    if (!url.includes('/v1/shape?')) return;
    const offset = new URL(url).searchParams.get('offset') ?? '';
    shapeTraffic[offset === '-1' ? 'snapshots' : /^0_\d+$/.test(offset) ? 'chunks' : 'log']++;
  });
  context.on('page', (p) => p.on('pageerror', (e) => console.error(`  page error: ${e.message}`)));
  for (const p of context.pages()) p.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  return context;
}

/** Shape requests since the last `takeShapeTraffic()`: a start that re-downloads its snapshot shows up here. */
const shapeTraffic = { snapshots: 0, chunks: 0, log: 0 };
const takeShapeTraffic = () => {
  const t = `${shapeTraffic.snapshots} snapshot starts (offset -1), ${shapeTraffic.chunks} snapshot chunks, ${shapeTraffic.log} log reads`;
  Object.assign(shapeTraffic, { snapshots: 0, chunks: 0, log: 0 });
  return t;
};

const pageOf = async (context: BrowserContext) => context.pages()[0] ?? (await context.newPage());

/** From navigation start (the page's clock): first real row, and rows + the full total + an enabled search box. */
async function timeToInteractive(page: Page, expected: number, timeout = 600_000) {
  // When the worker first answers any SQL: the replica is open (PGlite loaded from IndexedDB), before any screen query.
  const engineReady = (async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await page.waitForFunction(() => Boolean((globalThis as { makEngine?: unknown }).makEngine), null, {
          timeout,
        });
        return await page.evaluate(async () => {
          const engine = (globalThis as unknown as { makEngine: { query(s: string): Promise<unknown> } })
            .makEngine;
          await engine.query('SELECT 1');
          return performance.now();
        });
      } catch (err) {
        // The page reloaded itself (a new service worker, a reset): measure on the new document.
        console.log(`    (page navigated while waiting for the engine: ${String(err).split('\n')[0]})`);
      }
    }
    return Number.NaN;
  })();
  const first = await page.waitForFunction(firstRowShown, null, { polling: 'raf', timeout });
  const ready = await page.waitForFunction(clientsInteractive, expected, { polling: 'raf', timeout });
  return {
    engine: await engineReady,
    firstRow: (await first.jsonValue()) as number,
    interactive: (await ready.jsonValue()) as number,
  };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(p);
    else if (entry.isFile()) total += statSync(p).size;
  }
  return total;
}

async function firstSync(page: Page, base: string, email: string, expected: number) {
  await page.goto(`${base}/`);
  await page.getByLabel('Email').fill(email, { timeout: 120_000 });
  await page.getByLabel('Пароль').fill(BENCH_PASSWORD);
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForFunction(
    async () =>
      Boolean(
        await (globalThis as unknown as { makEngine: { session(): Promise<unknown> } }).makEngine.session(),
      ),
    null,
    { timeout: 120_000 },
  );
  const signedIn = performance.now() - t0;
  await page.evaluate(() => {
    location.hash = '/clients';
  });
  let firstRow = 0;
  let live = 0;
  let lastProgress = 0;
  for (;;) {
    const [row, total, badge] = await Promise.all([
      page.evaluate(firstRowShown),
      page.evaluate(shownTotal),
      page.getByRole('button', { name: LIVE_BADGE }).count(),
    ]);
    const now = performance.now() - t0;
    if (row && !firstRow) firstRow = now;
    if (badge && !live) live = now;
    if (badge && total === expected) {
      await page.waitForFunction(firstRowShown, null, { polling: 'raf', timeout: 300_000 });
      const done = performance.now() - t0;
      return { signedIn, firstRow: firstRow || done, live, done };
    }
    if (now - lastProgress > 15_000) {
      lastProgress = now;
      // The worker answers status() only between its apply transactions, so do not wait on it for long.
      const status = await Promise.race([
        page.evaluate(() =>
          (globalThis as unknown as { makEngine: { status(): Promise<unknown> } }).makEngine.status(),
        ),
        new Promise((r) => setTimeout(() => r('(worker busy, no answer in 2 s)'), 2_000)),
      ]);
      console.log(`  … ${(now / 1000).toFixed(0)} s: total shown ${total}, status ${JSON.stringify(status)}`);
    }
    if (now > 30 * 60_000) throw new Error('first sync did not finish in 30 minutes');
    await page.waitForTimeout(200);
  }
}

function frameFigures(label: string, r: ScrollResult, perFrame = rowsPerFrame) {
  const s = [...r.intervals].sort((a, b) => a - b);
  const over = (limit: number) => `${((100 * s.filter((x) => x > limit).length) / s.length).toFixed(1)}%`;
  const totalMs = s.reduce((a, b) => a + b, 0);
  note(
    `${label}: frames`,
    `${s.length} frames over ${(totalMs / 1000).toFixed(1)} s, ${r.rowsScrolled} rows (${perFrame}/frame, row ${r.rowHeight}px)`,
  );
  note(
    `${label}: frame time`,
    `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms, max ${(s[s.length - 1] ?? 0).toFixed(0)} ms`,
  );
  note(`${label}: frames > 16.7 ms / > 50 ms`, `${over(16.7)} / ${over(50)}`);
  note(
    `${label}: placeholder rows visible`,
    `${r.blankFrames} frames, ${(r.blankMs / 1000).toFixed(2)} s in all (longest ${ms(r.longestBlankMs)}); after the last step until filled: ${ms(r.settleMs)}`,
  );
}

/** Each query typed (30 ms between keys) after selecting the box's text; keystroke → last DOM change of the results. */
async function searchLatencies(
  page: Page,
  input: string,
  watchRoot: string | null,
  options: string,
  queries: string[],
) {
  const times: number[] = [];
  for (const q of queries) {
    await page.locator(input).click();
    await page.keyboard.press('Control+A');
    await page.evaluate(watchMutations, watchRoot);
    await page.keyboard.type(q, { delay: 30 });
    const r = await page.evaluate(awaitResults, { input, value: q, quietMs: 1_500, maxMs: 20_000, options });
    times.push(r.ms);
    console.log(
      `    ${JSON.stringify(q)}: ${ms(r.ms)} → ${r.shown}${r.timedOut ? ' (still changing after 20 s)' : ''}`,
    );
  }
  return times;
}

/** The same SQL the screens run, through the page's engine (postMessage to the worker and back): median of 3. */
async function sqlLatency(page: Page, sql: string, params: unknown[]): Promise<number> {
  return page.evaluate(
    async ([q, p]) => {
      const engine = (
        globalThis as unknown as { makEngine: { query(s: string, p: unknown[]): Promise<unknown[]> } }
      ).makEngine;
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await engine.query(q, p);
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[1] as number;
    },
    [sql, params] as const,
  );
}

async function main() {
  ensurePwa();
  const data = await prepareAppBenchData();
  const expected = data.totalClients;
  const profileDir = process.env.BENCH_PROFILE_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'mak-bench-app-'));
  rmSync(profileDir, { recursive: true, force: true });
  const server = await startServer({ WEB_APP_DIR });
  let context: BrowserContext | null = null;
  try {
    console.log(`\nbench/app: ${expected} clients, server ${server.base}, ${machineNote()}`);

    console.log('1. first sign-in and sync');
    context = await launch(profileDir);
    let page = await pageOf(context);
    const firstProfile = cpuProfile ? await startMainThreadProfile(page) : null;
    const first = await firstSync(page, server.base, data.adminEmail, expected);
    if (firstProfile)
      console.log(`  main thread during the first sync:\n${(await firstProfile(WEB_APP_DIR)).join('\n')}`);
    note('first sync: sign-in click → session', ms(first.signedIn));
    note('first sync: click → first row shown', ms(first.firstRow));
    note('first sync: click → badge "Всё сохранено"', ms(first.live));
    note(
      'first sync: click → live, total and rows shown',
      `${(first.done / 1000).toFixed(1)} s, ${Math.round(expected / (first.done / 1000))} clients/s (load ${load()})`,
    );

    console.log(`  first sync shapes: ${takeShapeTraffic()}`);
    const idb = path.join(profileDir, 'Default', 'IndexedDB');
    if (existsSync(idb))
      note('replica in IndexedDB (profile dir)', `${(dirBytes(idb) / 1024 / 1024).toFixed(0)} MB`);
    console.log('2. cold start (new browser on the same profile)');
    const cold: { launch: number; nav: number; firstRow: number; engine: number }[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await context.close();
      const t0 = performance.now();
      context = await launch(profileDir);
      page = await pageOf(context);
      const tNav = performance.now();
      const coldProfile = cpuProfile && i === 0 ? await startMainThreadProfile(page) : null;
      await page.goto(`${server.base}/#/clients`);
      const r = await timeToInteractive(page, expected);
      if (coldProfile)
        console.log(`  main thread during a cold start:\n${(await coldProfile(WEB_APP_DIR)).join('\n')}`);
      const wall = performance.now() - t0;
      cold.push({ launch: wall, nav: r.interactive, firstRow: r.firstRow, engine: r.engine });
      console.log(
        `    launch → TTI ${ms(wall)} (browser launch ${ms(tNav - t0)}), navigation → engine answers SQL ${ms(r.engine)}, → first row ${ms(r.firstRow)}, → TTI ${ms(r.interactive)} (load ${load()}); shapes: ${takeShapeTraffic()}`,
      );
    }
    note(
      `cold start: navigation → engine answers SELECT 1 (median of ${REPEATS})`,
      ms(median(cold.map((c) => c.engine))),
    );
    note(
      `cold start: navigation → first row (median of ${REPEATS})`,
      ms(median(cold.map((c) => c.firstRow))),
    );
    note(
      `cold start: navigation → TTI (median of ${REPEATS})`,
      `${ms(median(cold.map((c) => c.nav)))} (load ${load()})`,
    );
    note(`cold start: browser launch → TTI (median of ${REPEATS})`, ms(median(cold.map((c) => c.launch))));

    console.log('3. warm start (reload)');
    const warm: { nav: number; firstRow: number; engine: number }[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await page.reload();
      const r = await timeToInteractive(page, expected);
      warm.push({ nav: r.interactive, firstRow: r.firstRow, engine: r.engine });
      console.log(
        `    navigation → engine answers SQL ${ms(r.engine)}, → first row ${ms(r.firstRow)}, → TTI ${ms(r.interactive)} (load ${load()}); shapes: ${takeShapeTraffic()}`,
      );
    }
    note(
      `warm start: navigation → engine answers SELECT 1 (median of ${REPEATS})`,
      ms(median(warm.map((w) => w.engine))),
    );
    note(
      `warm start: navigation → first row (median of ${REPEATS})`,
      ms(median(warm.map((w) => w.firstRow))),
    );
    note(
      `warm start: navigation → TTI (median of ${REPEATS})`,
      `${ms(median(warm.map((w) => w.nav)))} (load ${load()})`,
    );

    if (startupOnly) {
      console.table(figures);
      return;
    }
    console.log('4. scroll');
    await page.waitForTimeout(2_000);
    const scroll = await page.evaluate(scrollClientsTable, { rows: scrollRows, rowsPerFrame });
    frameFigures(`scroll ${scrollRows} rows`, scroll);
    note('scroll: load average', load());
    // A hand's fast fling is nearer 3 rows a frame (~7,000 px/s) than the 20 above, which outruns any reading.
    await page.waitForTimeout(1_000);
    const fling = await page.evaluate(scrollClientsTable, { rows: 3_000, rowsPerFrame: 3 });
    frameFigures('scroll 3000 rows at 3/frame', fling, 3);

    console.log('5. search');
    const rep = 'Иванов Алексей 1230';
    const queries = [
      'Иванов',
      'Смирнова Ольга',
      rep,
      'client4242@',
      '912',
      '9124',
      '+7 (917) 017',
      data.sampleInn,
      data.sampleInn.slice(0, 6),
      'Кузнецв',
      'Соколв Андрей',
      'Фёдорова 99',
    ];
    await page.evaluate(() => window.scrollTo(0, 0));
    console.log('  clients quick search (includes its 250 ms debounce):');
    const quick = await searchLatencies(page, CLIENT_SEARCH, null, 'total', queries);
    note(
      'quick search: keystroke → rendered',
      `${p50p95(quick)} over ${quick.length} queries (load ${load()})`,
    );
    await page.locator(CLIENT_SEARCH).fill('');

    console.log('  Ctrl+K global search (includes its 120 ms debounce):');
    await page.keyboard.press('Control+k');
    await page.locator(GLOBAL_SEARCH).waitFor();
    const global = await searchLatencies(page, GLOBAL_SEARCH, '[role="dialog"]', GLOBAL_OPTIONS, queries);
    note(
      'global search: keystroke → rendered',
      `${p50p95(global)} over ${global.length} queries (load ${load()})`,
    );
    await page.keyboard.press('Escape');

    console.log('  the same SQL through engine.query (median of 3 each):');
    const specs = clientColumnSpecs([]);
    const countSql: number[] = [];
    const windowSql: number[] = [];
    const globalSql: number[] = [];
    for (const q of queries) {
      const query = { ...EMPTY_QUERY, search: q };
      const c = buildCountQuery(query, specs);
      const w = buildWindowQuery(query, specs, 0, 100);
      const g = buildSearchQuery(q, { kinds: SEARCH_KINDS });
      countSql.push(await sqlLatency(page, c.sql, c.params));
      windowSql.push(await sqlLatency(page, w.sql, w.params));
      if (g) globalSql.push(await sqlLatency(page, g.sql, g.params));
      console.log(
        `    ${JSON.stringify(q)}: count ${ms(countSql.at(-1) ?? 0)}, first window ${ms(windowSql.at(-1) ?? 0)}, global ${ms(globalSql.at(-1) ?? 0)}`,
      );
    }
    note('SQL: clients count (quick search)', p50p95(countSql));
    note('SQL: clients first window of 100 (quick search)', p50p95(windowSql));
    note('SQL: global search', `${p50p95(globalSql)} (load ${load()})`);

    console.log(`\nbench/app: ${expected} clients, 1280×800, ${machineNote()}`);
    console.table(figures);
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
    if (!process.env.BENCH_PROFILE_DIR) rmSync(profileDir, { recursive: true, force: true });
    rmSync(WEB_APP_DIR, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
