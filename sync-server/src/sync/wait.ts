import { definitionHash, type ShapeDefinition } from './definition.ts';
import type { SyncEngine } from './engine.ts';
import { globalLsn, readLog } from './log-reader.ts';
import { LONG_POLL_MS } from './log-serve.ts';
import { changeMessages } from './messages.ts';
import { at, parseOffset } from './offset.ts';
import { lookupHandle, type ShapeRecord } from './registry.ts';
import { keyColumns } from './snapshot.ts';
import { quoteIdent } from './sql.ts';
import { loadTableInfo } from './table-info.ts';

/** One held live request of a client: its shape handle and the offset it would ask from. */
export interface WaitTarget {
  handle: string;
  offset: string;
}

/**
 * The definitions the caller may read now, for the given `schema.table`s. Called once at the start and again when
 * one of their `dependsOn` tables changed (role, team, visible clients), as a held long poll re-resolves.
 */
export type ReadableDefinitions = (tables: ReadonlySet<string>) => Promise<ShapeDefinition[]>;

export interface WaitRequest {
  engine: SyncEngine;
  targets: WaitTarget[];
  readable: ReadableDefinitions;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const INF = 2n ** 62n;
const tableOf = (r: ShapeRecord) => `${r.schema}.${r.table}`;

/** Where a live request at `offset` would start reading the log, or null when it would not reach the log. */
function logStart(record: ShapeRecord, offset: string): { seq: bigint; op: bigint } | null {
  const o = parseOffset(offset);
  if (!o || o.kind === 'before-all') return null;
  if (o.tx === 0n) return o.op === 'inf' ? { seq: record.snapshotLsn, op: INF } : null;
  if (o.tx < record.snapshotLsn) return null;
  return { seq: o.tx, op: o.op === 'inf' ? INF : o.op };
}

/**
 * Would a live GET of this shape answer at once? The same read as the long poll's (log-serve.ts): the shape was
 * rotated or its table changed (409), a truncate (409), or at least one message past the offset, or more than one
 * page of log. Log rows outside the shape's where leave it waiting, as they leave the long poll waiting.
 */
async function hasNews(
  engine: SyncEngine,
  record: ShapeRecord,
  from: { seq: bigint; op: bigint },
): Promise<boolean> {
  const qualified = `${quoteIdent(record.schema)}.${quoteIdent(record.table)}`;
  return engine.sql.transaction({ repeatableRead: true, readOnly: true }, async (q) => {
    const [status] = await q.query<{ rotated: boolean; fp: string }>(
      `SELECT rotated_at IS NOT NULL AS rotated, sync_table_fingerprint(to_regclass($2)) AS fp FROM sync_shapes
       WHERE handle = $1`,
      [record.handle, qualified],
    );
    if (!status || status.rotated || status.fp !== record.fingerprint) return true;
    const key = tableOf(record);
    let info = engine.tableInfo.get(key);
    if (info?.fingerprint !== status.fp) {
      info = await loadTableInfo(q, record.schema, record.table);
      engine.tableInfo.set(key, info);
    }
    const log = await readLog(q, record, info, from.seq, from.op, await globalLsn(q));
    if (!log.complete) return true;
    const view = {
      schema: record.schema,
      table: record.table,
      columns: record.columns,
      keyColumns: keyColumns(info, record.columns),
      pk: info.pk,
      replica: record.replica,
    };
    const built = changeMessages(log.rows, view, at(from.seq, from.op === INF ? 'inf' : from.op));
    return built.truncated || built.messages.length > 0;
  });
}

/**
 * The watched shapes worth a full read, in one query: the table has log rows past the offset (any row, where or
 * not), the shape was rotated, or the table's definition changed since the shape was made.
 */
async function candidates(engine: SyncEngine, watched: Watched[]): Promise<Set<Watched>> {
  if (watched.length === 0) return new Set();
  const rows = await engine.sql.query<{ i: number }>(
    `SELECT t.i FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[])
       AS t(i, handle, schema_name, table_name, seq, op, fp)
     WHERE EXISTS (SELECT 1 FROM sync_change_log c
                   WHERE c.table_name = t.table_name AND c.schema_name = t.schema_name
                     AND (c.tx_seq > t.seq OR (c.tx_seq = t.seq AND c.op_pos::bigint * 2 + 1 > t.op)))
        OR EXISTS (SELECT 1 FROM sync_shapes s WHERE s.handle = t.handle AND s.rotated_at IS NOT NULL)
        OR sync_table_fingerprint(to_regclass(quote_ident(t.schema_name) || '.' || quote_ident(t.table_name)))
           IS DISTINCT FROM t.fp`,
    [
      watched.map((_, i) => i),
      watched.map((w) => w.record.handle),
      watched.map((w) => w.record.schema),
      watched.map((w) => w.record.table),
      watched.map((w) => w.from.seq.toString()),
      watched.map((w) => w.from.op.toString()),
      watched.map((w) => w.record.fingerprint),
    ],
  );
  return new Set(rows.map((r) => watched[Number(r.i)] as Watched));
}

function sleep(ms: number, signal: AbortSignal | undefined, setWake: (wake: () => void) => void) {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      setWake(() => {});
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    setWake(done);
  });
}

interface Watched {
  record: ShapeRecord;
  from: { seq: bigint; op: bigint };
}

/**
 * The handles among `targets` whose live request would answer now; waits on commit notifications until one does,
 * the client goes away or `timeoutMs` passes (then []). Serves no data: a handle that is unknown, rotated, at a
 * snapshot offset or of a definition the caller may not read counts as ready without looking at its log, and the
 * real shape request answers it as it always does (409, 400, 403…), so nothing is learnt about others' shapes.
 */
export async function waitForShapes(r: WaitRequest): Promise<string[]> {
  const { engine } = r;
  let changed = new Set<string>();
  let everything = false;
  let wake = () => {};
  // Listening before the first read: a commit between the read and the wait still wakes us.
  const unsubscribe = await engine.notifier.subscribe((e) => {
    if (e.tables === '*') everything = true;
    else for (const t of e.tables) changed.add(t);
    wake();
  });
  try {
    const ready = new Set<string>();
    const watched: Watched[] = [];
    const records = new Map<string, ShapeRecord | null>();
    for (const t of r.targets) {
      if (!records.has(t.handle)) records.set(t.handle, await lookupHandle(engine.sql, t.handle));
    }
    const live = [...records.values()].filter((x): x is ShapeRecord => x !== null && !x.rotated);
    const tables = new Set(live.map(tableOf));
    let definitions = tables.size > 0 ? await r.readable(tables) : [];
    let hashes = new Set(definitions.map(definitionHash));
    for (const t of r.targets) {
      const record = records.get(t.handle);
      const from = record && !record.rotated ? logStart(record, t.offset) : null;
      if (!record || !from || !hashes.has(record.defHash)) ready.add(t.handle);
      else watched.push({ record, from });
    }
    const check = async (only: (w: Watched) => boolean) => {
      const open = watched.filter((w) => !ready.has(w.record.handle) && only(w));
      for (const w of await candidates(engine, open)) {
        if (!ready.has(w.record.handle) && (await hasNews(engine, w.record, w.from)))
          ready.add(w.record.handle);
      }
    };
    await check(() => true);
    const deadline = Date.now() + (r.timeoutMs ?? LONG_POLL_MS);
    while (ready.size === 0) {
      if (engine.closed) return r.targets.map((t) => t.handle);
      const left = deadline - Date.now();
      if (left <= 0 || r.signal?.aborted) break;
      if (!everything && changed.size === 0) {
        await sleep(left, r.signal, (w) => {
          wake = w;
        });
        continue;
      }
      const [all, touched] = [everything, changed];
      everything = false;
      changed = new Set();
      if (all || definitions.some((d) => d.dependsOn.some((t) => touched.has(t)))) {
        definitions = await r.readable(tables);
        hashes = new Set(definitions.map(definitionHash));
        for (const w of watched) if (!hashes.has(w.record.defHash)) ready.add(w.record.handle);
      }
      await check((w) => all || touched.has(tableOf(w.record)));
    }
    // As a long poll re-reads when it times out: a table altered without a commit to announce it is found here.
    if (ready.size === 0 && !r.signal?.aborted) await check(() => true);
    return [...ready];
  } finally {
    unsubscribe();
  }
}
