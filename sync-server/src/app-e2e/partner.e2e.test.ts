// The partner cabinet end to end: the demo partner signs in on a phone, sees its balance and the open lots, bids
// (the held balance follows), gets the server's refusal for a bid below the step in Russian, and accepts its lead.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppE2e,
  CHROMIUM,
  hasChromium,
  login,
  type PageGlobals,
  replicaQuery,
  screenshot,
  startAppE2e,
  waitForSynced,
} from './harness.ts';

const SLOW_MS = 240_000;
// Seeded by sync-server/src/seed/demo-economy.ts: the partner works in Новосибирская область, so it sees the
// lot of its region (no bids yet) and the lot open to anyone (one bid of 1 600 ₽ by another partner).
const REGION_LOT = 'Заявка с сайта: кухни на заказ';
const OPEN_LOT = 'Звонок: ремонт офиса 120 м²';

const heldSql = `SELECT coalesce(sum(amount), 0)::int AS held FROM ledger_postings WHERE account_kind = 'held'`;

describe.skipIf(!hasChromium())(`the partner cabinet in headless Chromium (needs ${CHROMIUM})`, () => {
  let e2e: AppE2e;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    e2e = await startAppE2e();
    context = await e2e.newContext();
    page = await context.newPage();
    await page.goto(e2e.url);
    await login(page, 'partner@demo.mak');
    await waitForSynced(page, {
      ready: `SELECT (SELECT count(*) FROM auction_listings WHERE status = 'open') = 2
        AND (SELECT count(*) FROM lead_offers WHERE status = 'offered') = 1
        AND (SELECT count(*) FROM ledger_postings) > 0`,
    });
  }, SLOW_MS);

  afterAll(async () => {
    await e2e?.stop();
  });

  it(
    'lands in the cabinet with the balance and the open lots',
    async () => {
      await page.waitForURL(/#\/partner\/cabinet$/, { timeout: 30_000 });
      const balance = page.getByRole('region', { name: 'Баланс' });
      await expect.poll(() => balance.getByLabel(/^Доступно:/).textContent()).toMatch(/150\s000\s₽/);
      const lots = page.getByRole('region', { name: 'Аукцион заявок' });
      await expect.poll(() => lots.getByRole('article').count()).toBe(2);
      await lots.getByRole('article', { name: REGION_LOT }).waitFor();
      await lots.getByRole('article', { name: OPEN_LOT }).waitFor();
      expect((await replicaQuery<{ held: number }>(page, heldSql))[0]?.held).toBe(0);
    },
    SLOW_MS,
  );

  it(
    'places a valid bid: it leads and the amount is held',
    async () => {
      const lot = page.getByRole('article', { name: REGION_LOT });
      await lot.getByLabel(`Ставка на лот «${REGION_LOT}», ₽`).fill('2000');
      await lot.getByRole('button', { name: `Сделать ставку на лот «${REGION_LOT}»` }).click();
      await expect
        .poll(() => replicaQuery<{ held: number }>(page, heldSql).then((r) => r[0]?.held), {
          timeout: 60_000,
        })
        .toBe(200_000);
      await lot.getByText('Лидирую').waitFor({ timeout: 30_000 });
      await expect
        .poll(() =>
          page
            .getByRole('region', { name: 'Баланс' })
            .getByLabel(/^Заблокировано под ставки:/)
            .textContent(),
        )
        .toMatch(/2\s000\s₽/);
    },
    SLOW_MS,
  );

  it(
    'shows the server’s reason in Russian for a bid below the step',
    async () => {
      const lot = page.getByRole('article', { name: OPEN_LOT });
      await lot.getByLabel(`Ставка на лот «${OPEN_LOT}», ₽`).fill('1601');
      await lot.getByRole('button', { name: `Сделать ставку на лот «${OPEN_LOT}»` }).click();
      const alert = lot.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toMatch(/Ставка ниже минимальной \(1\s650\s₽\)/);
      expect((await replicaQuery<{ held: number }>(page, heldSql))[0]?.held).toBe(200_000);
    },
    SLOW_MS,
  );

  it(
    'accepts the offered lead',
    async () => {
      const offers = page.getByRole('region', { name: 'Мои заявки' });
      await offers.getByRole('button', { name: 'Принять заявку «Поставки»' }).click();
      await offers.getByText('Новых заявок нет').waitFor({ timeout: 30_000 });
      // The server took it (the replica's copy of the offer follows by sync).
      const server = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).makEngine.api<{ items: { status: string }[] }>({
          method: 'GET',
          path: '/api/leads/offers',
        }),
      );
      expect(server.body.items.map((o) => o.status)).toEqual(['accepted']);
    },
    SLOW_MS,
  );

  it(
    'screenshots the cabinet on a phone and on a desktop',
    async () => {
      await screenshot(page, 'partner-cabinet-phone');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(500);
      await screenshot(page, 'partner-cabinet-desktop');
      expect(e2e.pageErrors).toEqual([]);
    },
    SLOW_MS,
  );
});
