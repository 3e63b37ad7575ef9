import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { mutators } from '../mutations/registry.ts';
import type { Replica } from './open.ts';
import { adminPrincipal, testReplica } from './testing/replicas.ts';

/**
 * The registered mutators, unchanged, run optimistically on the replica: their drizzle statements against `clients`,
 * `deals`, `pipelines` … hit the local views, and reads inside them (refs, default stage) see synced and local rows.
 */
describe('the real mutation registry on the local views, offline', () => {
  const userId = newId();
  const pipelineId = newId();
  const [open, won] = [newId(), newId()];
  let replica: Replica<typeof mutators>;

  beforeAll(async () => {
    replica = await testReplica({ mutators, principal: adminPrincipal(userId) });
    await replica.pg.query('INSERT INTO pipelines_synced (id, name, is_default) VALUES ($1, $2, true)', [
      pipelineId,
      'Sales',
    ]);
    await replica.pg.query(
      `INSERT INTO stages_synced (id, pipeline_id, name, position, is_won) VALUES ($1, $3, 'New', 0, false), ($2, $3, 'Won', 1, true)`,
      [open, won, pipelineId],
    );
  });
  afterAll(() => replica.close());

  it('creates a client and a deal for it, moves the deal to a won stage, edits and deletes the client', async () => {
    await replica.mutate('client.create', { name: 'ООО Север', phones: ['+7 912 000-00-01'] });
    const [client] = (
      await replica.pg.query<{ id: string; owner_id: string; kind: string }>(
        `SELECT id, owner_id, kind FROM clients WHERE name = 'ООО Север'`,
      )
    ).rows;
    expect(client).toMatchObject({ owner_id: userId, kind: 'person' });
    const clientId = client?.id as string;

    await replica.mutate('deal.create', { title: 'Поставка', clientId, amount: 150_000_00 });
    const [deal] = (
      await replica.pg.query<{
        id: string;
        pipeline_id: string;
        stage_id: string;
        amount: number;
        closed_at: unknown;
      }>(`SELECT id, pipeline_id, stage_id, amount, closed_at FROM deals WHERE client_id = $1`, [clientId])
    ).rows;
    expect(deal).toMatchObject({
      pipeline_id: pipelineId,
      stage_id: open,
      amount: 150_000_00,
      closed_at: null,
    });

    await replica.mutate('deal.move', { id: deal?.id as string, stageId: won });
    const [moved] = (
      await replica.pg.query<{ stage_id: string; closed_at: unknown }>(
        'SELECT stage_id, closed_at FROM deals WHERE id = $1',
        [deal?.id],
      )
    ).rows;
    expect(moved?.stage_id).toBe(won);
    expect(moved?.closed_at).not.toBeNull();

    await replica.mutate('client.update', {
      id: clientId,
      patch: { name: 'ООО Север-2', status: 'customer' },
    });
    await replica.mutate('client.delete', { id: clientId });
    const [edited] = (
      await replica.pg.query<{ name: string; status: string; deleted_at: unknown }>(
        'SELECT name, status, deleted_at FROM clients WHERE id = $1',
        [clientId],
      )
    ).rows;
    expect(edited).toMatchObject({ name: 'ООО Север-2', status: 'customer' });
    expect(edited?.deleted_at).not.toBeNull();

    const outbox = await replica.pg.query<{ name: string; args: { id?: string } }>(
      'SELECT name, args FROM mak_outbox ORDER BY seq',
    );
    expect(outbox.rows.map((r) => r.name)).toEqual([
      'client.create',
      'deal.create',
      'deal.move',
      'client.update',
      'client.delete',
    ]);
    // Creates carry the id the replica gave the row, so the server makes the same one.
    expect(outbox.rows[0]?.args.id).toBe(clientId);
    expect(outbox.rows[1]?.args.id).toBe(deal?.id);
  });

  it('refuses what the server would refuse, before queueing anything', async () => {
    const before = replica.status.get().pending;
    await expect(
      replica.mutate('client.update', { id: newId(), patch: { name: 'Ghost' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      replica.mutate('deal.create', { title: 'No such stage', stageId: newId() }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    expect(replica.status.get().pending).toBe(before);
  });
});
