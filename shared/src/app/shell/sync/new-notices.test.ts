import { describe, expect, it } from 'vitest';
import { newNotices } from './new-notices.ts';
import type { NoticeRow } from './notices-query.ts';

const notice = (id: string, createdAt: string | Date): NoticeRow => ({
  id,
  kind: 'overwritten',
  entity: 'clients',
  entity_id: 'c',
  field: 'name',
  payload: {},
  created_at: createdAt,
  record_name: null,
  client_id: null,
  deal_id: null,
  field_label: null,
  total: 1,
});

const ids = (rows: NoticeRow[]) => rows.map((n) => n.id);

describe('which notices are news (toasts)', () => {
  it('announces none of those already waiting, then each later one once', () => {
    const a = notice('a', '2030-01-01T10:00:00Z');
    const b = notice('b', '2030-01-01T11:00:00Z');
    const first = newNotices(null, [b, a]);
    expect(first.fresh).toEqual([]);
    const c = notice('c', new Date('2030-01-01T12:00:00Z'));
    const second = newNotices(first.seen, [c, b, a]);
    expect(ids(second.fresh)).toEqual(['c']);
    // The same list again (a re-render, a synced row replacing the optimistic one): nothing new.
    expect(newNotices(second.seen, [c, b, a]).fresh).toEqual([]);
    // Dismissed, then somehow back: still not news.
    const third = newNotices(second.seen, [b, a]);
    expect(newNotices(third.seen, [c, b, a]).fresh).toEqual([]);
  });

  it('an older notice sliding into the window after a dismissal is not news; a newer one at once is', () => {
    const window = [notice('n3', '2030-01-03T00:00:00Z'), notice('n2', '2030-01-02T00:00:00Z')];
    const start = newNotices(null, window);
    const older = notice('n1', '2030-01-01T00:00:00Z');
    const sameTime = notice('n4', '2030-01-03T00:00:00Z');
    const next = newNotices(start.seen, [sameTime, window[1] as NoticeRow, older]);
    expect(ids(next.fresh)).toEqual(['n4']);
  });

  it('starts from an empty list as well (nothing waiting at sign-in)', () => {
    const start = newNotices(null, []);
    expect(start.fresh).toEqual([]);
    expect(ids(newNotices(start.seen, [notice('x', '2030-01-01T00:00:00Z')]).fresh)).toEqual(['x']);
  });
});
