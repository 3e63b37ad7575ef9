import { newId } from '@mak/shared/ids';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { makeWorld, type World } from '../testing/world.ts';
import { type Any, mutationClient } from './test-kit.ts';

/**
 * POST /api/mutations on both engines: order, idempotency, the txid handshake, last_mutation_id, the domain event
 * outbox, the batch envelope and a database failure mid-batch. Refusals by role and by input:
 * refusals.api.test.ts; conflict rules: conflicts.api.test.ts.
 */

let server: TestServer;
let w: World;
const fx = { pipelineId: '', openStage: '', wonStage: '' };
const { push, one, applied, rows, row } = mutationClient(() => server);
const name = (s: string) => `Мут ${w.tag} ${s}`;

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  fx.pipelineId = newId();
  fx.openStage = newId();
  fx.wonStage = newId();
  const admin = w.admin.token;
  await applied(admin, {
    name: 'pipeline.create',
    args: { id: fx.pipelineId, name: name('воронка'), position: 9_995 },
  });
  for (const [id, stage, isWon] of [
    [fx.openStage, 'Новая', false],
    [fx.wonStage, 'Выиграна', true],
  ] as const) {
    await applied(admin, {
      name: 'stage.create',
      args: { id, pipelineId: fx.pipelineId, name: stage, isWon },
    });
  }
});
afterAll(async () => {
  if (fx.pipelineId) await push(w.admin.token, [{ name: 'pipeline.delete', args: { id: fx.pipelineId } }]);
  await server?.stop();
});

describe('a batch', () => {
  it('is applied in order, each mutation on what the ones before it wrote', async () => {
    const [client, deal, task] = [newId(), newId(), newId()];
    const res = await push(w.salesA1.token, [
      { name: 'client.update', args: { id: client, patch: { status: 'prospect' } } },
      { name: 'client.create', args: { id: client, name: name('порядок'), phones: ['+7 900 000-00-01'] } },
      { name: 'client.update', args: { id: client, patch: { status: 'prospect' } } },
      { name: 'contact.create', args: { clientId: client, name: 'Иван' } },
      {
        name: 'deal.create',
        args: { id: deal, title: name('сделка'), clientId: client, pipelineId: fx.pipelineId },
      },
      { name: 'deal.move', args: { id: deal, stageId: fx.wonStage } },
      { name: 'task.create', args: { id: task, title: 'Позвонить', clientId: client } },
      { name: 'task.complete', args: { id: task } },
      { name: 'note.create', args: { dealId: deal, body: 'Договорились' } },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const statuses = res.body.results.map((r: Any) => r.status);
    // The update before the create finds nothing; everything after it applies.
    expect(statuses).toEqual(['rejected', ...Array(8).fill('applied')]);
    expect(res.body.results[0]).toMatchObject({ code: 'not_found' });
    expect(await row('clients', client)).toMatchObject({ status: 'prospect', owner_id: w.salesA1.id });
    const d = await row('deals', deal);
    expect(d).toMatchObject({ stage_id: fx.wonStage, pipeline_id: fx.pipelineId });
    expect(d.closed_at).not.toBeNull();
    const t = await row('tasks', task);
    expect(t).toMatchObject({ done: true, assignee_id: w.salesA1.id, created_by: w.salesA1.id });
    expect(t.done_at).not.toBeNull();
  });

  it('of 100 mutations is applied whole, answered in order', async () => {
    const calls = Array.from({ length: 100 }, (_, i) => ({
      id: newId(),
      name: 'task.create',
      args: { title: `${name('сотня')} ${i}` },
    }));
    const res = await push(w.salesA2.token, calls);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.results.map((r: Any) => [r.id, r.status])).toEqual(calls.map((c) => [c.id, 'applied']));
    const txids = res.body.results.map((r: Any) => r.txid);
    expect(new Set(txids).size).toBe(100);
    const [n] = await rows(sql`select count(*)::int as n from tasks where title like ${`${name('сотня')}%`}`);
    expect(n.n).toBe(100);
  });
});

describe('idempotency', () => {
  it('the same batch twice answers the same results and writes once', async () => {
    const client = newId();
    const calls = [
      { id: newId(), name: 'client.create', args: { id: client, name: name('дважды') } },
      { id: newId(), name: 'client.update', args: { id: client, patch: { source: 'сайт' } } },
      { id: newId(), name: 'client.update', args: { id: client, patch: { kind: 'robot' } } },
    ];
    const first = await push(w.salesA1.token, calls);
    const second = await push(w.salesA1.token, calls);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body.results.map((r: Any) => r.status)).toEqual(['applied', 'applied', 'rejected']);
    expect(await rows(sql`select id from clients where id = ${client}`)).toHaveLength(1);
    const events = await rows(sql`select mutation_id from domain_events where entity_id = ${client}`);
    expect(events.map((e) => e.mutation_id).sort()).toEqual([calls[0]?.id, calls[1]?.id].sort());
    const audit = await rows(sql`select action from audit_log where row_id = ${client} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    const stored = await rows(
      sql`select status from mutations where id in (${calls[0]?.id}, ${calls[2]?.id})`,
    );
    expect(stored.map((s) => s.status).sort()).toEqual(['applied', 'rejected']);
  });

  it('concurrent repeats of one mutation write once and answer alike', async () => {
    const call = { id: newId(), name: 'client.create', args: { name: name('гонка') } };
    const answers = await Promise.all([1, 2, 3].map(() => push(w.salesA1.token, [call])));
    for (const a of answers) expect(a.body.results).toEqual(answers[0]?.body.results);
    expect(answers[0]?.body.results[0].status).toBe('applied');
    expect(await rows(sql`select id from clients where name = ${name('гонка')}`)).toHaveLength(1);
  });

  it('a mutation id another user already used is refused, and changes nothing', async () => {
    const call = { id: newId(), name: 'client.create', args: { name: name('чужой id') } };
    await applied(w.salesA1.token, call);
    const theirs = await one(w.salesA2.token, { ...call, args: { name: name('перехват') } });
    expect(theirs).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(await rows(sql`select id from clients where name = ${name('перехват')}`)).toHaveLength(0);
  });

  it('REST writes take an Idempotency-Key: a retry answers the first write', async () => {
    const key = newId();
    const send = () =>
      server.api('/api/clients', {
        token: w.salesA1.token,
        body: { name: name('REST ключ') },
        headers: { 'idempotency-key': key },
      });
    const [a, b] = [await send(), await send()];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect((await row('clients', a.body.id)).last_mutation_id).toBe(key);
    const reused = await server.api(`/api/clients/${a.body.id}`, {
      method: 'PATCH',
      token: w.salesA1.token,
      body: { source: 'x' },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(409);
    const bad = await server.api('/api/clients', {
      token: w.salesA1.token,
      body: { name: name('плохой ключ') },
      headers: { 'idempotency-key': 'retry-1' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toMatch(/idempotency-key$/);
  });
});

describe('what one transaction carries', () => {
  it('the txid is the one the audit log (and so the change log) records, cut to 32 bits', async () => {
    const client = newId();
    const created = await applied(w.salesA1.token, {
      name: 'client.create',
      args: { id: client, name: name('txid') },
    });
    const updated = await applied(w.salesA1.token, {
      name: 'client.update',
      args: { id: client, patch: { source: 'txid' } },
    });
    const audit = await rows(
      sql`select action, (txid::bigint & 4294967295)::text as xid from audit_log where row_id = ${client} order by id`,
    );
    expect(audit.map((a) => [a.action, Number(a.xid)])).toEqual([
      ['create', created.txid],
      ['update', updated.txid],
    ]);
    expect(created.txid).not.toBe(updated.txid);
    const [stored] = await rows(sql`select txid::text as txid from mutations where id = ${created.id}`);
    expect(Number(stored.txid)).toBe(created.txid);
  });

  it('stamps last_mutation_id on each row it writes, by insert and by update', async () => {
    const client = newId();
    const create = { id: newId(), name: 'client.create', args: { id: client, name: name('штамп') } };
    await applied(w.salesA1.token, create);
    expect((await row('clients', client)).last_mutation_id).toBe(create.id);
    const update = {
      id: newId(),
      name: 'client.update',
      args: { id: client, patch: { status: 'customer' } },
    };
    await applied(w.salesA1.token, update);
    expect(await row('clients', client)).toMatchObject({ last_mutation_id: update.id, version: 2 });
    const del = { id: newId(), name: 'client.delete', args: { id: client } };
    await applied(w.admin.token, del);
    expect((await row('clients', client)).last_mutation_id).toBe(del.id);
  });

  it('writes its domain event with the change; a refused one leaves neither', async () => {
    const client = newId();
    const ok = await applied(w.salesA1.token, {
      name: 'client.create',
      args: { id: client, name: name('событие') },
    });
    const events = await rows(sql`select * from domain_events where mutation_id = ${ok.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      name: 'client.created',
      entity: 'clients',
      entity_id: client,
      actor_id: w.salesA1.id,
      published_at: null,
    });
    expect(events[0].payload).toMatchObject({ id: client, ownerId: w.salesA1.id });
    // Refused after apply had already inserted the row (an owner outside the rep's scope): all of it rolls back.
    const escaped = newId();
    const refused = await one(w.salesA1.token, {
      name: 'client.create',
      args: { id: escaped, name: name('побег'), ownerId: w.salesB1.id },
    });
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await rows(sql`select id from clients where id = ${escaped}`)).toHaveLength(0);
    expect(await rows(sql`select id from audit_log where row_id = ${escaped}`)).toHaveLength(0);
    expect(await rows(sql`select id from domain_events where mutation_id = ${refused.id}`)).toHaveLength(0);
    const [stored] = await rows(sql`select status, result from mutations where id = ${refused.id}`);
    expect(stored).toMatchObject({ status: 'rejected', result: { code: 'forbidden' } });
  });
});

describe('the batch envelope', () => {
  const post = (init: {
    rawBody?: string;
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
  }) => server.api('/api/mutations', { method: 'POST', token: w.salesA1.token, ...init });
  const oneMb = { mutations: [{ id: newId(), name: 'note.create', args: { body: 'x'.repeat(1 << 20) } }] };
  const tooMany = { mutations: Array.from({ length: 101 }, () => ({ id: newId(), name: 'x', args: {} })) };
  it.each([
    ['malformed JSON', 400, { rawBody: '{"mutations": [' }],
    ['no mutations', 400, { body: { mutations: [] } }],
    ['101 mutations', 400, { body: tooMany }],
    [
      'an id that is not a UUID',
      400,
      { body: { mutations: [{ id: 'm-1', name: 'client.create', args: {} }] } },
    ],
    ['an unknown envelope field', 400, { body: { mutations: [], extra: 1 } }],
    ['1 MB', 413, { body: oneMb, headers: { connection: 'close' } }],
    ['no session', 401, { body: { mutations: [] }, token: undefined }],
  ] as const)('%s → %i', async (_label, status, init) => {
    const res = await post(init);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
    expect(res.body).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
  });

  it('a database failure stops the batch with 503; resending it applies the rest once', async () => {
    const db = server.database.db as Any;
    const transaction = db.transaction;
    let calls = 0;
    // Simulates the database going away after the first mutation's transaction.
    db.transaction = (...args: unknown[]) => {
      if (++calls > 1) throw new Error('connection terminated unexpectedly');
      return transaction.apply(db, args);
    };
    const batch = [1, 2, 3].map((i) => ({
      id: newId(),
      name: 'task.create',
      args: { title: `${name('сбой')} ${i}` },
    }));
    let down: Any;
    try {
      down = await push(w.salesA1.token, batch);
    } finally {
      db.transaction = transaction;
    }
    expect(down.status).toBe(503);
    expect(down.body.results.map((r: Any) => [r.id, r.status])).toEqual([[batch[0]?.id, 'applied']]);
    const again = await push(w.salesA1.token, batch);
    expect(again.body.results.map((r: Any) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(again.body.results[0]).toEqual(down.body.results[0]);
    const [n] = await rows(sql`select count(*)::int as n from tasks where title like ${`${name('сбой')}%`}`);
    expect(n.n).toBe(3);
  });
});
