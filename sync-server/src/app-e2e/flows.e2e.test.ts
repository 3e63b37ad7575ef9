// The product's main flows in headless Chromium against the real server on real Postgres, once on a desktop
// (1280×800) and once on a phone (390×844): sign in, create a client, work offline (create, edit, move a deal),
// search offline, reload offline, come back online and see the server and another browser catch up, move a deal on
// the board; every main screen is saved as a PNG under test-results/screenshots/.
import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Device, openDevice, PHONE, type Session, serverRows, signIn } from './devices.ts';
import {
  type AppE2e,
  CHROMIUM,
  engineStatus,
  hasChromium,
  replicaQuery,
  screenshot,
  startAppE2e,
  waitForApp,
  waitForSynced,
} from './harness.ts';
import * as steps from './user-steps.ts';

const STEP_TIMEOUT = 240_000;
/**
 * How long another browser may take to show a change: on HTTP/1.1 a replica's many long polls share the browser's
 * six connections per host, so a change can wait out another shape's 20 s poll (seen: 20–55 s on a busy machine).
 */
const LIVE_TIMEOUT = 120_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Waits for a change made elsewhere to reach a browser: first its replica (sync), then the screen it has open
 * (the live query re-rendering it), so a failure says which of the two did not happen.
 */
async function seenElsewhere(
  session: Session,
  what: string,
  since: number,
  replica: { sql: string; params: unknown[]; rows: unknown[] },
  shown: Locator,
): Promise<void> {
  await expect
    .poll(() => replicaQuery(session.page, replica.sql, replica.params), {
      timeout: LIVE_TIMEOUT,
      message: `${what}: never reached the other browser's replica`,
    })
    .toEqual(replica.rows);
  const synced = Date.now() - since;
  try {
    await shown.waitFor({ timeout: 30_000 });
  } catch {
    throw new Error(
      `${what}: in the other browser's replica after ${synced} ms, but its open screen never showed it`,
    );
  }
  say(
    `${what}: in the other browser's replica after ${synced} ms, on its screen after ${Date.now() - since} ms`,
  );
}

interface Deal {
  id: string;
  title: string;
}

interface Stage {
  id: string;
  name: string;
  position: number;
  pipeline: string;
}

/** Two open deals of the user in the first stage of the default pipeline: one to move offline, one on the board. */
const DEALS_SQL = `select d.id, d.title from deals d
  join stages s on s.id = d.stage_id join pipelines p on p.id = s.pipeline_id
  where p.is_default and s.position = 0 and d.owner_id = $1 and d.deleted_at is null
  order by d.id limit 2`;
const STAGES_SQL = `select s.id, s.name, s.position, p.name as pipeline from stages s
  join pipelines p on p.id = s.pipeline_id where p.is_default order by s.position`;

const FLOWS: { device: Device; email: string }[] = [
  { device: DESKTOP, email: 'sales1@demo.mak' },
  { device: PHONE, email: 'sales2@demo.mak' },
];

/** Each settings page by its path, its menu title and what it shows once its data has loaded (for the admin). */
const SETTINGS_SECTIONS: { id: string; title: string; loaded: (page: Page) => Locator }[] = [
  { id: 'profile', title: 'Профиль', loaded: (p) => p.getByText('admin@demo.mak') },
  { id: 'security', title: 'Безопасность', loaded: (p) => p.getByText('127.0.0.1') },
  {
    id: 'pipelines',
    title: 'Воронки и этапы',
    loaded: (p) => p.getByRole('list', { name: /^Этапы воронки/ }).getByRole('listitem'),
  },
  { id: 'fields', title: 'Дополнительные поля', loaded: (p) => p.getByText('Отрасль') },
  { id: 'users', title: 'Пользователи и команды', loaded: (p) => p.getByText('sales1@demo.mak') },
  { id: 'roles', title: 'Роли и права', loaded: (p) => p.getByText('Ключ роли: admin') },
];

describe.skipIf(!hasChromium())(`the main flows in headless Chromium (needs ${CHROMIUM})`, () => {
  let e2e: AppE2e;
  let watcher: Promise<Session> | undefined;

  /** An admin on a desktop, signed in once beside the first flow: the other browser that sees edits arrive. */
  function observer(): Promise<Session> {
    if (!watcher) {
      watcher = (async () => {
        const opened = await openDevice(e2e, DESKTOP);
        const { session, ms } = await signIn(opened, DESKTOP, 'admin@demo.mak');
        say(`admin (every record) sign-in to synced replica: ${ms} ms`);
        return session;
      })();
      // Awaited by the steps that need it; this only keeps an early failure from being "unhandled".
      watcher.catch(() => {});
    }
    return watcher;
  }

  beforeAll(async () => {
    const t0 = Date.now();
    e2e = await startAppE2e();
    say(`server on a freshly seeded demo database: ${Date.now() - t0} ms`);
  }, 300_000);

  afterAll(async () => {
    await e2e?.stop();
  });

  for (const { device, email } of FLOWS) {
    describe(`${device.name} ${device.viewport.width}×${device.viewport.height} as ${email}`, () => {
      const phone = device.name === 'phone';
      const tag = `${device.name}${Date.now().toString(36)}`;
      const onlineName = `Берёзка ${tag}`;
      const editedName = `Берёзка ${tag} (правка офлайн)`;
      const editedSource = 'Выставка без сети';
      const offlineName = `Ромашка ${tag}`;
      let me: Session;
      let onlineClientId = '';
      let offlineClientId = '';
      let offlineDeal: Deal;
      let boardDeal: Deal;
      let stages: Stage[] = [];
      const shot = async (name: string) => {
        await steps.waitForTransitions(me.page);
        await screenshot(me.page, `${device.name}-${name}`);
      };
      const offlineTarget = () => stages[3] as Stage;
      const boardTarget = () => stages[phone ? 1 : 2] as Stage;

      it(
        'shows the login screen, signs in and syncs the replica',
        async () => {
          const watching = observer();
          const opened = await openDevice(e2e, device);
          await opened.page.getByRole('button', { name: 'Войти' }).waitFor();
          await screenshot(opened.page, `${device.name}-01-login`);
          const { session, ms } = await signIn(opened, device, email);
          me = session;
          say(`${device.name}: ${email} sign-in to synced replica: ${ms} ms`);
          stages = await replicaQuery<Stage>(me.page, STAGES_SQL);
          expect(stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
          const deals = await replicaQuery<Deal>(me.page, DEALS_SQL, [me.userId]);
          expect(deals).toHaveLength(2);
          [offlineDeal, boardDeal] = deals as [Deal, Deal];
          await watching;
        },
        STEP_TIMEOUT,
      );

      it(
        'creates a client online: the server has it at once and the other browser sees it',
        async () => {
          await steps.waitForClientsList(me.page, phone);
          await steps.waitForScreenLoaded(me.page);
          await shot('02-clients');
          onlineClientId = await steps.createClient(me.page, { name: onlineName, phone: '+7 912 000-11-22' });
          const created = Date.now();
          // The admin opens its card before the client can have arrived: the card must fill in by itself.
          const watching = await observer();
          await steps.goTo(watching.page, `/clients/${onlineClientId}`);
          await waitForSynced(me.page);
          await expect
            .poll(
              () => serverRows(e2e, sql`select name, owner_id from clients where id = ${onlineClientId}`),
              {
                timeout: 30_000,
              },
            )
            .toEqual([{ name: onlineName, owner_id: me.userId }]);
          await steps.syncBadge(me.page, 'Всё сохранено').waitFor();
          await steps.waitForScreenLoaded(me.page);
          await shot('03-client-card');
          // The admin keeps this card open: the offline edit below must reach it without a reload.
          await seenElsewhere(
            watching,
            `${device.name}: client created online`,
            created,
            {
              sql: 'select name from clients where id = $1',
              params: [onlineClientId],
              rows: [{ name: onlineName }],
            },
            watching.page.getByRole('heading', { name: onlineName, exact: true }),
          );
        },
        STEP_TIMEOUT,
      );

      it(
        'works offline: creates a client, edits another and moves a deal, all kept on the device',
        async () => {
          await me.context.setOffline(true);
          await steps.syncBadge(me.page, 'Не в сети').waitFor();
          offlineClientId = await steps.createClient(me.page, {
            name: offlineName,
            phone: '+7 912 333-44-55',
          });
          await steps.editClient(
            me.page,
            { id: onlineClientId, name: onlineName },
            { name: editedName, source: editedSource },
          );
          await steps.moveDealOnCard(me.page, offlineDeal, offlineTarget());
          await steps.waitForOfflineBadge(me.page, 3);
          expect((await engineStatus(me.page)).pending).toBe(3);
          // Nothing of it has reached the server.
          expect(await serverRows(e2e, sql`select id from clients where id = ${offlineClientId}`)).toEqual(
            [],
          );
          expect(await serverRows(e2e, sql`select name from clients where id = ${onlineClientId}`)).toEqual([
            { name: onlineName },
          ]);
          expect(
            await serverRows(e2e, sql`select stage_id from deals where id = ${offlineDeal.id}`),
          ).not.toEqual([{ stage_id: offlineTarget().id }]);
        },
        STEP_TIMEOUT,
      );

      it(
        `finds the offline client with global search while offline (${phone ? 'search button' : 'Ctrl+K'})`,
        async () => {
          const results = await steps.searchFor(me.page, offlineName, phone);
          const hit = results.getByRole('option', { name: new RegExp(offlineName) });
          await hit.waitFor({ timeout: 60_000 });
          await shot('04-search');
          await me.page.keyboard.press('Enter');
          await me.page.waitForURL(new RegExp(`#/clients/${offlineClientId}$`));
          await me.page.getByRole('heading', { name: offlineName, exact: true }).waitFor();
        },
        STEP_TIMEOUT,
      );

      it(
        'reloads while offline: the service worker serves the app and the replica still holds the offline edits',
        async () => {
          const t0 = Date.now();
          await me.page.reload();
          await waitForApp(me.page);
          await steps.waitForOfflineBadge(me.page, 3);
          say(`${device.name}: offline reload → app with pending count: ${Date.now() - t0} ms`);
          await steps.openClient(me.page, onlineClientId, editedName);
          await steps.openDeal(me.page, offlineDeal.id, offlineDeal.title);
          await me.page
            .getByText(`${offlineTarget().pipeline} · ${offlineTarget().name}`, { exact: true })
            .waitFor();
          // The list's own search finds it too, from the replica.
          await steps.goTo(me.page, '/clients');
          await me.page.getByRole('textbox', { name: 'Поиск клиентов' }).fill(offlineName);
          await (phone
            ? me.page
                .getByRole('list', { name: 'Клиенты' })
                .getByRole('link', { name: new RegExp(offlineName) })
            : me.page.locator(`tr[data-client-row="${offlineClientId}"]`)
          ).waitFor({ timeout: 60_000 });
          await steps.syncBadge(me.page).click();
          const panel = me.page.getByRole('dialog', { name: 'Синхронизация' });
          await panel.getByText('3 изменения ждут отправки').waitFor();
          await panel.getByText('Не в сети', { exact: true }).waitFor();
          await shot('05-sync-panel-offline');
          await me.page.keyboard.press('Escape');
          await panel.waitFor({ state: 'hidden' });
        },
        STEP_TIMEOUT,
      );

      it(
        'goes online: the outbox drains, the server has every change and the other browser sees them live',
        async () => {
          const watching = await observer();
          const t0 = Date.now();
          await me.context.setOffline(false);
          await waitForSynced(me.page, { timeout: 120_000, settleMs: 500 });
          say(`${device.name}: back online → outbox drained: ${Date.now() - t0} ms`);
          await steps.syncBadge(me.page, 'Всё сохранено').waitFor();
          expect(
            await serverRows(e2e, sql`select name, owner_id from clients where id = ${offlineClientId}`),
          ).toEqual([{ name: offlineName, owner_id: me.userId }]);
          expect(
            await serverRows(e2e, sql`select name, source from clients where id = ${onlineClientId}`),
          ).toEqual([{ name: editedName, source: editedSource }]);
          expect(await serverRows(e2e, sql`select stage_id from deals where id = ${offlineDeal.id}`)).toEqual(
            [{ stage_id: offlineTarget().id }],
          );
          // The admin's open card changes its title by itself; the new client and the moved deal arrive too.
          await seenElsewhere(
            watching,
            `${device.name}: offline edit after reconnecting`,
            t0,
            {
              sql: 'select name from clients where id = $1',
              params: [onlineClientId],
              rows: [{ name: editedName }],
            },
            watching.page.getByRole('heading', { name: editedName, exact: true }),
          );
          await expect
            .poll(
              async () => [
                ...(await replicaQuery(watching.page, 'select name from clients where id = $1', [
                  offlineClientId,
                ])),
                ...(await replicaQuery(watching.page, 'select stage_id from deals where id = $1', [
                  offlineDeal.id,
                ])),
              ],
              { timeout: LIVE_TIMEOUT },
            )
            .toEqual([{ name: offlineName }, { stage_id: offlineTarget().id }]);
        },
        STEP_TIMEOUT,
      );

      it(
        phone
          ? 'moves a deal to another stage from the phone board, and the server has it'
          : 'drags a deal across the kanban with the mouse, and the server has it',
        async () => {
          await steps.goTo(me.page, '/deals');
          await me.page.getByTestId(`stage-column-${stages[0]?.id}`).waitFor({ timeout: 60_000 });
          // Column totals come before the cards (the first column says "Нет сделок" for a moment).
          await me.page.locator('[data-testid^="deal-card-"]').first().waitFor({ timeout: 60_000 });
          await steps.waitForScreenLoaded(me.page);
          await shot('06-deals-board');
          const t0 = Date.now();
          if (phone) await steps.moveDealByMenu(me.page, boardDeal, boardTarget().name);
          else {
            await steps.showDealOnBoard(me.page, boardDeal);
            await steps.dragDealToStage(me.page, boardDeal.id, boardTarget().id);
          }
          await expect
            .poll(() => serverRows(e2e, sql`select stage_id from deals where id = ${boardDeal.id}`), {
              timeout: 30_000,
            })
            .toEqual([{ stage_id: boardTarget().id }]);
          say(`${device.name}: deal moved on the board → on the server: ${Date.now() - t0} ms`);
        },
        STEP_TIMEOUT,
      );

      it(
        'renders the deals table, a deal card and the tasks',
        async () => {
          await steps.goTo(me.page, '/deals/table');
          // The default order is "last changed first": the deal just moved leads the list.
          await (phone
            ? me.page.getByRole('button', { name: boardDeal.title, exact: true })
            : me.page.getByRole('cell', { name: boardDeal.title, exact: true })
          )
            .first()
            .waitFor({ timeout: 60_000 });
          await steps.waitForScreenLoaded(me.page);
          await shot('07-deals-table');
          await steps.openDeal(me.page, boardDeal.id, boardDeal.title);
          await me.page
            .getByText(`${boardTarget().pipeline} · ${boardTarget().name}`, { exact: true })
            .waitFor();
          // The form's selects fill in once the replica's stages and users have been read.
          await steps.waitForValue(
            me.page.getByRole('combobox', { name: 'Воронка и этап' }),
            boardTarget().name,
          );
          await steps.waitForValue(me.page.getByRole('combobox', { name: 'Ответственный' }), /\S/);
          await steps.waitForScreenLoaded(me.page);
          await shot('08-deal-card');
          await steps.goTo(me.page, '/tasks');
          await me.page.getByRole('tab', { name: /^Мои/ }).waitFor({ timeout: 60_000 });
          await me.page
            .getByRole('checkbox', { name: /^Отметить выполненной: / })
            .first()
            .waitFor();
          await steps.waitForScreenLoaded(me.page);
          await shot('09-tasks');
        },
        STEP_TIMEOUT,
      );
    });
  }

  it(
    'renders every settings page for an admin, at desktop and at phone size',
    async () => {
      const watching = await observer();
      for (const device of [DESKTOP, PHONE]) {
        await watching.page.setViewportSize(device.viewport);
        for (const { id, title, loaded } of SETTINGS_SECTIONS) {
          await steps.goTo(watching.page, `/settings/${id}`);
          await (device.name === 'phone'
            ? watching.page.getByRole('tab', { name: title, selected: true })
            : watching.page
                .getByRole('link', { name: title })
                .and(watching.page.locator('[aria-current="page"]'))
          ).waitFor({ timeout: 60_000 });
          await loaded(watching.page).first().waitFor({ timeout: 60_000 });
          await steps.waitForScreenLoaded(watching.page);
          await steps.waitForTransitions(watching.page);
          await screenshot(watching.page, `${device.name}-10-settings-${id}`);
        }
      }
    },
    STEP_TIMEOUT,
  );

  it('threw no uncaught errors and broke no Content-Security-Policy rule in any page', () => {
    expect(e2e.pageErrors).toEqual([]);
    expect(e2e.cspViolations).toEqual([]);
  });
});
