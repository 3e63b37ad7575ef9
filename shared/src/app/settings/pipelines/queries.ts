/** What the pipelines editor reads from the replica's views (live, parameterised). */
export interface PipelineRow {
  id: string;
  name: string;
  position: number;
  is_default: boolean;
  version: number;
}

export interface StageRow {
  id: string;
  pipeline_id: string;
  name: string;
  position: number;
  color: string | null;
  is_won: boolean;
  is_lost: boolean;
  version: number;
}

// Ties (everything created with position 0) fall back to creation order, as the deals board shows them.
export const PIPELINES_SQL = `select id, name, position, is_default, version from pipelines
  where deleted_at is null order by position, created_at, id`;

export const STAGES_SQL = `select id, pipeline_id, name, position, color, is_won, is_lost, version from stages
  where pipeline_id = $1 and deleted_at is null order by position, created_at, id`;

export interface TargetStageRow {
  id: string;
  name: string;
  pipeline_id: string;
  pipeline_name: string;
}

/** Live stages of every live pipeline: where deals can be moved to. */
export const ALL_STAGES_SQL = `select s.id, s.name, s.pipeline_id, p.name as pipeline_name
  from stages s join pipelines p on p.id = s.pipeline_id
  where s.deleted_at is null and p.deleted_at is null order by p.position, p.created_at, s.position, s.created_at, s.id`;

export interface CountRow {
  id: string | null;
  n: number;
}

export const DEALS_PER_STAGE_SQL = `select stage_id as id, count(*)::int as n from deals
  where pipeline_id = $1 and deleted_at is null group by stage_id`;

export const DEALS_PER_PIPELINE_SQL = `select pipeline_id as id, count(*)::int as n from deals
  where deleted_at is null group by pipeline_id`;

export const DEAL_COUNT_SQL = `select count(*)::int as n from deals where deleted_at is null
  and ($1::uuid is null or stage_id = $1::uuid) and ($2::uuid is null or pipeline_id = $2::uuid)`;

/** Ids of the live deals in a stage or a pipeline ($1 = stage id or null, $2 = pipeline id or null). */
export const DEAL_IDS_SQL = `select id from deals where deleted_at is null
  and ($1::uuid is null or stage_id = $1::uuid) and ($2::uuid is null or pipeline_id = $2::uuid) order by id`;

export const countsById = (rows: readonly CountRow[]): Map<string | null, number> =>
  new Map(rows.map((r) => [r.id, r.n]));

export const STAGE_SWATCHES = [
  '#868e96',
  '#1c7ed6',
  '#4263eb',
  '#7048e8',
  '#ae3ec9',
  '#d6336c',
  '#f76707',
  '#f59f00',
  '#37b24d',
  '#0ca678',
  '#e03131',
];
