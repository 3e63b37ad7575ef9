import { useLiveQuery } from '../../common/index.ts';

export interface DealRecord {
  id: string;
  title: string;
  client_id: string | null;
  client_name: string | null;
  pipeline_id: string;
  pipeline_name: string | null;
  stage_id: string;
  stage_name: string | null;
  stage_color: string | null;
  is_won: boolean | null;
  is_lost: boolean | null;
  amount: number;
  currency: string;
  owner_id: string | null;
  owner_name: string | null;
  expected_close_date: string | null;
  closed_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  deleted_at: string | Date | null;
  custom: Record<string, unknown> | null;
  version: number;
}

const DEAL_SQL = `
SELECT d.id, d.title, d.client_id, c.name AS client_name, d.pipeline_id, p.name AS pipeline_name,
       d.stage_id, s.name AS stage_name, s.color AS stage_color, s.is_won, s.is_lost,
       d.amount, d.currency, d.owner_id, u.name AS owner_name,
       d.expected_close_date::text AS expected_close_date, d.closed_at, d.created_at, d.updated_at,
       d.deleted_at, d.custom, d.version
  FROM deals d
  LEFT JOIN clients c ON c.id = d.client_id
  LEFT JOIN pipelines p ON p.id = d.pipeline_id
  LEFT JOIN stages s ON s.id = d.stage_id
  LEFT JOIN users u ON u.id = d.owner_id
 WHERE d.id = $1`;

/** One deal, live, with the names of what it points to. */
export function useDeal(id: string) {
  const result = useLiveQuery<DealRecord>(DEAL_SQL, [id]);
  return { deal: result.rows[0] ?? null, loading: result.loading, error: result.error };
}
