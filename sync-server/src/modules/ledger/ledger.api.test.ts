import { newId } from '@mak/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { makeWorld, type World } from '../../testing/world.ts';
import { balances, makeOrgs, type Org } from '../economy/fixtures.ts';

// The ledger over HTTP: staff book deposits and adjustments; bad input is a clear error and books nothing.

let s: TestServer;
let w: World;
let org: Org;

beforeAll(async () => {
  s = await startTestServer({ jobs: { enabled: false, tickMs: 1000, queue: 'unused' } });
  w = await makeWorld(s.database.db);
  [org] = (await makeOrgs(s.database.db, w.tag, 1)) as [Org];
});
afterAll(() => s?.stop());

const book = (path: string, body: Record<string, unknown>, token = w.admin.token) =>
  s.api(`/api/ledger/${path}`, { token, body: { partnerId: org.id, memo: 'Корректировка', ...body } });

describe('ledger API', () => {
  it('deposits and adjustments move the balance; entries show the lines on the partner’s accounts', async () => {
    const key = newId();
    const d = await book('deposits', { amount: 250_000, idempotencyKey: key });
    expect(d.status).toBe(201);
    expect(d.body.balances).toMatchObject({ available: 250_000, total: 250_000 });
    const again = await book('deposits', { amount: 250_000, idempotencyKey: key });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('duplicate');
    expect((await book('adjustments', { amount: -50_000 })).body.balances.available).toBe(200_000);
    const entries = await s.api(`/api/ledger/entries?partnerId=${org.id}`, { token: w.admin.token });
    expect(entries.body.items.map((e: { kind: string }) => e.kind)).toEqual(['adjustment', 'deposit']);
    expect(entries.body.items[0].postings).toEqual([{ accountKind: 'wallet', amount: -50_000 }]);
    const own = await s.api('/api/ledger/entries', { token: org.token });
    expect(own.body.items).toHaveLength(2);
  });

  it('refuses bad input and books nothing', async () => {
    const before = await balances(s, w.admin.token);
    const cases: [string, Record<string, unknown>, number, string?][] = [
      ['deposits', { amount: -1 }, 400],
      ['deposits', { amount: 10.5 }, 400],
      ['deposits', { amount: 0 }, 400],
      ['deposits', { amount: 1e14 }, 400],
      ['deposits', { amount: '100' }, 400],
      ['deposits', { amount: 100, memo: '' }, 400],
      ['deposits', { amount: 100, partnerId: newId() }, 404],
      ['deposits', { amount: 100, extra: true }, 400],
      ['adjustments', { amount: 0 }, 400],
      ['adjustments', { amount: -10_000_000 }, 409, 'insufficient_funds'],
    ];
    for (const [path, body, status, reason] of cases) {
      const r = await book(path, body);
      expect(r.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(status);
      if (reason) expect(r.body.reason).toBe(reason);
    }
    expect((await book('deposits', { amount: 100 }, org.token)).status).toBe(403);
    expect((await book('deposits', { amount: 100 }, w.managerA.token)).status).toBe(403);
    expect(await balances(s, w.admin.token)).toEqual(before);
  });
});
