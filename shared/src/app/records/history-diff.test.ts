import { describe, expect, it } from 'vitest';
import { changesOf, parseHistory, toTimeline } from './history-diff.ts';

describe('history timeline', () => {
  it('skips malformed entries and keeps well-formed ones', () => {
    const parsed = parseHistory({
      items: [
        { id: 1, action: 'create', actorId: null, at: '2025-01-01T00:00:00Z', diff: { name: [null, 'A'] } },
        { id: 2, action: 'hack', actorId: null, at: 'x', diff: {} },
        { id: '3', action: 'update', actorId: null, at: 'x', diff: {} },
        { id: 4, action: 'update', actorId: 5, at: 'x', diff: {} },
        { id: 5, action: 'update', actorId: 'u', at: 'x', diff: { name: ['A'], status: ['lead', 'lost'] } },
        'junk',
      ],
    });
    expect(parsed.map((e) => e.id)).toEqual([1, 5]);
    expect(parsed[1]?.diff).toEqual({ status: ['lead', 'lost'] });
    expect(parseHistory(null)).toEqual([]);
    expect(parseHistory({ items: 'x' })).toEqual([]);
  });

  it('hides bookkeeping, splits custom values per key, lists only filled fields of a creation', () => {
    const created = changesOf({
      id: 1,
      action: 'create',
      actorId: 'u',
      at: 't',
      diff: {
        id: [null, 'x'],
        name: [null, 'Ромашка'],
        inn: [null, null],
        tags: [null, []],
        version: [null, 1],
        search_text: [null, 'ромашка'],
        custom: [null, { industry: 'IT' }],
      },
    });
    expect(created).toEqual([
      { field: 'name', before: null, after: 'Ромашка' },
      { field: 'custom.industry', before: null, after: 'IT' },
    ]);
    const updated = changesOf({
      id: 2,
      action: 'update',
      actorId: 'u',
      at: 't',
      diff: {
        custom: [
          { industry: 'IT', budget: 100 },
          { industry: 'IT', budget: 200, vip: true },
        ],
        status: ['lead', 'customer'],
      },
    });
    expect(updated).toEqual([
      { field: 'custom.budget', before: 100, after: 200 },
      { field: 'custom.vip', before: null, after: true },
      { field: 'status', before: 'lead', after: 'customer' },
    ]);
  });

  it('orders the timeline newest first', () => {
    const items = toTimeline([
      { id: 1, action: 'create', actorId: null, at: 'a', diff: {} },
      { id: 3, action: 'delete', actorId: null, at: 'c', diff: { deleted_at: [null, 'c'] } },
      { id: 2, action: 'update', actorId: null, at: 'b', diff: {} },
    ]);
    expect(items.map((i) => i.id)).toEqual([3, 2, 1]);
    expect(items[0]?.changes).toEqual([{ field: 'deleted_at', before: null, after: 'c' }]);
  });
});
