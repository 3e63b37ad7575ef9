/**
 * The table's query (search, column filters, sort) to and from what outlives the screen: a saved segment's
 * `filters` (a flat record the server validates: string, number, boolean or string[] values, at most 30 keys) and
 * local storage. Everything read back is untrusted and checked against the columns; what does not fit is dropped.
 */
import type { ColumnSpec } from './columns-spec.ts';
import { type ClientQuery, type ColumnFilter, DEFAULT_SORT, EMPTY_QUERY } from './query.ts';

type SegmentValue = string | number | boolean | string[];
export type SegmentFilters = Record<string, SegmentValue>;

const MAX_TEXT = 200;
const MAX_VALUES = 50;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Custom field filters travel as JSON strings under one key (their ids may be longer than a segment key). */
const CUSTOM_KEY = 'cf';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : '');
const day = (v: unknown) => (typeof v === 'string' && ISO_DATE.test(v) ? v : null);
const num = (v: unknown) => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** A filter of the column's kind with usable values, or null (an empty filter is no filter). */
export function sanitizeFilter(spec: ColumnSpec, raw: unknown): ColumnFilter | null {
  if (!isRecord(raw) || raw.kind !== spec.filter) return null;
  switch (spec.filter) {
    case 'text': {
      const value = text(raw.value);
      return value.trim() ? { kind: 'text', value } : null;
    }
    case 'select': {
      const values = Array.isArray(raw.values)
        ? [...new Set(raw.values.filter((v): v is string => typeof v === 'string' && v.length <= MAX_TEXT))]
        : [];
      const allowed = spec.options ? values.filter((v) => spec.options?.includes(v)) : values;
      return allowed.length ? { kind: 'select', values: allowed.slice(0, MAX_VALUES) } : null;
    }
    case 'dateRange': {
      const from = day(raw.from);
      const to = day(raw.to);
      return from || to ? { kind: 'dateRange', from, to } : null;
    }
    case 'numberRange': {
      const min = num(raw.min);
      const max = num(raw.max);
      return min !== null || max !== null ? { kind: 'numberRange', min, max } : null;
    }
    case 'boolean':
      return typeof raw.value === 'boolean' ? { kind: 'boolean', value: raw.value } : null;
    default:
      return null;
  }
}

/** A query object from anywhere (local storage, an old version) made safe for these columns. */
export function sanitizeQuery(raw: unknown, specs: readonly ColumnSpec[]): ClientQuery {
  if (!isRecord(raw)) return EMPTY_QUERY;
  const filters: Record<string, ColumnFilter> = {};
  if (isRecord(raw.filters)) {
    for (const spec of specs) {
      const f = sanitizeFilter(spec, raw.filters[spec.id]);
      if (f) filters[spec.id] = f;
    }
  }
  const sort = isRecord(raw.sort) ? raw.sort : null;
  const sortSpec = specs.find((s) => s.sortable && s.id === sort?.column);
  return {
    search: text(raw.search),
    filters,
    sort: sortSpec ? { column: sortSpec.id, desc: sort?.desc === true } : DEFAULT_SORT,
  };
}

function encodeFilter(f: ColumnFilter): SegmentValue {
  switch (f.kind) {
    case 'text':
      return f.value;
    case 'select':
      return f.values;
    case 'dateRange':
      return [f.from ?? '', f.to ?? ''];
    case 'numberRange':
      return [f.min === null ? '' : String(f.min), f.max === null ? '' : String(f.max)];
    case 'boolean':
      return f.value;
  }
}

function decodeFilter(spec: ColumnSpec, v: unknown): ColumnFilter | null {
  const pair = Array.isArray(v) ? v : [];
  switch (spec.filter) {
    case 'text':
      return sanitizeFilter(spec, { kind: 'text', value: v });
    case 'select':
      return sanitizeFilter(spec, { kind: 'select', values: v });
    case 'dateRange':
      return sanitizeFilter(spec, { kind: 'dateRange', from: pair[0], to: pair[1] });
    case 'numberRange':
      return sanitizeFilter(spec, { kind: 'numberRange', min: pair[0], max: pair[1] });
    case 'boolean':
      return sanitizeFilter(spec, { kind: 'boolean', value: v });
    default:
      return null;
  }
}

/**
 * A segment's `filters`: `q` and `sort` as the list API names them (`-created_at` for descending), built-in
 * column filters under their column id, custom ones as JSON strings under `cf`.
 */
export function toSegmentFilters(query: ClientQuery, specs: readonly ColumnSpec[]): SegmentFilters {
  const out: SegmentFilters = {};
  if (query.search.trim()) out.q = query.search.trim().slice(0, MAX_TEXT);
  out.sort = `${query.sort.desc ? '-' : ''}${query.sort.column}`;
  const custom: string[] = [];
  for (const spec of specs) {
    const f = query.filters[spec.id];
    if (!f) continue;
    const value = encodeFilter(f);
    if (spec.custom) {
      const json = JSON.stringify([spec.custom.key, value]);
      if (json.length <= 200) custom.push(json);
    } else {
      out[spec.id] = value;
    }
  }
  if (custom.length) out[CUSTOM_KEY] = custom.slice(0, MAX_VALUES);
  return out;
}

export function fromSegmentFilters(raw: unknown, specs: readonly ColumnSpec[]): ClientQuery {
  if (!isRecord(raw)) return EMPTY_QUERY;
  const filters: Record<string, ColumnFilter> = {};
  for (const spec of specs) {
    if (spec.custom || !(spec.id in raw)) continue;
    const f = decodeFilter(spec, raw[spec.id]);
    if (f) filters[spec.id] = f;
  }
  const customEntries = Array.isArray(raw[CUSTOM_KEY]) ? (raw[CUSTOM_KEY] as unknown[]) : [];
  for (const entry of customEntries) {
    try {
      const parsed: unknown = typeof entry === 'string' ? JSON.parse(entry) : null;
      if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') continue;
      const spec = specs.find((s) => s.custom?.key === parsed[0]);
      const f = spec ? decodeFilter(spec, parsed[1]) : null;
      if (spec && f) filters[spec.id] = f;
    } catch {
      // a malformed entry is skipped, the rest of the segment still applies
    }
  }
  const sortRaw = typeof raw.sort === 'string' ? raw.sort : '';
  const desc = sortRaw.startsWith('-');
  return sanitizeQuery(
    { search: raw.q, filters, sort: { column: desc ? sortRaw.slice(1) : sortRaw, desc } },
    specs,
  );
}
