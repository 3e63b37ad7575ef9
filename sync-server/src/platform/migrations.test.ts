import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as schema from '@mak/shared/schema';
import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Database, MIGRATIONS_DIR, openDatabase, rowsOf } from './db.ts';

// Runs in the postgres project only (not an *.api.test.ts): it creates its own databases on the test server.

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));
const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

/** The business and access tables whose every write lands in audit_log (migrations/0001). */
const AUDITED = [
  'teams',
  'partners',
  'roles',
  'role_permissions',
  'users',
  'clients',
  'contacts',
  'pipelines',
  'stages',
  'deals',
  'tasks',
  'notes',
  'segments',
  'custom_fields',
];

/**
 * What the schema promises: tables with their columns and indexes; every versioned table bumps its version in a
 * touch trigger (If-Match relies on it), searchable ones fill their search columns, audited ones write the log.
 */
const expected = tables.map((t) => {
  const config = getTableConfig(t);
  const columns = config.columns.map((c) => snake(c.name));
  const triggers = [
    ...(columns.includes('version') ? ['touch'] : []),
    ...(AUDITED.includes(getTableName(t)) ? ['audit'] : []),
    ...(columns.includes('search_text') ? ['search'] : []),
  ].map((k) => `${getTableName(t)}_${k}`);
  return {
    name: getTableName(t),
    columns,
    indexes: config.indexes.map((i) => i.config.name ?? ''),
    triggers,
  };
});

async function rows<T = Record<string, unknown>>(database: Database, query: string): Promise<T[]> {
  return rowsOf<T>(await database.db.execute(sql.raw(query)));
}

async function one<T>(database: Database, query: string): Promise<T> {
  const [row] = await rows<T>(database, query);
  if (!row) throw new Error(`no row: ${query}`);
  return row;
}

/** Everything the schema lists is in the database, each trigger fires as designed. */
async function expectComplete(database: Database) {
  const columns = await rows<{ t: string; c: string }>(
    database,
    `select table_name as t, column_name as c from information_schema.columns where table_schema = 'public'`,
  );
  const indexes = new Set(
    (
      await rows<{ n: string }>(database, `select indexname as n from pg_indexes where schemaname = 'public'`)
    ).map((r) => r.n),
  );
  const triggers = await rows<{ t: string; n: string }>(
    database,
    `select c.relname as t, tg.tgname as n from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
     join pg_namespace ns on ns.oid = c.relnamespace where ns.nspname = 'public' and not tg.tgisinternal`,
  );
  for (const table of expected) {
    const actual = columns.filter((r) => r.t === table.name).map((r) => r.c);
    expect(actual.sort(), table.name).toEqual([...table.columns].sort());
    for (const index of table.indexes) expect(indexes.has(index), index).toBe(true);
    const onTable = triggers.filter((r) => r.t === table.name).map((r) => r.n);
    expect(onTable, `${table.name} triggers`).toEqual(expect.arrayContaining(table.triggers));
  }
  expect(expected.length).toBeGreaterThanOrEqual(17);
  // Every audited table is in the schema (a rename would silently drop its audit trail otherwise).
  expect(
    expected
      .filter((t) => t.triggers.some((n) => n.endsWith('_audit')))
      .map((t) => t.name)
      .sort(),
  ).toEqual([...AUDITED].sort());
  for (const index of ['clients_search_trgm_idx', 'contacts_search_trgm_idx', 'deals_search_trgm_idx']) {
    expect(indexes.has(index), index).toBe(true);
  }
  const ext = await rows<{ n: string }>(
    database,
    `select extname as n from pg_extension where extname = 'pg_trgm'`,
  );
  expect(ext).toHaveLength(1);
  const applied = await one<{ n: number }>(
    database,
    'select count(*)::int as n from drizzle.__drizzle_migrations',
  );
  expect(applied.n).toBe(journal.entries.length);

  // The triggers work: version/updated_at bump, search columns fill, the audit log records.
  const id = '01900000-0000-7000-8000-00000000abcd';
  await rows(database, `insert into teams (id, name) values ('${id}', 'Отдел продаж')`);
  await rows(database, `update teams set name = 'Отдел продаж 2' where id = '${id}'`);
  const team = await one<{ version: number }>(database, `select version from teams where id = '${id}'`);
  expect(team.version).toBe(2);
  const audit = await rows<{ action: string }>(
    database,
    `select action from audit_log where row_id = '${id}' order by id`,
  );
  expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  await rows(
    database,
    `insert into clients (id, name, phones) values ('${id}', 'Продажи Сибири', array['8 (912) 345-67-89'])`,
  );
  const client = await one<{ hit: boolean; text: string }>(
    database,
    `select search @@ websearch_to_tsquery('russian', 'продажа') as hit, search_text as text from clients where id = '${id}'`,
  );
  expect(client.hit).toBe(true);
  expect(client.text).toContain('79123456789');
}

async function counts(database: Database) {
  const r = await one<{ m: number; t: number; a: number }>(
    database,
    `select (select count(*)::int from drizzle.__drizzle_migrations) as m,
            (select count(*)::int from pg_trigger where not tgisinternal) as t,
            (select count(*)::int from audit_log) as a`,
  );
  return r;
}

const adminUrl = () => inject('databaseUrl');
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `mak_mig_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
});

describe('migrations from an empty database', () => {
  it('Postgres: creates every table, column, index and trigger; a second run is a no-op', async () => {
    const database = await openDatabase({ kind: 'postgres', url: await freshDatabase() });
    try {
      await database.migrate();
      await expectComplete(database);
      const before = await counts(database);
      await database.migrate();
      expect(await counts(database)).toEqual(before);
      const team = await one<{ name: string }>(
        database,
        `select name from teams where id = '01900000-0000-7000-8000-00000000abcd'`,
      );
      expect(team.name).toBe('Отдел продаж 2');
    } finally {
      await database.close();
    }
  });

  it('Postgres: two servers migrating one empty database at once both succeed (advisory lock)', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([
      openDatabase({ kind: 'postgres', url }),
      openDatabase({ kind: 'postgres', url }),
    ]);
    try {
      const results = await Promise.allSettled([a.migrate(), b.migrate()]);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual([
        'fulfilled',
        'fulfilled',
      ]);
      await expectComplete(a);
      // Nothing was applied twice.
      expect((await counts(b)).m).toBe(journal.entries.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('PGlite in memory: the same schema from empty, and a second run is a no-op', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: ':memory:' });
    try {
      await database.migrate();
      await expectComplete(database);
      const before = await counts(database);
      await database.migrate();
      expect(await counts(database)).toEqual(before);
    } finally {
      await database.close();
    }
  });
});
