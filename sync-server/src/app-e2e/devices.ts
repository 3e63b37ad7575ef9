/**
 * Browser profiles of the flow tests: a desktop window and a phone, each a fresh context (its own IndexedDB replica,
 * caches and service worker).
 */
import type { SQL } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { rowsOf } from '../platform/db.ts';
import { type AppE2e, login, waitForApp, waitForSynced } from './harness.ts';

export interface Device {
  /** Prefix of its screenshots and test names. */
  name: 'desktop' | 'phone';
  /** The app picks its phone layout by width alone (under 768 px), so a window of a phone's size is a phone. */
  viewport: { width: number; height: number };
}

export const DESKTOP: Device = { name: 'desktop', viewport: { width: 1280, height: 800 } };
export const PHONE: Device = { name: 'phone', viewport: { width: 390, height: 844 } };

export interface Session {
  device: Device;
  context: BrowserContext;
  page: Page;
  email: string;
  /** The signed-in user's id. */
  userId: string;
}

/**
 * A new profile (the harness's context: its page errors and CSP violations are collected) at the device's size,
 * with the app loaded and the login form showing.
 */
export async function openDevice(
  e2e: AppE2e,
  device: Device,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.newContext();
  const page = await context.newPage();
  await page.setViewportSize(device.viewport);
  await page.goto(e2e.url);
  await waitForApp(page);
  return { context, page };
}

/**
 * Signs in through the form and waits until the replica is live with the user's clients in it and the service
 * worker controls the page (so a reload works offline). Returns how long that took.
 */
export async function signIn(
  opened: { context: BrowserContext; page: Page },
  device: Device,
  email: string,
): Promise<{ session: Session; ms: number }> {
  const { page } = opened;
  const t0 = Date.now();
  await login(page, email);
  await waitForSynced(page, { ready: 'select exists (select 1 from clients)', timeout: 240_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  const userId = await page.evaluate(async () => {
    const engine = (globalThis as unknown as import('./harness.ts').PageGlobals).makEngine;
    return (await engine.session())?.user.id ?? '';
  });
  if (!userId) throw new Error(`${email} has no session after signing in`);
  return { session: { ...opened, device, email, userId }, ms: Date.now() - t0 };
}

/** Rows from the test server's Postgres (the truth the replicas converge to). */
export async function serverRows<T>(e2e: AppE2e, query: SQL): Promise<T[]> {
  return rowsOf<T>(await e2e.server.database.db.execute(query));
}
