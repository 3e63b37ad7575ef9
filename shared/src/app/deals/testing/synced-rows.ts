/// <reference types="node" />
// Test-only: writes rows into a replica's `X_synced` tables as if the server's shapes had delivered them.
import { newId } from '../../../ids.ts';
import type { ReplicaPg } from '../../../replica/open.ts';

type Row = Record<string, unknown>;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Inserts `rows` (snake_case keys; an id is made when missing) into `<table>_synced`; returns their ids. */
export async function insertSynced(pg: ReplicaPg, table: string, rows: Row[]): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const values = { id: newId(), ...row };
    const cols = Object.keys(values);
    const placeholders = cols.map((_, i) => `$${i + 1}`).join(', ');
    await pg.query(
      `INSERT INTO ${q(`${table}_synced`)} (${cols.map(q).join(', ')}) VALUES (${placeholders})`,
      Object.values(values).map((v) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : v,
      ),
    );
    ids.push(values.id as string);
  }
  return ids;
}

/** A pipeline with stages named as given (the last two won and lost); returns their ids in order. */
export async function insertPipeline(
  pg: ReplicaPg,
  name: string,
  stageNames: string[],
  extra: Row = {},
): Promise<{ pipelineId: string; stageIds: string[] }> {
  const [pipelineId] = await insertSynced(pg, 'pipelines', [{ name, ...extra }]);
  const n = stageNames.length;
  const stages = stageNames.map((stage, i) => ({
    id: newId(),
    pipeline_id: pipelineId,
    name: stage,
    position: i,
    is_won: n > 2 && i === n - 2,
    is_lost: n > 2 && i === n - 1,
    color: '#42a5f5',
  }));
  // Inserted last stage first: the queries must order by position, not by arrival.
  await insertSynced(pg, 'stages', [...stages].reverse());
  return { pipelineId: pipelineId as string, stageIds: stages.map((s) => s.id) };
}

/**
 * Runs a query the way the screens do: as a PGlite live query (which inlines parameters with `format()`), so a
 * query that only works through plain `pg.query` fails here too.
 */
export async function runLive<T>(pg: ReplicaPg, query: { sql: string; params: unknown[] }): Promise<T[]> {
  const live = await pg.live.query<T>(query.sql, query.params);
  await live.unsubscribe();
  return live.initialResults.rows;
}
