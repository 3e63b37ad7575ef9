import { invalid } from './errors.ts';
import { parseIdentifierList } from './identifiers.ts';
import { type Offset, parseOffset } from './offset.ts';

/** The query string of `GET /v1/shape` (protocol §2), validated. */
export interface ShapeParams {
  table: string | null;
  offset: Offset;
  handle: string | null;
  live: boolean;
  cursor: string | null;
  where: string | null;
  /** `params[1]` … `params[n]` as an array ($1 first); null when none were sent. */
  params: string[] | null;
  columns: string[] | null;
  replica: 'default' | 'full' | null;
  /** The Electric service secret when sent as `secret` or `api_secret`. */
  secret: string | null;
}

/** Parameters we know but do not serve (§10.9): a 400, never a wrong 200 (C30). */
const UNSUPPORTED: Record<string, string> = {
  live_sse: 'SSE is not supported; use long polling',
  experimental_live_sse: 'SSE is not supported; use long polling',
};

function bool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || v === 'false') return false;
  if (v === 'true') return true;
  throw invalid(name, 'must be a boolean');
}

function collectParams(q: URLSearchParams): string[] | null {
  const byIndex = new Map<number, string>();
  for (const [key, value] of q) {
    const m = /^params\[(\d{1,4})\]$/.exec(key);
    if (m) byIndex.set(Number(m[1]), value);
    else if (key === 'params' || key.startsWith('params['))
      throw invalid('params', 'use params[1]=…&params[2]=…');
  }
  if (byIndex.size === 0) return null;
  const out: string[] = [];
  for (let i = 1; i <= byIndex.size; i++) {
    const v = byIndex.get(i);
    if (v === undefined) throw invalid('params', `params must be numbered 1..${byIndex.size} without gaps`);
    if (v.includes('\u0000')) throw invalid('params', 'must not contain NUL characters');
    out.push(v);
  }
  return out;
}

export function parseShapeParams(q: URLSearchParams): ShapeParams {
  for (const key of q.keys()) {
    if (key.startsWith('subset__')) throw invalid(key, 'subset snapshots are not supported');
    const unsupported = UNSUPPORTED[key];
    if (unsupported && bool(q, key)) throw invalid(key, unsupported);
  }
  const offsetText = q.get('offset');
  if (offsetText === null || offsetText === '') throw invalid('offset', "can't be blank");
  if (offsetText === 'now') throw invalid('offset', 'offset=now is not supported');
  const offset = parseOffset(offsetText);
  if (!offset) throw invalid('offset', 'has invalid format');
  const handle = q.get('handle') || null;
  if (offset.kind !== 'before-all' && !handle) throw invalid('handle', "can't be blank when offset != -1");
  const live = bool(q, 'live');
  if (live && offset.kind === 'before-all') throw invalid('live', "can't be true when offset is -1");
  const log = q.get('log');
  if (log !== null && log !== 'full') {
    throw invalid('log', log === 'changes_only' ? 'log=changes_only is not supported' : 'must be full');
  }
  const replica = q.get('replica');
  if (replica !== null && replica !== 'default' && replica !== 'full')
    throw invalid('replica', 'must be default or full');
  const columnsText = q.get('columns');
  let columns: string[] | null = null;
  if (columnsText !== null) {
    columns = parseIdentifierList(columnsText, ',');
    if (!columns) throw invalid('columns', 'must be a comma-separated list of column names');
    if (new Set(columns).size !== columns.length) throw invalid('columns', 'must not repeat a column');
  }
  const where = q.get('where');
  const params = collectParams(q);
  if (params && where === null) throw invalid('params', 'given without a where');
  return {
    table: q.get('table'),
    offset,
    handle,
    live,
    cursor: q.get('cursor'),
    where: where === null || where.trim() === '' ? null : where.trim(),
    params,
    columns,
    replica,
    secret: q.get('secret') ?? q.get('api_secret'),
  };
}
