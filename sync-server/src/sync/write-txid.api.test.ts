import { ShapeStream } from '@electric-sql/client';
import { newId } from '@mak/shared/ids';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeWorld, type World } from '../testing/world.ts';
import { type ShapeServer, startShapeServer, waitFor } from './test-kit.ts';

// C32: a mutation answers the txid read inside its own transaction, and the change that carries the mutation
// through the shape log has exactly that number in headers.txids: the handshake clients use to drop optimism.

let s: ShapeServer;
let w: World;
const controller = new AbortController();

beforeAll(async () => {
  s = await startShapeServer();
  w = await makeWorld(s.database.db);
});
afterAll(async () => {
  controller.abort();
  await s?.stop();
});

it('the txid answered by POST /api/mutations is the one the synced change carries', async () => {
  const clientId = newId();
  const create = await s.api('/api/mutations', {
    token: w.salesA1.token,
    body: {
      mutations: [{ id: newId(), name: 'client.create', args: { id: clientId, name: 'Сверка txid' } }],
    },
  });
  expect(create.body.results[0]).toMatchObject({ status: 'applied', txid: expect.any(Number) });

  const seen = new Map<string, number[]>();
  const stream = new ShapeStream({
    url: `${s.url}/v1/shape`,
    params: { table: 'clients' },
    headers: { authorization: `Bearer ${w.salesA1.token}` },
    signal: controller.signal,
  });
  stream.subscribe((messages) => {
    for (const m of messages) {
      const h = m.headers as { txids?: number[] };
      const value = (m as { value?: { id?: string; last_mutation_id?: string } }).value;
      if (value?.last_mutation_id && h.txids) seen.set(value.last_mutation_id, h.txids);
    }
  });
  await waitFor(() => stream.isUpToDate, 10_000);

  const mutationId = newId();
  const update = await s.api('/api/mutations', {
    token: w.salesA1.token,
    body: {
      mutations: [
        { id: mutationId, name: 'client.update', args: { id: clientId, patch: { source: 'Сайт' } } },
      ],
    },
  });
  const { txid } = update.body.results[0];
  expect(typeof txid).toBe('number');
  const txids = await waitFor(() => seen.get(mutationId), 10_000);
  expect(txids).toEqual([txid]);
});
