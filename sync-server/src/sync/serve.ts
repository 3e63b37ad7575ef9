import { definitionHash, type ShapeDefinition } from './definition.ts';
import type { SyncEngine } from './engine.ts';
import { invalid } from './errors.ts';
import { serveLog } from './log-serve.ts';
import { formatOffset } from './offset.ts';
import type { ShapeParams } from './params.ts';
import { activeShape, lookupHandle, type ShapeRecord } from './registry.ts';
import { mustRefetchResponse, shapeResponse } from './respond.ts';
import { readChunk } from './snapshot.ts';

export interface ShapeRequest {
  engine: SyncEngine;
  params: ShapeParams;
  def: ShapeDefinition;
  ifNoneMatch?: string;
  /** Aborted when the client goes away: a held long poll stops waiting. */
  signal?: AbortSignal;
}

/** 409 with the handle of the definition's live shape (made now if needed, so the refetch finds it ready). */
export async function mustRefetch(r: ShapeRequest, def: ShapeDefinition = r.def): Promise<Response> {
  const { record } = await activeShape(r.engine.sql, def);
  return mustRefetchResponse(def, record.handle);
}

/** Snapshot chunk `n` of the shape: `0_<n+1>` follows, the last chunk ends at `0_inf`, where the log begins. */
async function serveChunk(r: ShapeRequest, record: ShapeRecord, n: number): Promise<Response> {
  if (n > 0 && n >= record.chunkCount) throw invalid('offset', 'out of bounds for this shape');
  const body = record.chunkCount === 0 ? '[]' : await readChunk(r.engine.sql, record.handle, n);
  if (body === null) return mustRefetch(r);
  return shapeResponse(
    r.params,
    r.def,
    {
      body,
      handle: record.handle,
      requestOffset: formatOffset(r.params.offset),
      offset: n + 1 < record.chunkCount ? `0_${n + 1}` : '0_inf',
      upToDate: false,
      hasData: body !== '[]',
      schema: record.schemaHeader,
      cache: r.params.offset.kind === 'before-all' ? 'initial' : 'chunk',
      stable: true,
    },
    r.ifNoneMatch,
  );
}

/**
 * GET /v1/shape for a resolved definition (protocol §6): offset -1 finds or creates the shape and serves its first
 * snapshot chunk (never up-to-date); other offsets need a handle of this very definition (else 409) and get the
 * next snapshot chunk or the log after the offset, held up to 20 s when live and there is nothing new.
 */
export async function serveShape(r: ShapeRequest): Promise<Response> {
  const { offset } = r.params;
  if (offset.kind === 'before-all') {
    const { record } = await activeShape(r.engine.sql, r.def);
    return serveChunk(r, record, 0);
  }
  const record = await lookupHandle(r.engine.sql, r.params.handle ?? '');
  if (!record || record.rotated || record.defHash !== definitionHash(r.def)) return mustRefetch(r);
  if (offset.tx === 0n && offset.op !== 'inf') {
    if (offset.op > 1_000_000n) throw invalid('offset', 'out of bounds for this shape');
    return serveChunk(r, record, Number(offset.op));
  }
  if (offset.tx !== 0n && offset.tx < record.snapshotLsn)
    throw invalid('offset', 'out of bounds for this shape');
  return serveLog(r, record);
}
