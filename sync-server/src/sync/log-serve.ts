import { definitionHash } from './definition.ts';
import { globalLsn, readLog } from './log-reader.ts';
import { changeMessages, type Message, upToDate } from './messages.ts';
import { at, formatOffset, type Offset } from './offset.ts';
import { ensureCaptured, rotateShapes, type ShapeRecord } from './registry.ts';
import { shapeResponse } from './respond.ts';
import { mustRefetch, type ShapeRequest } from './serve.ts';
import { keyColumns } from './snapshot.ts';
import { quoteIdent } from './sql.ts';
import { loadTableInfo, type TableInfo } from './table-info.ts';

/** How long a live request with nothing new is held (protocol §6.2: 20 s, under the client's 45 s watchdog). */
export const LONG_POLL_MS = 20_000;
const INF = 2n ** 62n;

type Read =
  | { stale: true }
  | {
      stale: false;
      lsn: bigint;
      messages: Message[];
      lastOffset: Offset | null;
      scannedTo: bigint | null;
      complete: boolean;
    };

/**
 * One consistent read (REPEATABLE READ): the shape is still live and its table unchanged, the global LSN, and the
 * table's log after `afterSeq/afterOp` up to that LSN. Everything committed up to the LSN is in the snapshot, so an
 * up-to-date carrying it keeps the promise of C17.
 */
async function readOnce(
  r: ShapeRequest,
  record: ShapeRecord,
  afterSeq: bigint,
  afterOp: bigint,
): Promise<Read> {
  const { engine } = r;
  const qualified = `${quoteIdent(record.schema)}.${quoteIdent(record.table)}`;
  return engine.sql.transaction({ repeatableRead: true, readOnly: true }, async (q) => {
    const [status] = await q.query<{ rotated: boolean; fp: string }>(
      `SELECT rotated_at IS NOT NULL AS rotated, sync_table_fingerprint(to_regclass($2)) AS fp FROM sync_shapes
       WHERE handle = $1`,
      [record.handle, qualified],
    );
    if (!status || status.rotated || status.fp !== record.fingerprint) return { stale: true };
    const key = `${record.schema}.${record.table}`;
    let info: TableInfo | undefined = engine.tableInfo.get(key);
    if (info?.fingerprint !== status.fp) {
      info = await loadTableInfo(q, record.schema, record.table);
      engine.tableInfo.set(key, info);
    }
    const lsn = await globalLsn(q);
    const log = await readLog(q, record, info, afterSeq, afterOp, lsn);
    const view = {
      schema: record.schema,
      table: record.table,
      columns: record.columns,
      keyColumns: keyColumns(info, record.columns),
      pk: info.pk,
      replica: record.replica,
    };
    const built = changeMessages(log.rows, view, at(afterSeq, afterOp === INF ? 'inf' : afterOp));
    if (built.truncated) return { stale: true };
    const scannedTo = log.rows.at(-1)?.seq ?? null;
    return {
      stale: false,
      lsn,
      messages: built.messages,
      lastOffset: built.lastOffset,
      scannedTo,
      complete: log.complete,
    };
  });
}

function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  onWake: (wake: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    onWake(done);
  });
}

/**
 * The shape log after the request offset. Live requests with nothing new wait for a commit notification on the
 * table (registered before the first read, so no commit slips between), re-resolve a user shape's definition when
 * its inputs change (409 if it moved), and answer up-to-date with the unchanged offset after LONG_POLL_MS.
 */
export async function serveLog(r: ShapeRequest, record: ShapeRecord): Promise<Response> {
  const requested = r.params.offset;
  if (requested.kind !== 'at') throw new Error('serveLog needs an offset');
  const afterSeq = requested.tx === 0n ? record.snapshotLsn : requested.tx;
  const afterOp = requested.tx === 0n || requested.op === 'inf' ? INF : requested.op;
  const table = `${record.schema}.${record.table}`;
  let dirty = false;
  let dependencyChanged = false;
  let wake = () => {};
  const unsubscribe = r.params.live
    ? await r.engine.notifier.subscribe((e) => {
        const tables = e.tables;
        if (tables === '*' || tables.has(table)) dirty = true;
        if (tables === '*' || r.def.dependsOn.some((t) => tables.has(t))) dependencyChanged = true;
        wake();
      })
    : () => {};
  let result: Read;
  try {
    result = await readOnce(r, record, afterSeq, afterOp);
    const deadline = Date.now() + LONG_POLL_MS;
    let fresh = true;
    while (r.params.live && !result.stale && result.messages.length === 0 && result.complete) {
      const left = deadline - Date.now();
      if (left <= 0 || r.engine.closed || r.signal?.aborted) break;
      if (!dirty && !dependencyChanged) {
        await sleep(left, r.signal, (w) => {
          wake = w;
        });
        wake = () => {};
        fresh = false;
      }
      if (dependencyChanged && r.def.refresh) {
        dependencyChanged = false;
        const current = await r.def.refresh();
        if (definitionHash(current) !== record.defHash) return await mustRefetch(r, current);
      }
      dependencyChanged = false;
      if (dirty) {
        dirty = false;
        result = await readOnce(r, record, afterSeq, afterOp);
        fresh = true;
      }
    }
    // A poll that timed out answers with the global LSN of now, not of 20 s ago.
    if (!fresh && !result.stale) result = await readOnce(r, record, afterSeq, afterOp);
  } finally {
    unsubscribe();
  }
  if (result.stale) {
    await r.engine.sql.transaction({}, (q) =>
      rotateShapes(q, record.schema, record.table, record.handle, 'stale'),
    );
    await ensureCaptured(r.engine.sql, record.schema, record.table);
    return mustRefetch(r);
  }
  const messages = result.complete ? [...result.messages, upToDate(result.lsn)] : result.messages;
  let offset = formatOffset(requested);
  if (result.lastOffset) offset = formatOffset(result.lastOffset);
  else if (result.scannedTo !== null) offset = `${result.scannedTo}_inf`;
  return shapeResponse(r.params, r.def, {
    body: JSON.stringify(messages),
    handle: record.handle,
    requestOffset: formatOffset(requested),
    offset,
    upToDate: result.complete,
    hasData: result.messages.length > 0,
    schema: record.schemaHeader,
    cache: result.complete ? 'tail' : 'chunk',
    // A page that stops short of the end is a pure function of (handle, offset); the tail is not (C25).
    stable: !result.complete,
  });
}
