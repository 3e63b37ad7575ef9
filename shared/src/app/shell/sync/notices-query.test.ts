/// <reference types="node" />
// Node-only: runs under vitest on Node against a real replica; the app never imports it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../ids.ts';
import { mutators } from '../../../mutations/registry.ts';
import type { Replica } from '../../../replica/open.ts';
import { adminPrincipal, testReplica } from '../../../replica/testing/replicas.ts';
import { NOTICES_SQL, type NoticeRow } from './notices-query.ts';

describe('sync notices of the signed-in user', () => {
  let replica: Replica<typeof mutators>;
  const me = newId();
  const client = newId();
  const task = newId();
  const seen = newId();
  const overwritten = newId();
  const onTask = newId();
  const someoneElses = newId();

  /** First result of the query run live, as the sync panel runs it; unsubscribed before returning. */
  const live = async (params: unknown[]): Promise<NoticeRow[]> => {
    let stop: (() => Promise<void>) | undefined;
    const rows = await new Promise<NoticeRow[]>((resolve, reject) => {
      stop = replica.watch<NoticeRow>(NOTICES_SQL, params, resolve, reject);
    });
    await stop?.();
    return rows;
  };

  beforeAll(async () => {
    replica = await testReplica({ mutators, principal: adminPrincipal(me) });
    const { pg } = replica;
    await pg.query(`INSERT INTO clients_synced (id, name) VALUES ($1, 'ООО «Ромашка»')`, [client]);
    await pg.query(`INSERT INTO tasks_synced (id, title, client_id) VALUES ($1, 'Позвонить', $2)`, [
      task,
      client,
    ]);
    await pg.query(
      `INSERT INTO custom_fields_synced (id, entity, key, label, type) VALUES ($1, 'clients', 'budget', 'Бюджет', 'number')`,
      [newId()],
    );
    const notice = `INSERT INTO sync_notices_synced (id, user_id, kind, entity, entity_id, field, payload, created_at, dismissed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
    await pg.query(notice, [
      overwritten,
      me,
      'overwritten',
      'clients',
      client,
      'custom.budget',
      { yourValue: 1, newValue: 2 },
      '2030-01-02T00:00:00Z',
      null,
    ]);
    await pg.query(notice, [
      onTask,
      me,
      'overwritten',
      'tasks',
      task,
      'title',
      {},
      '2030-01-01T00:00:00Z',
      null,
    ]);
    await pg.query(notice, [
      seen,
      me,
      'overwritten',
      'clients',
      client,
      'name',
      {},
      '2030-01-03T00:00:00Z',
      '2030-01-04T00:00:00Z',
    ]);
    await pg.query(notice, [
      someoneElses,
      newId(),
      'overwritten',
      'clients',
      client,
      'name',
      {},
      '2030-01-03T00:00:00Z',
      null,
    ]);
  });
  afterAll(() => replica.close());

  it('lists undismissed notices newest first, with the record’s name, its owner and the custom field’s label', async () => {
    const rows = await live([me]);
    expect(rows.map((r) => r.id)).toEqual([overwritten, onTask]);
    expect(rows[0]).toMatchObject({ record_name: 'ООО «Ромашка»', field_label: 'Бюджет', client_id: null });
    expect(rows[0]?.payload).toEqual({ yourValue: 1, newValue: 2 });
    expect(rows[1]).toMatchObject({ record_name: 'Позвонить', client_id: client, deal_id: null });
    expect(Number(rows[0]?.total)).toBe(2);
  });

  it('leaves out a notice dismissed here at once (notice.dismiss, optimistic) and queues the dismissal', async () => {
    const { mutationId } = await replica.mutate('notice.dismiss', { id: overwritten });
    const rows = await live([me]);
    expect(rows.map((r) => r.id)).toEqual([onTask]);
    expect(Number(rows[0]?.total)).toBe(1);
    const queued = await replica.pg.query('SELECT name, args FROM mak_outbox WHERE mutation_id = $1', [
      mutationId,
    ]);
    expect(queued.rows).toEqual([{ name: 'notice.dismiss', args: { id: overwritten } }]);
    // Dismissing again keeps the first time.
    const first = await replica.pg.query<{ dismissed_at: unknown }>(
      'SELECT dismissed_at FROM sync_notices WHERE id = $1',
      [overwritten],
    );
    await replica.mutate('notice.dismiss', { id: overwritten });
    const again = await replica.pg.query('SELECT dismissed_at FROM sync_notices WHERE id = $1', [
      overwritten,
    ]);
    expect(again.rows).toEqual(first.rows);
    expect(first.rows[0]?.dismissed_at).not.toBeNull();
  });

  it('refuses to dismiss someone else’s notice or an unknown one, writing nothing', async () => {
    for (const id of [someoneElses, newId()]) {
      await expect(replica.mutate('notice.dismiss', { id })).rejects.toMatchObject({
        code: 'not_found',
        message: 'notice not found',
      });
    }
    await expect(replica.mutate('notice.dismiss', { id: 'nope' })).rejects.toMatchObject({
      code: 'validation',
      fields: [{ field: 'id' }],
    });
    const local = await replica.pg.query('SELECT id FROM sync_notices_local WHERE id = $1', [someoneElses]);
    expect(local.rows).toEqual([]);
  });
});
