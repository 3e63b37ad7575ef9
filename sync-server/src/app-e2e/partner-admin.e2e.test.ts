// The staff side of the partner economy in headless Chromium against the real server on real Postgres: the admin
// (a desktop window) manages partner organisations, invites an owner who accepts the link on a phone and signs in,
// puts a lead up for auction, approves a payout the demo partner requested, books a deposit; the demo partner
// (a phone) accepts the lead offered to it and its replica gets the accepted offer. After each step the server's
// database and the screen are checked; every admin screen is saved as a PNG on a desktop and on a phone.
import { type SQL, sql } from 'drizzle-orm';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, openDevice, PHONE, type Session, serverRows, signIn } from './devices.ts';
import {
  type AppE2e,
  CHROMIUM,
  engineStatus,
  hasChromium,
  login,
  replicaQuery,
  screenshot,
  startAppE2e,
  waitForApp,
  waitForSynced,
} from './harness.ts';
import { waitForScreenLoaded, waitForTransitions } from './user-steps.ts';

const SLOW_MS = 240_000;
const SCREEN_MS = 30_000;
/** How long a change made on the server may take to reach a replica that is live (the live gate wakes at once). */
const SYNC_MS = 30_000;

const ORG = 'ООО «Сибирь-Франшиза»';
const TERRITORY = 'Томская область';
const INVITEE = { email: 'owner@sibir-franchise.ru', name: 'Ирина Белова', password: 'sibir-password-1' };
const DEMO_PARTNER = 'ООО «Партнёр-Регион»';
const LOT_TITLE = 'Заявка: окна ПВХ, Томск';
const DEPOSIT_MEMO = 'Пополнение: п/п № 501';
// Amounts on screen are formatted by Intl (a no-break space groups thousands).
const money = (text: string) => new RegExp(text.replace(/ /g, '\\s'));

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Polls the server's database until `check` holds for the rows of `query`; returns the rows. */
async function onServer<T>(e2e: AppE2e, query: SQL, check: (rows: T[]) => boolean, what: string) {
  let rows: T[] = [];
  await expect
    .poll(
      async () => {
        rows = await serverRows<T>(e2e, query);
        return check(rows);
      },
      { timeout: SCREEN_MS, message: `the server's database never had ${what}` },
    )
    .toBe(true);
  return rows;
}

/** Picks `option` in the Mantine Select labelled `label` (inside `scope`), typing `search` first when given. */
async function pick(page: Page, scope: Locator | Page, label: string, option: string, search?: string) {
  const input = scope.getByRole('combobox', { name: label, exact: true });
  await input.click();
  if (search !== undefined) await input.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The text under an input that Mantine links to it as its error (aria-describedby). */
function errorOf(
  scope: Locator | Page,
  label: string,
  role: 'textbox' | 'combobox' = 'textbox',
): Promise<string> {
  return scope.getByRole(role, { name: label, exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id.includes('error') ? (document.getElementById(id)?.textContent ?? '') : ''))
      .join(''),
  );
}

/**
 * Polls the page's replica until `query` answers `expected`; on a timeout the error carries the engine's status
 * (syncing, pending, the last sync errors), which is what tells a slow sync from a stopped one.
 */
async function inReplica(page: Page, query: string, params: unknown[], expected: unknown[], what: string) {
  const end = Date.now() + SYNC_MS;
  let rows: unknown[] = [];
  while (Date.now() < end) {
    rows = await replicaQuery(page, query, params);
    if (JSON.stringify(rows) === JSON.stringify(expected)) return;
    await page.waitForTimeout(250);
  }
  const status = await engineStatus(page);
  throw new Error(
    `${what} did not reach the replica in ${SYNC_MS} ms: it has ${JSON.stringify(rows)}; engine ${JSON.stringify(status)}`,
  );
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor({ timeout: SCREEN_MS });
}

describe.skipIf(!hasChromium())(`the partner admin pages in headless Chromium (needs ${CHROMIUM})`, () => {
  let e2e: AppE2e;
  let admin: Session;
  let partner: { context: BrowserContext; page: Page };
  let partnerId = '';
  let orgId = '';

  beforeAll(async () => {
    const t0 = Date.now();
    e2e = await startAppE2e();
    const signInPartner = async () => {
      const context = await e2e.newContext();
      const page = await context.newPage();
      await page.goto(e2e.url);
      await login(page, 'partner@demo.mak');
      await waitForSynced(page, {
        ready: `SELECT (SELECT count(*) FROM lead_offers WHERE status = 'offered') = 1
          AND (SELECT count(*) FROM ledger_postings) > 0`,
      });
      return { context, page };
    };
    const [staff, demoPartner] = await Promise.all([
      openDevice(e2e, DESKTOP).then((opened) => signIn(opened, DESKTOP, 'admin@demo.mak')),
      signInPartner(),
    ]);
    admin = staff.session;
    partner = demoPartner;
    const [row] = await serverRows<{ id: string }>(
      e2e,
      sql`SELECT id FROM partners WHERE name = ${DEMO_PARTNER}`,
    );
    partnerId = row?.id ?? '';
    say(`admin and partner signed in and synced in ${Date.now() - t0} ms`);
  }, SLOW_MS);

  afterAll(async () => {
    await e2e?.stop();
  });

  it(
    'opens the partner pages from the navigation: the seeded organisations',
    async () => {
      const { page } = admin;
      await page.getByRole('link', { name: 'Партнёры' }).click();
      await page.waitForURL(/#\/partner\/admin$/, { timeout: SCREEN_MS });
      await page.getByRole('heading', { name: 'Партнёры', level: 2 }).waitFor({ timeout: SCREEN_MS });
      const table = page.getByRole('table', { name: 'Организации' });
      const seeded = await serverRows<{ name: string }>(
        e2e,
        sql`SELECT name FROM partners WHERE deleted_at IS NULL ORDER BY name`,
      );
      expect(seeded).toHaveLength(4);
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: SCREEN_MS }).toBe(4);
      for (const { name } of seeded)
        await expect.poll(() => table.getByRole('row').filter({ hasText: name }).count()).toBe(1);
      // A status is read in full, never clipped to "НА ПРО…".
      const status = table.getByRole('row', { name: /Северный ветер/ }).getByText('На проверке');
      expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await waitForScreenLoaded(page);
      await screenshot(page, 'partner-admin-orgs-desktop');
    },
    SLOW_MS,
  );

  it(
    'creates a franchisee (with a contact), saying under each field what is missing first',
    async () => {
      const { page } = admin;
      await page.getByRole('button', { name: 'Добавить партнёра' }).click();
      const dialog = page.getByRole('dialog', { name: 'Добавить партнёра' });
      await dialog.waitFor({ timeout: SCREEN_MS });
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => errorOf(dialog, 'Название')).toBe('Укажите название организации');

      await dialog.getByRole('textbox', { name: 'Название', exact: true }).fill(ORG);
      await pick(page, dialog, 'Тип', 'Франчайзи');
      await dialog.getByRole('textbox', { name: 'Территория', exact: true }).fill(TERRITORY);
      await pick(page, dialog, 'Уровень', 'Золото');
      await dialog.getByRole('textbox', { name: 'Контактное лицо', exact: true }).fill(INVITEE.name);
      await dialog.getByRole('textbox', { name: 'Должность', exact: true }).fill('Директор');
      await dialog.getByRole('textbox', { name: 'Телефон', exact: true }).fill('+7 3822 40-50-60');
      await dialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill('owner@');
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => errorOf(dialog, 'E-mail')).toBe('Похоже, в адресе ошибка');
      await dialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill(INVITEE.email);
      await waitForTransitions(page);
      await screenshot(page, 'partner-admin-org-form-desktop');
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await dialog.waitFor({ state: 'detached', timeout: SCREEN_MS });

      const [org] = await onServer<{
        id: string;
        kind: string;
        territory: string;
        grade: string;
        status: string;
        contacts: unknown;
      }>(
        e2e,
        sql`SELECT id, kind, territory, grade, status, contacts FROM partners WHERE name = ${ORG}`,
        (rows) => rows.length === 1,
        `the organisation ${ORG}`,
      );
      expect(org).toMatchObject({
        kind: 'franchisee',
        territory: TERRITORY,
        grade: 'gold',
        status: 'active',
        contacts: [
          { name: INVITEE.name, position: 'Директор', phone: '+7 3822 40-50-60', email: INVITEE.email },
        ],
      });
      orgId = org?.id ?? '';
      const row = page
        .getByRole('table', { name: 'Организации' })
        .getByRole('row', { name: new RegExp(ORG) });
      for (const text of ['Франчайзи', TERRITORY, 'Золото', 'Активен', `${INVITEE.name}, Директор`])
        await row.getByText(text).first().waitFor({ timeout: SCREEN_MS });
    },
    SLOW_MS,
  );

  it(
    'edits it: grade and INN',
    async () => {
      const { page } = admin;
      await page.getByRole('button', { name: `Изменить партнёра «${ORG}»` }).click();
      const dialog = page.getByRole('dialog', { name: `Изменить партнёра «${ORG}»` });
      await dialog.waitFor({ timeout: SCREEN_MS });
      await dialog.getByRole('textbox', { name: 'ИНН', exact: true }).fill('1234567890');
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => errorOf(dialog, 'ИНН')).toMatch(/^ИНН — 10 или 12 цифр/);
      await dialog.getByRole('textbox', { name: 'ИНН', exact: true }).fill('7707083893');
      await pick(page, dialog, 'Уровень', 'Серебро');
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await dialog.waitFor({ state: 'detached', timeout: SCREEN_MS });

      await onServer<{ grade: string; inn: string; version: number }>(
        e2e,
        sql`SELECT grade, inn, version FROM partners WHERE id = ${orgId}`,
        (rows) => rows[0]?.grade === 'silver' && rows[0]?.inn === '7707083893' && rows[0]?.version === 2,
        'the edited grade and INN',
      );
      const row = page
        .getByRole('table', { name: 'Организации' })
        .getByRole('row', { name: new RegExp(ORG) });
      await row.getByText('Серебро').waitFor({ timeout: SCREEN_MS });
    },
    SLOW_MS,
  );

  it(
    'invites an owner; the invitee opens the link on a phone, accepts it and is signed in to the cabinet',
    async () => {
      const { page } = admin;
      await page.getByRole('button', { name: `Сотрудники партнёра «${ORG}»` }).click();
      const dialog = page.getByRole('dialog', { name: `Сотрудники партнёра «${ORG}»` });
      await dialog.getByText('Сотрудников нет').waitFor({ timeout: SCREEN_MS });
      await dialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill('owner@');
      await dialog.getByRole('button', { name: 'Пригласить' }).click();
      await expect.poll(() => errorOf(dialog, 'E-mail')).toBe('Похоже, в адресе ошибка');
      await dialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill(INVITEE.email);
      await pick(page, dialog, 'Роль', 'Владелец');
      await dialog.getByRole('button', { name: 'Пригласить' }).click();
      const shown = dialog
        .getByRole('alert')
        .filter({ hasText: 'Ссылка-приглашение' })
        .getByText(/#\/invite\//);
      await shown.waitFor({ timeout: SCREEN_MS });
      const link = (await shown.textContent()) ?? '';
      expect(link).toMatch(new RegExp(`^${e2e.url}/#/invite/[\\w-]{20,}$`));
      await onServer<{ role: string; accepted_at: string | null }>(
        e2e,
        sql`SELECT role, accepted_at FROM partner_invites WHERE partner_id = ${orgId} AND email = ${INVITEE.email}`,
        (rows) => rows.length === 1 && rows[0]?.role === 'owner' && rows[0]?.accepted_at === null,
        'the open invitation',
      );
      await dialog.getByText(`${INVITEE.email} · Владелец`, { exact: false }).waitFor({ timeout: SCREEN_MS });
      await dialog.getByText('Ждёт', { exact: true }).waitFor();
      await waitForTransitions(page);
      await screenshot(page, 'partner-admin-members-desktop');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: SCREEN_MS });

      // The invitee: a new phone, the link from the e-mail.
      const context = await e2e.newContext();
      try {
        const phone = await context.newPage();
        await phone.goto(link);
        await waitForApp(phone);
        await phone.getByRole('heading', { name: 'Приглашение в MaK CRM' }).waitFor({ timeout: SCREEN_MS });
        await phone.getByRole('button', { name: 'Принять приглашение' }).click();
        await expect.poll(() => errorOf(phone, 'Ваше имя')).toBe('Укажите имя');
        await expect.poll(() => errorOf(phone, 'Пароль')).toBe('Пароль — не короче 8 символов');
        await phone.getByRole('textbox', { name: 'Ваше имя', exact: true }).fill(INVITEE.name);
        await phone.getByRole('textbox', { name: 'Пароль', exact: true }).fill(INVITEE.password);
        await phone.getByRole('textbox', { name: 'Пароль ещё раз', exact: true }).fill('sibir-password-2');
        await phone.getByRole('button', { name: 'Принять приглашение' }).click();
        await expect.poll(() => errorOf(phone, 'Пароль ещё раз')).toBe('Пароли не совпадают');
        await phone.getByRole('textbox', { name: 'Пароль ещё раз', exact: true }).fill(INVITEE.password);
        await screenshot(phone, 'partner-invite-phone');
        await phone.getByRole('button', { name: 'Принять приглашение' }).click();
        // Signed in with the new account: the partner's home is its cabinet, with its organisation's name.
        await phone.waitForURL(/#\/partner\/cabinet$/, { timeout: 60_000 });
        await phone.getByRole('heading', { name: 'Кабинет партнёра' }).waitFor({ timeout: SCREEN_MS });
        await phone.getByText(ORG, { exact: true }).waitFor({ timeout: SCREEN_MS });
        const [user] = await onServer<{ id: string; partner_id: string; role: string; member: string }>(
          e2e,
          sql`SELECT u.id, u.partner_id, r.key AS role, m.role AS member FROM users u
            JOIN roles r ON r.id = u.role_id JOIN partner_members m ON m.user_id = u.id
            WHERE u.email = ${INVITEE.email}`,
          (rows) => rows.length === 1,
          'the invitee as a user',
        );
        expect(user).toMatchObject({ partner_id: orgId, role: 'partner', member: 'owner' });
        await onServer<{ accepted: boolean }>(
          e2e,
          sql`SELECT accepted_at IS NOT NULL AS accepted FROM partner_invites WHERE email = ${INVITEE.email}`,
          (rows) => rows[0]?.accepted === true,
          'the invitation marked accepted',
        );
        // An owner may request payouts: the cabinet knows the role from the server.
        await phone.getByRole('button', { name: 'Запросить выплату' }).waitFor({ timeout: SCREEN_MS });
      } finally {
        await context.close();
      }

      await page.getByRole('button', { name: `Сотрудники партнёра «${ORG}»` }).click();
      await dialog.getByText(INVITEE.name, { exact: true }).waitFor({ timeout: SCREEN_MS });
      await dialog.getByText('Принято', { exact: true }).waitFor({ timeout: SCREEN_MS });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: SCREEN_MS });
    },
    SLOW_MS,
  );

  it(
    'puts a lead up for auction, saying what is missing first',
    async () => {
      const { page } = admin;
      // A demo lead nobody has: not a partner's, not on sale, not offered.
      const [lead] = await serverRows<{ id: string; name: string }>(
        e2e,
        sql`SELECT c.id, c.name FROM clients c WHERE c.status = 'lead' AND c.partner_id IS NULL
          AND c.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM lead_distributions d
            WHERE d.client_id = c.id AND d.status IN ('offered', 'auction'))
          ORDER BY c.created_at DESC, c.id LIMIT 1`,
      );
      if (!lead) throw new Error('the demo workspace has no free lead');
      await openTab(page, 'Лоты');
      await page.getByRole('button', { name: 'Создать лот' }).click();
      await expect.poll(() => errorOf(page, 'Старт, ₽')).toMatch(/^Введите сумму в рублях больше нуля/);
      expect(await errorOf(page, 'Шаг, ₽')).toMatch(/^Введите сумму в рублях больше нуля/);
      expect(await errorOf(page, 'Заявка (клиент)', 'combobox')).toBe('Выберите заявку');

      await pick(page, page, 'Заявка (клиент)', lead.name, lead.name.slice(0, 12));
      await page.getByRole('textbox', { name: 'Заголовок лота', exact: true }).fill(LOT_TITLE);
      await page.getByRole('textbox', { name: 'Территория лота', exact: true }).fill(TERRITORY);
      await page.getByRole('textbox', { name: 'Старт, ₽', exact: true }).fill('1500');
      await page.getByRole('textbox', { name: 'Шаг, ₽', exact: true }).fill('100');
      await page.getByRole('button', { name: 'Создать лот' }).click();
      await page.getByText('Лот создан').waitFor({ timeout: SCREEN_MS });

      await onServer<Record<string, unknown>>(
        e2e,
        sql`SELECT title, territory, status, start_price::int AS start, min_increment::int AS step
          FROM auction_lots WHERE client_id = ${lead.id}`,
        (rows) =>
          rows.length === 1 &&
          JSON.stringify(rows[0]) ===
            JSON.stringify({
              title: LOT_TITLE,
              territory: TERRITORY,
              status: 'open',
              start: 150_000,
              step: 10_000,
            }),
        `an open lot of ${lead.name}`,
      );
      const lot = page.getByRole('article', { name: LOT_TITLE });
      await lot.getByText('Идут торги').waitFor({ timeout: SYNC_MS });
      await lot.getByText(money('1 500 ₽')).waitFor();
      await lot.getByText(TERRITORY, { exact: false }).waitFor();
      await waitForTransitions(page);
      await screenshot(page, 'partner-admin-lots-desktop');
    },
    SLOW_MS,
  );

  it(
    'approves a payout the demo partner requested in its cabinet',
    async () => {
      const cabinet = partner.page;
      const payouts = cabinet.getByRole('region', { name: 'Выплаты' });
      await payouts.getByRole('textbox', { name: 'Сумма, ₽' }).fill('5000');
      await payouts.getByRole('textbox', { name: 'Комментарий' }).fill('Выплата за март');
      await payouts.getByRole('button', { name: 'Запросить выплату' }).click();
      await payouts.getByText('Запрошена').waitFor({ timeout: SYNC_MS });
      const [request] = await onServer<{ id: string; status: string; amount: number }>(
        e2e,
        sql`SELECT id, status, amount::int AS amount FROM payout_requests WHERE partner_id = ${partnerId}`,
        (rows) => rows.length === 1,
        'the payout request',
      );
      expect(request).toMatchObject({ status: 'requested', amount: 500_000 });

      const { page } = admin;
      await openTab(page, 'Выплаты');
      const item = page.getByRole('article', { name: money(`${DEMO_PARTNER} 5 000 ₽`) });
      await item.getByText('Запрошена').waitFor({ timeout: SYNC_MS });
      await item
        .getByRole('button', { name: money(`Одобрить выплату 5 000 ₽ партнёру ${DEMO_PARTNER}`) })
        .click();
      await onServer<{ status: string; decided_by: string }>(
        e2e,
        sql`SELECT status, decided_by FROM payout_requests WHERE id = ${request?.id}`,
        (rows) => rows[0]?.status === 'approved' && rows[0]?.decided_by === admin.userId,
        'the approved payout',
      );
      await item.getByText('Одобрена').waitFor({ timeout: SYNC_MS });
      await item.getByRole('textbox', { name: 'Номер платёжного поручения' }).waitFor();
      await waitForTransitions(page);
      await screenshot(page, 'partner-admin-payouts-desktop');
      // …and the partner sees the decision in its cabinet.
      await payouts.getByText('Одобрена').waitFor({ timeout: SYNC_MS });
    },
    SLOW_MS,
  );

  it(
    'books a deposit, saying what is missing first; the partner’s balance follows',
    async () => {
      const { page } = admin;
      await openTab(page, 'Пополнения');
      await page.getByRole('button', { name: 'Провести' }).click();
      await expect.poll(() => errorOf(page, 'Партнёр', 'combobox')).toBe('Выберите партнёра');
      expect(await errorOf(page, 'Сумма, ₽')).toMatch(/^Введите сумму в рублях больше нуля/);
      expect(await errorOf(page, 'Основание')).toMatch(/^Укажите основание/);

      await pick(page, page, 'Партнёр', DEMO_PARTNER);
      await page.getByRole('textbox', { name: 'Сумма, ₽', exact: true }).fill('25 000');
      await page.getByRole('textbox', { name: 'Основание', exact: true }).fill(DEPOSIT_MEMO);
      await page.getByRole('button', { name: 'Провести' }).click();
      await page.getByText('Проведено', { exact: true }).waitFor({ timeout: SCREEN_MS });
      await onServer<{ kind: string; amount: number; created_by: string }>(
        e2e,
        sql`SELECT kind, amount::int AS amount, created_by FROM ledger_entries
          WHERE partner_id = ${partnerId} AND memo = ${DEPOSIT_MEMO}`,
        (rows) => rows.length === 1,
        'the deposit',
      ).then(([entry]) =>
        expect(entry).toEqual({ kind: 'deposit', amount: 2_500_000, created_by: admin.userId }),
      );
      const booked = page.getByRole('article', { name: `${DEMO_PARTNER}: ${DEPOSIT_MEMO}` });
      await booked.getByText(money('25 000 ₽')).waitFor({ timeout: SYNC_MS });
      await waitForTransitions(page);
      await screenshot(page, 'partner-admin-money-desktop');

      // 150 000 seeded − 5 000 asked for as a payout + 25 000 deposited.
      const balance = partner.page.getByRole('region', { name: 'Баланс' });
      await expect
        .poll(() => balance.getByLabel(/^Доступно:/).textContent(), { timeout: SYNC_MS })
        .toMatch(money('170 000 ₽'));
    },
    SLOW_MS,
  );

  it(
    'the demo partner accepts its offered lead, and the accepted offer reaches its replica',
    async () => {
      const cabinet = partner.page;
      const offers = cabinet.getByRole('region', { name: 'Мои заявки' });
      const t0 = Date.now();
      await offers.getByRole('button', { name: 'Принять заявку «Поставки»' }).click();
      await offers.getByText('Новых заявок нет').waitFor({ timeout: SCREEN_MS });
      await onServer<{ status: string }>(
        e2e,
        sql`SELECT status FROM lead_offers WHERE partner_id = ${partnerId}`,
        (rows) => rows.length === 1 && rows[0]?.status === 'accepted',
        'the accepted offer',
      );
      await inReplica(
        cabinet,
        'SELECT status FROM lead_offers',
        [],
        [{ status: 'accepted' }],
        'the accepted offer',
      );
      // The lead is the partner's now: its client arrives in the partner's replica too.
      await inReplica(
        cabinet,
        'SELECT name FROM clients WHERE name = $1',
        ['Заявка: поставка спецодежды'],
        [{ name: 'Заявка: поставка спецодежды' }],
        'the handed-over lead',
      );
      say(`accepted offer in the partner's replica after ${Date.now() - t0} ms`);
    },
    SLOW_MS,
  );

  it(
    'every admin screen fits a phone (no sideways scrolling), screenshots of each',
    async () => {
      const { page } = admin;
      await page.setViewportSize(PHONE.viewport);
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      for (const [tab, name] of [
        ['Организации', 'orgs'],
        ['Лоты', 'lots'],
        ['Выплаты', 'payouts'],
        ['Пополнения', 'money'],
      ] as const) {
        await openTab(page, tab);
        await waitForScreenLoaded(page);
        await waitForTransitions(page);
        expect(await overflow(), `${tab} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
        await screenshot(page, `partner-admin-${name}-phone`);
      }
      await openTab(page, 'Организации');
      await page.getByRole('article', { name: ORG }).getByText('Серебро', { exact: false }).waitFor();
      await page.getByRole('button', { name: `Изменить партнёра «${ORG}»` }).click();
      const form = page.getByRole('dialog', { name: `Изменить партнёра «${ORG}»` });
      await form.waitFor({ timeout: SCREEN_MS });
      await waitForTransitions(page);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(page, 'partner-admin-org-form-phone');
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached', timeout: SCREEN_MS });
      await page.getByRole('button', { name: `Сотрудники партнёра «${ORG}»` }).click();
      const members = page.getByRole('dialog', { name: `Сотрудники партнёра «${ORG}»` });
      await members.getByText(INVITEE.name, { exact: true }).waitFor({ timeout: SCREEN_MS });
      await waitForTransitions(page);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(page, 'partner-admin-members-phone');
      await page.keyboard.press('Escape');
      expect(e2e.pageErrors).toEqual([]);
    },
    SLOW_MS,
  );
});
