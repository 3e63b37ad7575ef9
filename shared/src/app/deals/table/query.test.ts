/// <reference types="node" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../ids.ts';
import type { Replica } from '../../../replica/open.ts';
import { testReplica } from '../../../replica/testing/replicas.ts';
import { insertPipeline, insertSynced, runLive } from '../testing/synced-rows.ts';
import {
  type DealTableFilters,
  type DealTableRow,
  dealsCountQuery,
  dealsWindowQuery,
  isDealSortKey,
} from './query.ts';

describe('deals table queries on a real replica', () => {
  let replica: Replica<never>;
  const me = newId();
  let sales: { pipelineId: string; stageIds: string[] };

  const run = <T>(query: { sql: string; params: unknown[] }) => runLive<T>(replica.pg, query);
  const total = async (f: DealTableFilters) => (await run<{ total: number }>(dealsCountQuery(f)))[0]?.total;

  beforeAll(async () => {
    replica = (await testReplica()) as unknown as Replica<never>;
    const { pg } = replica;
    await insertSynced(pg, 'users', [{ id: me, email: 'me@x.ru', name: 'Иван', role_id: newId() }]);
    sales = await insertPipeline(pg, 'Продажи', ['Новый', 'Переговоры', 'Успешно', 'Отказ']);
    const other = await insertPipeline(pg, 'Партнёры', ['Заявка', 'Закрыта', 'Отказ']);
    const [client] = await insertSynced(pg, 'clients', [{ name: 'Альфа' }]);
    await pg.query(
      `INSERT INTO deals_synced (id, pipeline_id, stage_id, title, amount, owner_id, client_id, expected_close_date)
       SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + g % 4], 'Сделка ' || lpad(g::text, 4, '0'), g * 100,
              CASE WHEN g % 2 = 0 THEN $3::uuid END, CASE WHEN g % 10 = 0 THEN $4::uuid END,
              CASE WHEN g % 3 = 0 THEN date '2031-01-01' + g END
         FROM generate_series(1, 1000) g`,
      [sales.pipelineId, sales.stageIds, me, client],
    );
    await insertSynced(pg, 'deals', [
      { pipeline_id: other.pipelineId, stage_id: other.stageIds[0], title: 'Партнёрская', amount: 5 },
    ]);
  });
  afterAll(() => replica.close());

  it('counts with every filter', async () => {
    expect(await total({})).toBe(1001);
    expect(await total({ pipelineId: sales.pipelineId })).toBe(1000);
    expect(await total({ stageId: sales.stageIds[1] })).toBe(250);
    expect(await total({ ownerId: me })).toBe(500);
    expect(await total({ status: 'won' })).toBe(250);
    expect(await total({ status: 'lost' })).toBe(250);
    expect(await total({ status: 'open' })).toBe(501);
    expect(await total({ search: 'альфа' })).toBe(100);
    expect(await total({ search: 'сделка 0999' })).toBe(1);
  });

  it('pages through a stable order in both directions, nulls last', async () => {
    const page = async (key: string, desc: boolean, offset: number) => {
      if (!isDealSortKey(key)) throw new Error(key);
      return run<DealTableRow>(
        dealsWindowQuery({ pipelineId: sales.pipelineId }, { key, desc }, offset, 100),
      );
    };
    const byAmount = [...(await page('amount', true, 0)), ...(await page('amount', true, 100))];
    expect(byAmount.map((r) => r.amount).slice(0, 3)).toEqual([100_000, 99_900, 99_800]);
    expect(new Set(byAmount.map((r) => r.id)).size).toBe(200);
    expect(byAmount[150]?.window_offset).toBe(100);
    const byClose = await page('expected_close_date', false, 300);
    expect(byClose.at(-1)?.expected_close_date).toBeNull();
    expect((await page('title', false, 0))[0]).toMatchObject({
      title: 'Сделка 0001',
      stage_name: 'Переговоры',
    });
    expect(isDealSortKey('title; drop table deals')).toBe(false);
    expect(isDealSortKey('constructor')).toBe(false);
  });
});
