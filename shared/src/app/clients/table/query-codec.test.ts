import { describe, expect, it } from 'vitest';
import { SegmentCreate } from '../../../entities/work.ts';
import { clientColumnSpecs } from './columns-spec.ts';
import type { ClientQuery } from './query.ts';
import { fromSegmentFilters, sanitizeQuery, toSegmentFilters } from './query-codec.ts';

const SPECS = clientColumnSpecs([
  { key: 'industry', label: 'Отрасль', type: 'select', options: ['IT', 'Стройка'] },
  { key: 'budget', label: 'Бюджет', type: 'money', options: [] },
  { key: 'vip', label: 'VIP', type: 'boolean', options: [] },
  { key: 'a'.repeat(40), label: 'Длинный', type: 'date', options: [] },
]);

const FULL: ClientQuery = {
  search: 'ромашка',
  sort: { column: 'custom:budget', desc: true },
  filters: {
    name: { kind: 'text', value: 'ООО' },
    status: { kind: 'select', values: ['lead', 'customer'] },
    owner: { kind: 'select', values: ['none', '0190a4b2-1111-7000-8000-000000000001'] },
    created_at: { kind: 'dateRange', from: '2024-01-01', to: null },
    'custom:industry': { kind: 'select', values: ['IT'] },
    'custom:budget': { kind: 'numberRange', min: 100, max: null },
    'custom:vip': { kind: 'boolean', value: false },
    [`custom:${'a'.repeat(40)}`]: { kind: 'dateRange', from: null, to: '2025-12-31' },
  },
};

describe('clients query codec', () => {
  it('round-trips through a segment, and the segment passes the server’s schema', () => {
    const encoded = toSegmentFilters(FULL, SPECS);
    expect(SegmentCreate.safeParse({ name: 'x', entity: 'clients', filters: encoded }).success).toBe(true);
    expect(encoded.q).toBe('ромашка');
    expect(encoded.sort).toBe('-custom:budget');
    expect(encoded.status).toEqual(['lead', 'customer']);
    expect(fromSegmentFilters(JSON.parse(JSON.stringify(encoded)), SPECS)).toEqual(FULL);
  });

  it('drops what does not fit the columns', () => {
    const decoded = fromSegmentFilters(
      {
        q: 42,
        sort: '-password_hash',
        status: ['lead', 'hacker'],
        kind: 'company',
        nope: 'x',
        created_at: ['yesterday', ''],
        cf: ['not json', '["missing",1]', '["industry",["Космос"]]', '["budget",["x","5"]]'],
      },
      SPECS,
    );
    expect(decoded).toEqual({
      search: '',
      sort: { column: 'created_at', desc: true },
      filters: {
        status: { kind: 'select', values: ['lead'] },
        'custom:budget': { kind: 'numberRange', min: null, max: 5 },
      },
    });
    expect(fromSegmentFilters(null, SPECS).filters).toEqual({});
  });

  it('sanitizes a stored query', () => {
    expect(
      sanitizeQuery(
        {
          search: 'x'.repeat(500),
          sort: { column: 'tags', desc: true },
          filters: { name: { kind: 'select', values: ['a'] }, inn: { kind: 'text', value: '77' } },
        },
        SPECS,
      ),
    ).toEqual({
      search: 'x'.repeat(200),
      sort: { column: 'created_at', desc: true },
      filters: { inn: { kind: 'text', value: '77' } },
    });
    expect(sanitizeQuery('garbage', SPECS).filters).toEqual({});
  });
});
