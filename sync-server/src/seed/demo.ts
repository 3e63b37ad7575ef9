import { newId } from '@mak/shared/ids';
import {
  clients,
  contacts,
  customFields,
  deals,
  notes,
  partners,
  pipelines,
  stages,
  tasks,
  teams,
  users,
} from '@mak/shared/schema';
import { count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import { createUser } from '../modules/users/create-user.ts';
import { type Db, type Tx, writeTx } from '../platform/db.ts';
import { seedDemoEconomy } from './demo-economy.ts';
import {
  buildClients,
  buildDeals,
  buildNotes,
  buildTasks,
  type DemoContext,
  type Row,
} from './demo-records.ts';
import { ensureBuiltinRoles } from './roles.ts';
import * as ru from './ru-data.ts';

export const DEMO_PASSWORD = 'demo-password';

const DEMO_USERS = [
  { key: 'admin', role: 'admin', email: 'admin@demo.mak', name: 'Алексей Воронов' },
  { key: 'manager', role: 'manager', email: 'manager@demo.mak', name: 'Ирина Соколова' },
  { key: 'sales1', role: 'sales', email: 'sales1@demo.mak', name: 'Дмитрий Кузнецов' },
  { key: 'sales2', role: 'sales', email: 'sales2@demo.mak', name: 'Екатерина Белова' },
  { key: 'partner', role: 'partner', email: 'partner@demo.mak', name: 'Олег Захаров' },
] as const;

export interface DemoLogin {
  role: string;
  email: string;
}

export function demoLogins(): DemoLogin[] {
  return DEMO_USERS.map(({ role, email }) => ({ role, email }));
}

export interface SeedOptions {
  clients?: number;
  deals?: number;
  seed?: number;
}

export interface SeedResult {
  logins: DemoLogin[];
  counts: Record<'clients' | 'contacts' | 'deals' | 'tasks' | 'notes', number>;
}

const BATCH = 500;

async function insertBatches(tx: Tx, table: PgTable, rows: Row[]): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: one helper for every table; each row literal is typed where built.
  for (let i = 0; i < rows.length; i += BATCH) await tx.insert(table).values(rows.slice(i, i + BATCH) as any);
}

/**
 * The demo workspace: roles, a sales team, a partner organisation, five users, two pipelines, custom fields and a
 * realistic volume of Russian clients, deals, tasks and notes. One transaction, with the admin as the audit actor.
 */
export async function seedDemo(db: Db, opts: SeedOptions = {}): Promise<SeedResult> {
  const rng = new ru.Rng(opts.seed ?? 42);
  const adminId = newId();

  const counts = await writeTx(db, adminId, async (tx) => {
    await ensureBuiltinRoles(tx);
    const teamId = newId();
    const partnerId = newId();
    await tx.insert(teams).values({ id: teamId, name: 'Отдел продаж — Москва' });
    await tx
      .insert(partners)
      .values({ id: partnerId, name: 'ООО «Партнёр-Регион»', inn: ru.innWithCheck10('540612345') });
    const ids: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      const created = await createUser(tx, {
        id: u.key === 'admin' ? adminId : undefined,
        email: u.email,
        password: DEMO_PASSWORD,
        name: u.name,
        roleKey: u.role,
        teamId: u.key === 'manager' || u.key.startsWith('sales') ? teamId : null,
        partnerId: u.key === 'partner' ? partnerId : null,
      });
      ids[u.key] = created.id;
    }
    const managerId = ids.manager as string;

    // Pipelines and stages.
    const salesId = newId();
    const partnerPipeId = newId();
    await tx.insert(pipelines).values([
      { id: salesId, name: 'Продажи', position: 0, isDefault: true },
      { id: partnerPipeId, name: 'Партнёрские сделки', position: 1 },
    ]);
    const stageDefs = (pipelineId: string, list: [string, string, 'won' | 'lost' | ''][]) =>
      list.map(([name, color, end], position) => ({
        id: newId(),
        pipelineId,
        name,
        color,
        position,
        isWon: end === 'won',
        isLost: end === 'lost',
      }));
    const salesStages = stageDefs(salesId, [
      ['Новый лид', '#9e9e9e', ''],
      ['Квалификация', '#42a5f5', ''],
      ['Предложение', '#ab47bc', ''],
      ['Переговоры', '#ffa726', ''],
      ['Успешно', '#66bb6a', 'won'],
      ['Отказ', '#ef5350', 'lost'],
    ]);
    const partnerStages = stageDefs(partnerPipeId, [
      ['Заявка партнёра', '#9e9e9e', ''],
      ['Проверка клиента', '#42a5f5', ''],
      ['Согласование условий', '#ffa726', ''],
      ['Сделка закрыта', '#66bb6a', 'won'],
      ['Не состоялась', '#ef5350', 'lost'],
    ]);
    await tx.insert(stages).values([...salesStages, ...partnerStages]);

    await tx.insert(customFields).values([
      {
        id: newId(),
        entity: 'clients',
        key: 'industry',
        label: 'Отрасль',
        type: 'select',
        options: ru.INDUSTRIES,
        position: 0,
      },
      { id: newId(), entity: 'clients', key: 'budget', label: 'Бюджет', type: 'money', position: 1 },
      {
        id: newId(),
        entity: 'deals',
        key: 'lead_source_detail',
        label: 'Источник подробно',
        type: 'text',
        position: 0,
      },
    ]);

    const ctx: DemoContext = {
      rng,
      now: Date.now(),
      owners: [ids.sales1, ids.sales2, managerId] as string[],
      managerId,
      partnerId,
      partnerUserId: ids.partner as string,
      sales: { pipelineId: salesId, stages: salesStages },
      partnerDeals: { pipelineId: partnerPipeId, stages: partnerStages },
    };
    const built = buildClients(ctx, opts.clients ?? 2000);
    await insertBatches(tx, clients, built.clients);
    await insertBatches(tx, contacts, built.contacts);
    const nDeals = opts.deals ?? 1000;
    const dealRows = buildDeals(ctx, built.owned, nDeals);
    await insertBatches(tx, deals, dealRows.deals);
    const taskRows = buildTasks(ctx, built.owned, dealRows.owned, Math.round(nDeals * 1.5));
    await insertBatches(tx, tasks, taskRows);
    const noteRows = buildNotes(ctx, built.owned, dealRows.owned, Math.round(nDeals * 1.5));
    await insertBatches(tx, notes, noteRows);
    await seedDemoEconomy(tx, { adminId, partnerId, partnerUserId: ids.partner as string });
    return {
      clients: built.clients.length,
      contacts: built.contacts.length,
      deals: dealRows.deals.length,
      tasks: taskRows.length,
      notes: noteRows.length,
    };
  });
  return { logins: demoLogins(), counts };
}

/** First run of a fresh server: seed the demo workspace only into a database without users. */
export async function seedDemoIfEmpty(db: Db, logger: Logger): Promise<SeedResult | null> {
  const hasUsers = async () => ((await db.select({ n: count() }).from(users))[0]?.n ?? 0) > 0;
  if (await hasUsers()) return null;
  const started = performance.now();
  try {
    const result = await seedDemo(db);
    logger.info({ ...result.counts, ms: Math.round(performance.now() - started) }, 'demo data seeded');
    return result;
  } catch (err) {
    // Another instance seeding the same empty Postgres at the same moment wins; this one just carries on.
    if (await hasUsers()) return null;
    throw err;
  }
}
