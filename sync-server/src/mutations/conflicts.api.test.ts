import { newId } from '@mak/shared/ids';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { makeWorld, type World, type WorldUser } from '../testing/world.ts';
import { type Any, mutationClient } from './test-kit.ts';

/**
 * The conflict rules of offline edits (ARCHITECTURE §5): patches are per field, so edits of different fields both
 * survive; on one field the later arrival wins and the overwritten writer is told; an edit of a record deleted
 * meanwhile is refused visibly; two creates of one client are both kept and flagged, never merged.
 */

let server: TestServer;
let w: World;
const keys = { a: '', b: '' };
const fieldIds: string[] = [];
const { push, one, applied, rows, row } = mutationClient(() => server);
const name = (s: string) => `Конфликт ${w.tag} ${s}`;

beforeAll(async () => {
  server = await startTestServer();
  w = await makeWorld(server.database.db);
  keys.a = `cf_${w.tag}_a`;
  keys.b = `cf_${w.tag}_b`;
  for (const key of [keys.a, keys.b]) {
    const id = newId();
    fieldIds.push(id);
    await applied(w.admin.token, {
      name: 'custom_field.create',
      args: { id, entity: 'clients', key, label: key, type: key === keys.a ? 'text' : 'number' },
    });
  }
});
afterAll(async () => {
  // Custom field definitions are global: leave none of ours behind for other suites.
  for (const id of fieldIds) await one(w.admin.token, { name: 'custom_field.delete', args: { id } });
  await server?.stop();
});

async function clientOf(who: WorldUser, extra: Record<string, unknown> = {}): Promise<string> {
  const id = newId();
  await applied(who.token, { name: 'client.create', args: { id, name: name('клиент'), ...extra } });
  return id;
}

const update = (id: string, patch: Record<string, unknown>, base?: Record<string, unknown>) => ({
  name: 'client.update',
  args: { id, patch, ...(base ? { base } : {}) },
});
const noticesOf = (entityId: string) =>
  rows(sql`select * from sync_notices where entity_id = ${entityId} order by created_at, id`);

describe('offline edits of different fields of one record', () => {
  it('both survive, with no notice to anyone', async () => {
    const id = await clientOf(w.salesA1);
    // Both writers last saw version 1; each patch carries only its own field.
    const rep = await applied(w.salesA1.token, update(id, { status: 'customer' }, { status: 'lead' }));
    const mgr = await applied(w.managerA.token, update(id, { description: 'VIP' }, { description: null }));
    expect(rep.notices).toBeUndefined();
    expect(mgr.notices).toBeUndefined();
    expect(await row('clients', id)).toMatchObject({ status: 'customer', description: 'VIP', version: 3 });
    expect(await noticesOf(id)).toEqual([]);
  });

  it('custom values merge per key', async () => {
    const id = await clientOf(w.salesA1, { custom: { [keys.a]: 'было' } });
    await applied(
      w.salesA1.token,
      update(id, { custom: { [keys.a]: 'стало' } }, { custom: { [keys.a]: 'было' } }),
    );
    const mgr = await applied(
      w.managerA.token,
      update(id, { custom: { [keys.b]: 7 } }, { custom: { [keys.b]: null } }),
    );
    expect(mgr.notices).toBeUndefined();
    expect((await row('clients', id)).custom).toEqual({ [keys.a]: 'стало', [keys.b]: 7 });
  });
});

describe('offline edits of the same field', () => {
  it('the later arrival wins; the overwritten writer gets a notice and the winner is told', async () => {
    const id = await clientOf(w.salesA1, { name: name('исходное') });
    const first = await applied(
      w.managerA.token,
      update(id, { name: name('менеджер') }, { name: name('исходное') }),
    );
    expect(first.notices).toBeUndefined();
    const second = await applied(
      w.salesA1.token,
      update(id, { name: name('продавец') }, { name: name('исходное') }),
    );
    expect(second.notices).toEqual([
      {
        kind: 'overwrote',
        entity: 'clients',
        entityId: id,
        field: 'name',
        payload: { theirValue: name('менеджер'), yourValue: name('продавец'), userId: w.managerA.id },
      },
    ]);
    expect((await row('clients', id)).name).toBe(name('продавец'));
    const notices = await noticesOf(id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      user_id: w.managerA.id,
      kind: 'overwritten',
      entity: 'clients',
      field: 'name',
      last_mutation_id: second.id,
      dismissed_at: null,
      payload: {
        yourValue: name('менеджер'),
        newValue: name('продавец'),
        by: w.salesA1.id,
        mutationId: second.id,
      },
    });
    // The history keeps both values.
    const history = await rows(
      sql`select diff from audit_log where row_id = ${id} and action = 'update' order by id`,
    );
    expect(history.map((h: Any) => h.diff.name)).toEqual([
      [name('исходное'), name('менеджер')],
      [name('менеджер'), name('продавец')],
    ]);
  });

  it('a custom key is a field of its own', async () => {
    const id = await clientOf(w.salesA1, { custom: { [keys.b]: 1 } });
    await applied(w.managerA.token, update(id, { custom: { [keys.b]: 2 } }, { custom: { [keys.b]: 1 } }));
    const late = await applied(
      w.salesA1.token,
      update(id, { custom: { [keys.b]: 3 } }, { custom: { [keys.b]: 1 } }),
    );
    expect(late.notices).toMatchObject([
      { field: `custom.${keys.b}`, payload: { theirValue: 2, yourValue: 3, userId: w.managerA.id } },
    ]);
    expect(await noticesOf(id)).toMatchObject([{ user_id: w.managerA.id, field: `custom.${keys.b}` }]);
  });

  it('no notice when nothing was overwritten: an up-to-date base, the same value, or no base at all', async () => {
    const id = await clientOf(w.salesA1, { source: 'сайт' });
    await applied(w.managerA.token, update(id, { source: 'звонок' }, { source: 'сайт' }));
    const fresh = await applied(w.salesA1.token, update(id, { source: 'выставка' }, { source: 'звонок' }));
    const same = await applied(w.managerA.token, update(id, { source: 'выставка' }, { source: 'сайт' }));
    const blind = await applied(w.managerA.token, update(id, { source: 'реклама' }));
    for (const r of [fresh, same, blind]) expect(r.notices).toBeUndefined();
    expect(await noticesOf(id)).toEqual([]);
  });

  it('a timestamp compares as an instant, whatever its spelling', async () => {
    const task = newId();
    await applied(w.salesA1.token, {
      name: 'task.create',
      args: { id: task, title: 'T', dueAt: '2031-01-01T10:00:00Z' },
    });
    const moved = await applied(w.salesA1.token, {
      name: 'task.update',
      args: {
        id: task,
        patch: { dueAt: '2031-01-02T10:00:00+03:00' },
        base: { dueAt: '2031-01-01T13:00:00+03:00' },
      },
    });
    expect(moved.notices).toBeUndefined();
  });
});

describe('an edit of a record deleted meanwhile', () => {
  it('is refused, saying it was deleted; after a restore the edit applies', async () => {
    const id = await clientOf(w.salesA1);
    await applied(w.managerA.token, { name: 'client.delete', args: { id } });
    const late = await one(w.salesA1.token, update(id, { status: 'customer' }, { status: 'lead' }));
    expect(late).toMatchObject({ status: 'rejected', code: 'not_found' });
    expect(late.message).toMatch(/deleted/);
    expect((await row('clients', id)).status).toBe('lead');
    await applied(w.managerA.token, { name: 'client.restore', args: { id } });
    await applied(w.salesA1.token, update(id, { status: 'customer' }, { status: 'lead' }));
  });

  it('the same for a stage change and a completed task', async () => {
    const [deal, task] = [newId(), newId()];
    const pipelineId = newId();
    const stageId = newId();
    await applied(w.admin.token, {
      name: 'pipeline.create',
      args: { id: pipelineId, name: name('воронка') },
    });
    await applied(w.admin.token, { name: 'stage.create', args: { id: stageId, pipelineId, name: 'Этап' } });
    await applied(w.salesA1.token, {
      name: 'deal.create',
      args: { id: deal, title: name('сделка'), pipelineId },
    });
    await applied(w.salesA1.token, { name: 'task.create', args: { id: task, title: name('задача') } });
    await applied(w.managerA.token, { name: 'deal.delete', args: { id: deal } });
    await applied(w.managerA.token, { name: 'task.delete', args: { id: task } });
    const results = await push(w.salesA1.token, [
      { name: 'deal.move', args: { id: deal, stageId } },
      { name: 'task.complete', args: { id: task } },
    ]);
    for (const r of results.body.results) {
      expect(r).toMatchObject({ status: 'rejected', code: 'not_found' });
      expect(r.message).toMatch(/deleted/);
    }
    await one(w.admin.token, { name: 'pipeline.delete', args: { id: pipelineId } });
  });
});

describe('two offline creates of one client', () => {
  const digits = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  const ru8 = (d: string) => `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
  const intl = (d: string) => `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`;

  it('with one phone (8… and +7… alike) are both kept and flagged to both creators', async () => {
    const d = digits();
    const first = await clientOf(w.salesA1, { name: name('Петров'), phones: [ru8(d)] });
    const second = newId();
    const made = await applied(w.salesA2.token, {
      name: 'client.create',
      args: { id: second, name: name('Петров И.'), phones: [intl(d)] },
    });
    const matched = [{ field: 'phones', value: `7${d}` }];
    // salesA2 may not read salesA1's client: told it exists and what matched, not its name.
    expect(made.notices).toEqual([
      {
        kind: 'possible_duplicate',
        entity: 'clients',
        entityId: second,
        field: null,
        payload: { otherClientId: first, matched },
      },
    ]);
    expect(await rows(sql`select id from clients where id in (${first}, ${second})`)).toHaveLength(2);
    expect(await noticesOf(second)).toMatchObject([
      { user_id: w.salesA2.id, kind: 'possible_duplicate', payload: { otherClientId: first, matched } },
    ]);
    expect(await noticesOf(first)).toMatchObject([
      { user_id: w.salesA1.id, kind: 'possible_duplicate', payload: { otherClientId: second, matched } },
    ]);
  });

  it('with one e-mail are flagged, naming the other client where the recipient may read it', async () => {
    const email = `dup.${w.tag}.${newId().slice(-8)}@example.com`;
    const first = await clientOf(w.salesA1, { name: name('Почта 1'), emails: [email.toUpperCase()] });
    const res = await push(w.managerA.token, [
      { name: 'client.create', args: { name: name('Почта 2'), emails: [email], ownerId: w.managerA.id } },
    ]);
    const made = res.body.results[0];
    expect(made.notices).toMatchObject([
      {
        payload: {
          otherClientId: first,
          otherClientName: name('Почта 1'),
          matched: [{ field: 'emails', value: email }],
        },
      },
    ]);
    const [theirs] = await noticesOf(first);
    expect(theirs.user_id).toBe(w.salesA1.id);
    expect(theirs.payload).not.toHaveProperty('otherClientName');
  });

  it('without a shared phone or e-mail are not flagged', async () => {
    const a = await clientOf(w.salesA1, { name: name('Один'), phones: [intl(digits())] });
    const b = await applied(w.salesA1.token, {
      name: 'client.create',
      args: { name: name('Один'), phones: [intl(digits())] },
    });
    expect(b.notices).toBeUndefined();
    expect(await noticesOf(a)).toEqual([]);
  });
});
