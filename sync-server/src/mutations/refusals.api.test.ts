import { newId } from '@mak/shared/ids';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { makeWorld, type World } from '../testing/world.ts';
import { type Any, type Call, mutationClient } from './test-kit.ts';

/**
 * Mutations refused by role and scope (the REST API's rules: out of read scope → not_found, visible but not
 * allowed → forbidden, a write that would leave the scope → forbidden) and by input (validation, naming the
 * field). Nothing refused leaves a row, an audit entry or a domain event behind.
 */

let server: TestServer;
let w: World;
let pipelineId = '';
const { one, applied, rows } = mutationClient(() => server);
const name = (s: string) => `Отказ ${w.tag} ${s}`;

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  pipelineId = newId();
  await applied(w.admin.token, { name: 'pipeline.create', args: { id: pipelineId, name: name('воронка') } });
});
afterAll(async () => {
  if (pipelineId) await one(w.admin.token, { name: 'pipeline.delete', args: { id: pipelineId } });
  await server?.stop();
});

type Who = 'salesA1' | 'salesA2' | 'salesB1' | 'managerA' | 'partner';

async function clientOf(owner: Who): Promise<string> {
  const id = newId();
  await applied(w[owner].token, { name: 'client.create', args: { id, name: name(`клиент ${owner}`) } });
  return id;
}

async function taskOf(owner: Who): Promise<string> {
  const id = newId();
  await applied(w[owner].token, { name: 'task.create', args: { id, title: name(`задача ${owner}`) } });
  return id;
}

const update = (patch: Record<string, unknown>) => (id: string) => ({
  name: 'client.update',
  args: { id, patch },
});
const remove = (id: string) => ({ name: 'client.delete', args: { id } });
const onClient = (owner: Who, make: (id: string) => Call) => async () => make(await clientOf(owner));

/** [case, expected outcome, who sends it, the mutation (made on a fresh fixture)]. */
const ROLE_CASES: [string, string, Who, () => Promise<Call>][] = [
  ['sales deletes its own client', 'forbidden', 'salesA1', onClient('salesA1', remove)],
  ['sales updates its own client', 'applied', 'salesA1', onClient('salesA1', update({ source: 'x' }))],
  ['sales updates a teammate client', 'not_found', 'salesA1', onClient('salesA2', update({ source: 'x' }))],
  ['sales updates another team client', 'not_found', 'salesA1', onClient('salesB1', update({ source: 'x' }))],
  [
    'sales hands its client to another rep',
    'forbidden',
    'salesA1',
    onClient('salesA1', update({ ownerId: '$salesB1' })),
  ],
  [
    'sales creates a pipeline',
    'forbidden',
    'salesA1',
    async () => ({ name: 'pipeline.create', args: { name: 'P' } }),
  ],
  [
    'sales renames a team',
    'forbidden',
    'salesA1',
    async () => ({ name: 'team.update', args: { id: w.teamA, patch: { name: 'T' } } }),
  ],
  [
    'sales completes its own task',
    'applied',
    'salesA1',
    async () => ({ name: 'task.complete', args: { id: await taskOf('salesA1') } }),
  ],
  ['manager deletes a team client', 'applied', 'managerA', onClient('salesA2', remove)],
  [
    'manager updates another team client',
    'not_found',
    'managerA',
    onClient('salesB1', update({ source: 'x' })),
  ],
  ['partner updates a staff client', 'not_found', 'partner', onClient('salesA1', update({ source: 'x' }))],
  ['partner updates its own lead', 'applied', 'partner', onClient('partner', update({ source: 'x' }))],
  ['partner deletes its own lead', 'forbidden', 'partner', onClient('partner', remove)],
  [
    'partner gives its lead to the other partner',
    'forbidden',
    'partner',
    onClient('partner', update({ partnerId: '$otherPartnerOrg' })),
  ],
  [
    'partner adds a contact to a staff client',
    'validation',
    'partner',
    async () => ({ name: 'contact.create', args: { clientId: await clientOf('salesA1'), name: 'X' } }),
  ],
  [
    'partner completes a staff task',
    'not_found',
    'partner',
    async () => ({ name: 'task.complete', args: { id: await taskOf('salesA1') } }),
  ],
  [
    'partner edits a partner organisation',
    'forbidden',
    'partner',
    async () => ({ name: 'partner.update', args: { id: w.partnerOrg, patch: { name: 'P' } } }),
  ],
];

/** `$salesB1` in a patch stands for that world user's id, `$otherPartnerOrg` for the org (known only in tests). */
function resolve(call: Call): Call {
  const json = JSON.stringify(call).replace(/"\$(\w+)"/g, (_, key: string) => {
    const v = (w as unknown as Record<string, Any>)[key];
    return JSON.stringify(typeof v === 'string' ? v : v.id);
  });
  return JSON.parse(json);
}

describe('refused by role and scope', () => {
  it.each(ROLE_CASES)('%s → %s', async (_label, expected, who, make) => {
    const call = resolve(await make());
    const result = await one(w[who].token, call);
    if (expected === 'applied') {
      expect(result.status, JSON.stringify(result)).toBe('applied');
      return;
    }
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'rejected', code: expected });
    expect(await rows(sql`select id from domain_events where mutation_id = ${result.id}`)).toEqual([]);
  });

  it('a refused client leaves the client as it was', async () => {
    const id = await clientOf('salesA1');
    const result = await one(w.salesA1.token, resolve(update({ ownerId: '$salesB1', source: 'y' })(id)));
    expect(result.code).toBe('forbidden');
    const [row] = await rows(sql`select owner_id, source, version from clients where id = ${id}`);
    expect(row).toMatchObject({ owner_id: w.salesA1.id, source: null, version: 1 });
  });
});

describe('refused input names the field', () => {
  it.each([
    ['an empty name', { name: 'client.create', args: { name: '' } }, ['name']],
    [
      'a bad e-mail in a patch',
      { name: 'client.update', args: { id: newId(), patch: { emails: ['x'] } } },
      ['patch.emails.0'],
    ],
    [
      'an unknown patch field',
      { name: 'client.update', args: { id: newId(), patch: { bogus: 1 } } },
      ['patch.bogus'],
    ],
    ['a malformed stage id', { name: 'deal.move', args: { id: newId(), stageId: 'nope' } }, ['stageId']],
    ['args that are not an object', { name: 'task.create', args: 'title' }, ['(body)']],
    ['an unknown mutation', { name: 'client.explode', args: {} }, ['name']],
  ] as const)('%s', async (_label, call, fields) => {
    const result = await one(w.salesA1.token, call);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation' });
    expect(result.fields.map((f: Any) => f.field)).toEqual(fields);
  });

  it('business rules: a note needs a client or deal, a stage is not both won and lost, a deal a real stage', async () => {
    const note = await one(w.salesA1.token, { name: 'note.create', args: { body: 'ничья' } });
    expect(note).toMatchObject({ code: 'validation', fields: [{ field: 'clientId' }] });
    const stage = await one(w.admin.token, {
      name: 'stage.create',
      args: { pipelineId, name: 'Оба', isWon: true, isLost: true },
    });
    expect(stage).toMatchObject({ code: 'validation', fields: [{ field: 'isLost' }] });
    const deal = await one(w.admin.token, {
      name: 'deal.create',
      args: { title: name('без этапа'), pipelineId, stageId: newId() },
    });
    expect(deal).toMatchObject({ code: 'validation', fields: [{ field: 'stageId' }] });
  });
});
