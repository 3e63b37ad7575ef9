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

// Live queries bind parameters in order of appearance (pglite's formatQuery), so each is used once, in order.
// Both go through deals_stage_idx (pipeline_id, stage_id).
const IN_STAGE = 'deleted_at is null and pipeline_id = $1 and stage_id = $2';
const IN_PIPELINE = 'deleted_at is null and pipeline_id = $1';

/** Live deals of a stage ($1 = pipeline id, $2 = stage id) or of a pipeline ($1 = its id). */
export const dealCountSql = (kind: 'stage' | 'pipeline') =>
  `select count(*)::int as n from deals where ${kind === 'stage' ? IN_STAGE : IN_PIPELINE}`;
export const dealIdsSql = (kind: 'stage' | 'pipeline') =>
  `select id from deals where ${kind === 'stage' ? IN_STAGE : IN_PIPELINE} order by id`;

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
