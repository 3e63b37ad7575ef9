import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Config } from '../config.ts';
import { engine } from '../testing/harness.ts';
import { auth, drain, type ShapeServer, shapeGet, startShapeServer } from './test-kit.ts';

// C21: handles are persisted and never issued twice, across rotations and restarts. On PGlite the server runs on
// a data folder on disk so that it can be restarted; on Postgres both servers share the test database.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mak-shape-restart-'));
const overrides: Partial<Config> =
  engine() === 'pglite' ? { database: { kind: 'pglite', dataDir: dir } } : {};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('C21 handles survive a restart, are never re-issued, and a client resumes from its offset', async () => {
  const handles: string[] = [];
  let s: ShapeServer = await startShapeServer(overrides);
  await s.sql.query('CREATE TABLE rs_items (id int PRIMARY KEY, name text)');
  await s.sql.query(`INSERT INTO rs_items SELECT g, 'n' || g FROM generate_series(1, 3) g`);
  const first = await drain(s.url, { table: 'rs_items' }, auth);
  handles.push(first.handle);
  await s.sql.query('TRUNCATE rs_items');
  await s.sql.query(`INSERT INTO rs_items VALUES (10, 'ten')`);
  const second = await drain(s.url, { table: 'rs_items' }, auth);
  handles.push(second.handle);
  await s.stop();

  s = await startShapeServer(overrides);
  try {
    // The live shape is the same one after the restart: the client resumes where it was.
    await s.sql.query(`INSERT INTO rs_items VALUES (11, 'eleven')`);
    const resumed = await drain(s.url, { table: 'rs_items' }, auth, second);
    expect(resumed.handle).toBe(second.handle);
    expect(resumed.messages.map((m) => m.value?.id)).toEqual(['11']);
    // The rotated one stays dead.
    const old = await shapeGet(
      s.url,
      { table: 'rs_items', handle: first.handle, offset: first.offset },
      auth,
    );
    expect(old.status).toBe(409);
    expect(old.handle).toBe(second.handle);
    // New shapes and rotations after the restart get fresh handles.
    await s.sql.query('TRUNCATE rs_items');
    const third = await drain(s.url, { table: 'rs_items' }, auth);
    handles.push(third.handle);
    const other = await drain(s.url, { table: 'rs_items', where: 'id > 0' }, auth);
    handles.push(other.handle);
    expect(new Set(handles).size).toBe(handles.length);
    const stored = await s.sql.query<{ handle: string }>(
      `SELECT handle FROM sync_shapes WHERE table_name = 'rs_items'`,
    );
    expect(stored.map((r) => r.handle).sort()).toEqual([...handles].sort());
  } finally {
    await s.stop();
  }
});
