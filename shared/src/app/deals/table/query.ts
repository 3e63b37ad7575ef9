/**
 * SQL of the deals table: a count and a window of rows (LIMIT/OFFSET) in the chosen order, so the table scrolls
 * through any number of deals while React holds only the rows on screen.
 */
import { type DealFilters, dealConditions } from '../deal-filters.ts';
import { Params, type Query } from '../sql.ts';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export interface DealTableFilters extends DealFilters {
  pipelineId?: string | null;
  stageId?: string | null;
  status?: DealStatus | null;
}

/** Sortable columns and their SQL; every order ends with the id, so a window never shifts between runs. */
export const DEAL_SORTS = {
  title: 'lower(d.title)',
  client: 'lower(c.name)',
  stage: 'p.position, s.position',
  amount: 'd.amount',
  owner: 'lower(u.name)',
  expected_close_date: 'd.expected_close_date',
  updated_at: 'd.updated_at',
  created_at: 'd.created_at',
} as const;
export type DealSortKey = keyof typeof DEAL_SORTS;

export interface DealSort {
  key: DealSortKey;
  desc: boolean;
}

export const DEFAULT_DEAL_SORT: DealSort = { key: 'updated_at', desc: true };

export function isDealSortKey(key: string): key is DealSortKey {
  return Object.hasOwn(DEAL_SORTS, key);
}

const FROM = `
  FROM deals d
  JOIN stages s ON s.id = d.stage_id
  JOIN pipelines p ON p.id = d.pipeline_id
  LEFT JOIN clients c ON c.id = d.client_id
  LEFT JOIN users u ON u.id = d.owner_id`;

function tableConditions(p: Params, filters: DealTableFilters): string {
  const where = [dealConditions(p, filters)];
  if (filters.pipelineId) where.push(`d.pipeline_id = ${p.add(filters.pipelineId)}`);
  if (filters.stageId) where.push(`d.stage_id = ${p.add(filters.stageId)}`);
  if (filters.status === 'won') where.push('s.is_won');
  if (filters.status === 'lost') where.push('s.is_lost');
  if (filters.status === 'open') where.push('NOT s.is_won AND NOT s.is_lost');
  return where.join(' AND ');
}

export function dealsCountQuery(filters: DealTableFilters): Query {
  const p = new Params();
  const sql = `SELECT count(*)::int AS total ${FROM} WHERE ${tableConditions(p, filters)}`;
  return p.query(sql);
}

export interface DealTableRow {
  /** The OFFSET this row's window was asked with, so the screen knows where a result belongs. */
  window_offset: number;
  id: string;
  title: string;
  amount: number;
  currency: string;
  client_id: string | null;
  client_name: string | null;
  pipeline_name: string;
  stage_id: string;
  stage_name: string;
  stage_color: string | null;
  is_won: boolean;
  is_lost: boolean;
  owner_name: string | null;
  expected_close_date: string | null;
  updated_at: string | Date;
}

/** `limit` rows from `offset` in `sort` order. */
export function dealsWindowQuery(
  filters: DealTableFilters,
  sort: DealSort,
  offset: number,
  limit: number,
): Query {
  const p = new Params();
  const where = tableConditions(p, filters);
  const start = p.add(Math.max(0, Math.floor(offset)));
  const direction = sort.desc ? 'DESC' : 'ASC';
  const order = DEAL_SORTS[sort.key]
    .split(', ')
    .map((expr) => `${expr} ${direction} NULLS LAST`)
    .join(', ');
  const sql = `
SELECT ${start}::int AS window_offset, d.id, d.title, d.amount, d.currency, d.client_id, c.name AS client_name, p.name AS pipeline_name,
       d.stage_id, s.name AS stage_name, s.color AS stage_color, s.is_won, s.is_lost, u.name AS owner_name,
       d.expected_close_date::text AS expected_close_date, d.updated_at
${FROM}
 WHERE ${where}
 ORDER BY ${order}, d.id ${direction}
 LIMIT ${p.add(Math.max(1, Math.floor(limit)))} OFFSET ${start}`;
  return p.query(sql);
}
