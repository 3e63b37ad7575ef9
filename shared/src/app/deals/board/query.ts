/**
 * SQL of the pipeline board: pipelines, the stage columns with their totals, and the first cards of each column.
 * Pure (no React), so the queries are tested against a real replica (query.test.ts).
 */
import { type DealFilters, dealConditions } from '../deal-filters.ts';
import { Params, type Query } from '../sql.ts';

/** Cards a column shows before its "show more" button: a column with thousands of deals stays light. */
export const CARDS_PER_COLUMN = 50;

export interface PipelineRow {
  id: string;
  name: string;
  is_default: boolean;
}

/** The default pipeline first, then the others by position. */
export const PIPELINES_SQL = `
SELECT id, name, is_default FROM pipelines
 WHERE deleted_at IS NULL
 ORDER BY is_default DESC, position, name, id`;

/** The pipeline to open: the default one, else the first by position. */
export function defaultPipeline(rows: PipelineRow[]): PipelineRow | undefined {
  return rows.find((r) => r.is_default) ?? rows[0];
}

export interface StageColumnRow {
  id: string;
  name: string;
  color: string | null;
  is_won: boolean;
  is_lost: boolean;
  /** Deals in the stage that match the filters. */
  deals: number;
  /** Sum of their amounts in roubles' kopecks (deals in other currencies are counted, not summed). */
  amount_rub: number;
  /** Matching deals in other currencies. */
  other_currency: number;
}

/** One row per stage of the pipeline, ordered by position, with the count and sum of the matching deals. */
export function stageColumnsQuery(pipelineId: string, filters: DealFilters): Query {
  const p = new Params();
  const pipeline = p.add(pipelineId);
  const sql = `
SELECT s.id, s.name, s.color, s.is_won, s.is_lost,
       coalesce(t.deals, 0)::int AS deals,
       coalesce(t.amount_rub, 0)::float8 AS amount_rub,
       coalesce(t.other_currency, 0)::int AS other_currency
  FROM stages s
  LEFT JOIN (
    SELECT d.stage_id, count(*) AS deals,
           sum(d.amount) FILTER (WHERE d.currency = 'RUB') AS amount_rub,
           count(*) FILTER (WHERE d.currency <> 'RUB') AS other_currency
      FROM deals d
     WHERE d.pipeline_id = ${pipeline} AND ${dealConditions(p, filters)}
     GROUP BY d.stage_id
  ) t ON t.stage_id = s.id
 WHERE s.pipeline_id = ${pipeline} AND s.deleted_at IS NULL
 ORDER BY s.position, s.name, s.id`;
  return p.query(sql);
}

export interface BoardCardRow {
  id: string;
  stage_id: string;
  title: string;
  amount: number;
  currency: string;
  client_id: string | null;
  client_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  /** `YYYY-MM-DD` or null. */
  expected_close_date: string | null;
  closed_at: string | Date | null;
  updated_at: string | Date;
}

/**
 * The most recently updated matching deals of every stage: `CARDS_PER_COLUMN` each, or as many as `limits`
 * (stage id → count) says for columns the user expanded.
 */
export function boardCardsQuery(
  pipelineId: string,
  filters: DealFilters,
  limits: Record<string, number> = {},
): Query {
  const p = new Params();
  const pipeline = p.add(pipelineId);
  const perStage = p.add(JSON.stringify(limits));
  const fallback = p.add(CARDS_PER_COLUMN);
  const sql = `
SELECT d.id, d.stage_id, d.title, d.amount, d.currency, d.client_id, c.name AS client_name,
       d.owner_id, u.name AS owner_name, d.expected_close_date::text AS expected_close_date,
       d.closed_at, d.updated_at
  FROM stages s
 CROSS JOIN LATERAL (
    SELECT d.id, d.stage_id, d.title, d.amount, d.currency, d.client_id, d.owner_id,
           d.expected_close_date, d.closed_at, d.updated_at
      FROM deals d
     WHERE d.stage_id = s.id AND d.pipeline_id = ${pipeline} AND ${dealConditions(p, filters)}
     ORDER BY d.updated_at DESC, d.id DESC
     LIMIT coalesce((${perStage}::jsonb ->> s.id::text)::int, ${fallback}::int)
  ) d
  LEFT JOIN clients c ON c.id = d.client_id
  LEFT JOIN users u ON u.id = d.owner_id
 WHERE s.pipeline_id = ${pipeline} AND s.deleted_at IS NULL
 ORDER BY s.position, s.id, d.updated_at DESC, d.id DESC`;
  return p.query(sql);
}

/** Cards grouped by stage id, in the query's order. */
export function cardsByStage<T extends { stage_id: string }>(rows: T[]): Map<string, T[]> {
  const byStage = new Map<string, T[]>();
  for (const row of rows) {
    const list = byStage.get(row.stage_id);
    if (list) list.push(row);
    else byStage.set(row.stage_id, [row]);
  }
  return byStage;
}
