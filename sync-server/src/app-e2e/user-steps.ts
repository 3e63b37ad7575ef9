/**
 * What a user does in the app, by the names the screens give their controls (Russian UI): each step waits on what
 * the screen shows afterwards, never on a fixed delay.
 */
import type { Locator, Page } from 'playwright-core';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SCREEN_TIMEOUT = 60_000;

/** Same-document navigation to a hash route (no reload: the engine worker and its replica stay up). */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, route);
}

/** The header's sync badge; its accessible name reads "Синхронизация: <state>[, N изменений ждут отправки]". */
export function syncBadge(page: Page, state?: string | RegExp): Locator {
  if (state === undefined) return page.getByRole('button', { name: /^Синхронизация: / });
  const pattern = typeof state === 'string' ? new RegExp(`^Синхронизация: ${state}`) : state;
  return page.getByRole('button', { name: pattern });
}

/** Waits until the badge says the device is offline with exactly `pending` unsent changes. */
export async function waitForOfflineBadge(page: Page, pending: number): Promise<void> {
  await syncBadge(page, new RegExp(`^Синхронизация: Не в сети, ${pending} изменени`)).waitFor({
    timeout: SCREEN_TIMEOUT,
  });
}

/** The clients list has rendered rows (table rows on a desktop, cards on a phone). */
export async function waitForClientsList(page: Page, phone: boolean): Promise<void> {
  await page.getByRole('heading', { name: 'Клиенты' }).waitFor({ timeout: SCREEN_TIMEOUT });
  const row = phone
    ? page.getByRole('list', { name: 'Клиенты' }).getByRole('link').first()
    : page.locator('tr[data-client-row]').first();
  await row.waitFor({ timeout: SCREEN_TIMEOUT });
}

/** 'Создать клиента' → the modal → the new client's card; returns the client's id (made on the device). */
export async function createClient(page: Page, client: { name: string; phone: string }): Promise<string> {
  await goTo(page, '/clients');
  await page.getByRole('button', { name: 'Создать клиента' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый клиент' });
  await dialog.getByRole('textbox', { name: 'Имя или название' }).fill(client.name);
  await dialog.getByRole('textbox', { name: 'Телефон' }).fill(client.phone);
  await dialog.getByRole('button', { name: 'Создать', exact: true }).click();
  await page.waitForURL(new RegExp(`#/clients/${UUID}$`), { timeout: SCREEN_TIMEOUT });
  await page.getByRole('heading', { name: client.name, exact: true }).waitFor({ timeout: SCREEN_TIMEOUT });
  const id = new URL(page.url()).hash.slice('#/clients/'.length);
  if (!new RegExp(`^${UUID}$`).test(id)) throw new Error(`unexpected client card URL ${page.url()}`);
  return id;
}

/** Opens a client's card and waits for its name. */
export async function openClient(page: Page, id: string, name: string): Promise<void> {
  await goTo(page, `/clients/${id}`);
  await page.getByRole('heading', { name, exact: true }).waitFor({ timeout: SCREEN_TIMEOUT });
}

/** 'Изменить' on the client's card: a new name and source, 'Сохранить'. */
export async function editClient(
  page: Page,
  client: { id: string; name: string },
  next: { name: string; source: string },
): Promise<void> {
  await openClient(page, client.id, client.name);
  await page.getByRole('button', { name: 'Изменить', exact: true }).click();
  await page.getByRole('textbox', { name: 'Имя или название' }).fill(next.name);
  await page.getByRole('textbox', { name: 'Источник' }).fill(next.source);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await page.getByRole('heading', { name: next.name, exact: true }).waitFor({ timeout: SCREEN_TIMEOUT });
  await page.getByRole('button', { name: 'Изменить', exact: true }).waitFor({ timeout: SCREEN_TIMEOUT });
}

/** Opens a deal's card and waits for its title. */
export async function openDeal(page: Page, id: string, title: string): Promise<void> {
  await goTo(page, `/deals/${id}`);
  await page.getByRole('heading', { name: title, exact: true }).waitFor({ timeout: SCREEN_TIMEOUT });
}

/** The deal card's 'Воронка и этап' select: picking a stage moves the deal (deal.move). */
export async function moveDealOnCard(
  page: Page,
  deal: { id: string; title: string },
  stage: { pipeline: string; name: string },
): Promise<void> {
  await openDeal(page, deal.id, deal.title);
  await page.getByRole('combobox', { name: 'Воронка и этап' }).click();
  await page.getByRole('option', { name: stage.name, exact: true }).click();
  await page
    .getByText(`${stage.pipeline} · ${stage.name}`, { exact: true })
    .waitFor({ timeout: SCREEN_TIMEOUT });
}

/** The kanban filtered to one deal by its title, so its card is on screen whatever the column caps. */
export async function showDealOnBoard(page: Page, deal: { id: string; title: string }): Promise<Locator> {
  await goTo(page, '/deals');
  await page.getByRole('searchbox', { name: 'Поиск сделок' }).fill(deal.title);
  const card = page.getByTestId(`deal-card-${deal.id}`);
  await card.waitFor({ timeout: SCREEN_TIMEOUT });
  return card;
}

/**
 * Drags a card to another column with the mouse in small steps: dnd-kit's pointer sensor starts a drag only after
 * the pointer has moved 6 px with the button down, and the drop target is the column under the pointer.
 */
export async function dragDealToStage(page: Page, dealId: string, stageId: string): Promise<void> {
  const card = page.getByTestId(`deal-card-${dealId}`);
  const column = page.getByTestId(`stage-column-${stageId}`);
  await column.scrollIntoViewIfNeeded();
  await card.scrollIntoViewIfNeeded();
  const from = await card.boundingBox();
  const to = await column.boundingBox();
  if (!from || !to) throw new Error('the card or the target column is not on screen');
  const start = { x: from.x + from.width / 2, y: from.y + Math.min(from.height / 2, 30) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 12, start.y + 4, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 160), { steps: 20 });
  await page.mouse.up();
  await column.getByTestId(`deal-card-${dealId}`).waitFor({ timeout: SCREEN_TIMEOUT });
}

/** On a phone the board shows one stage; a card's 'Переместить сделку «…»' menu moves it to another. */
export async function moveDealByMenu(page: Page, deal: { id: string; title: string }, stage: string) {
  await showDealOnBoard(page, deal);
  await page
    .getByRole('button', { name: `Переместить сделку «${deal.title}»` })
    .first()
    .click();
  await page.getByRole('menuitem', { name: stage, exact: true }).click();
}

/** Polls `check` (every 250 ms) until it holds: for states no single element or attribute shows. */
export async function until(check: () => Promise<boolean>, what: string, timeout = SCREEN_TIMEOUT) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
}

/** An input (a Mantine Select's text box too) shows `expected`; a RegExp for "any non-empty" and the like. */
export async function waitForValue(input: Locator, expected: string | RegExp): Promise<void> {
  await until(async () => {
    const value = await input.inputValue();
    return typeof expected === 'string' ? value === expected : expected.test(value);
  }, `${input} to show ${expected}`);
}

/** Modals, drawers and toasts have finished their transitions (endless ones, like spinners, do not count). */
export async function waitForTransitions(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    null,
    { timeout: SCREEN_TIMEOUT },
  );
}

/** Nothing in the main area is still loading (no loader, no skeleton row): the moment to take a screenshot. */
export async function waitForScreenLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('main .mantine-Loader-root, main .mantine-Skeleton-root'),
    null,
    { timeout: SCREEN_TIMEOUT },
  );
}

/** Opens global search (Ctrl+K on a desktop, the header's search button on a phone) and types `text`. */
export async function searchFor(page: Page, text: string, viaButton: boolean): Promise<Locator> {
  if (viaButton) await page.getByRole('button', { name: 'Поиск', exact: true }).click();
  else await page.keyboard.press('Control+KeyK');
  const box = page.getByRole('combobox', { name: 'Глобальный поиск' });
  await box.waitFor({ timeout: SCREEN_TIMEOUT });
  await box.fill(text);
  return page.getByRole('listbox', { name: 'Глобальный поиск' });
}
