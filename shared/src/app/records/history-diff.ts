/**
 * The audit log's entries as a timeline reads them: bookkeeping columns left out, the `custom` jsonb split into one
 * change per custom field, newest entry first. Entries come from the server and are checked before use.
 */

export type HistoryAction = 'create' | 'update' | 'delete' | 'restore' | 'purge';

export interface HistoryEntry {
  id: number;
  action: HistoryAction;
  actorId: string | null;
  at: string;
  diff: Record<string, [unknown, unknown]>;
}

export interface FieldChange {
  /** A column name (snake_case, as the audit log writes it) or `custom.<key>`. */
  field: string;
  before: unknown;
  after: unknown;
}

export interface TimelineItem {
  id: number;
  action: HistoryAction;
  actorId: string | null;
  at: string;
  changes: FieldChange[];
}

const ACTIONS: readonly HistoryAction[] = ['create', 'update', 'delete', 'restore', 'purge'];
/** Columns every write touches or that are derived; they say nothing to a reader. */
const HIDDEN = new Set([
  'id',
  'version',
  'created_at',
  'updated_at',
  'last_mutation_id',
  'search',
  'search_text',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseEntry(raw: unknown): HistoryEntry | null {
  if (!isRecord(raw)) return null;
  const { id, action, actorId, at, diff } = raw;
  if (typeof id !== 'number' || typeof at !== 'string' || !ACTIONS.includes(action as HistoryAction))
    return null;
  if (actorId !== null && typeof actorId !== 'string') return null;
  if (!isRecord(diff)) return null;
  const pairs: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(diff)) {
    if (Array.isArray(v) && v.length === 2) pairs[k] = [v[0], v[1]];
  }
  return { id, action: action as HistoryAction, actorId, at, diff: pairs };
}

/** `{items: [...]}` as GET /api/<entity>/<id>/history answers; anything malformed is skipped. */
export function parseHistory(body: unknown): HistoryEntry[] {
  const items = isRecord(body) && Array.isArray(body.items) ? body.items : [];
  return items.map(parseEntry).filter((e): e is HistoryEntry => e !== null);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const empty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isRecord(v) && !Object.keys(v).length);

function customChanges(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !same(b[k], a[k]))
    .sort()
    .map((k) => ({ field: `custom.${k}`, before: b[k] ?? null, after: a[k] ?? null }));
}

/** Per-field changes of one entry. A creation lists only the fields it filled. */
export function changesOf(entry: HistoryEntry): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, [before, after]] of Object.entries(entry.diff)) {
    if (HIDDEN.has(field)) continue;
    if (field === 'custom') {
      out.push(...customChanges(before, after));
      continue;
    }
    if (entry.action === 'create' && empty(after)) continue;
    if (same(before, after)) continue;
    out.push({ field, before, after });
  }
  return out;
}

/** Newest first, as a timeline reads. */
export function toTimeline(entries: HistoryEntry[]): TimelineItem[] {
  return [...entries]
    .sort((a, b) => b.id - a.id)
    .map((e) => ({ id: e.id, action: e.action, actorId: e.actorId, at: e.at, changes: changesOf(e) }));
}
