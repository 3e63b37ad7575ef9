import { describe, expect, it } from 'vitest';
import { ALL_STAGES_SQL, dealCountSql, dealIdsSql, PIPELINES_SQL, STAGES_SQL } from './queries.ts';

const placeholders = (sql: string) => [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));

describe('pipeline editor queries', () => {
  it('use each parameter once, in order (live queries bind by appearance)', () => {
    expect(placeholders(PIPELINES_SQL)).toEqual([]);
    expect(placeholders(ALL_STAGES_SQL)).toEqual([]);
    expect(placeholders(STAGES_SQL)).toEqual([1]);
    expect(placeholders(dealCountSql('stage'))).toEqual([1, 2]);
    expect(placeholders(dealIdsSql('stage'))).toEqual([1, 2]);
    expect(placeholders(dealCountSql('pipeline'))).toEqual([1]);
  });

  it('count only live deals, by the (pipeline_id, stage_id) index columns', () => {
    expect(dealCountSql('stage')).toMatch(/deleted_at is null and pipeline_id = \$1 and stage_id = \$2/);
  });
});
