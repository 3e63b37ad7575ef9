/// <reference types="node" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../ids.ts';
import { mutators } from '../../mutations/registry.ts';
import type { Replica } from '../../replica/open.ts';
import { adminPrincipal, testReplica } from '../../replica/testing/replicas.ts';
import { insertPipeline, insertSynced, runLive } from '../deals/testing/synced-rows.ts';
import {
  RECORD_DONE_LIMIT,
  recordTasksQuery,
  type TaskClock,
  type TaskCountersRow,
  type TaskListFilters,
  type TaskRow,
  taskCountersQuery,
  taskCountQuery,
  taskListQuery,
} from './query.ts';

const HOUR = 3_600_000;
/** A fixed "now" in the middle of a Moscow working day; the user's day is 00:00–24:00 UTC+3. */
const NOW = Date.parse('2031-03-12T10:00:00+03:00');
const clock: TaskClock = {
  now: new Date(NOW).toISOString(),
  todayStart: '2031-03-12T00:00:00+03:00',
  tomorrowStart: '2031-03-13T00:00:00+03:00',
};
const at = (hoursFromNow: number) => new Date(NOW + hoursFromNow * HOUR).toISOString();

describe('task list queries on a real replica', () => {
  let replica: Replica<typeof mutators>;
  const me = newId();
  const other = newId();
  let client: string;
  let deal: string;

  const run = <T>(query: { sql: string; params: unknown[] }) => runLive<T>(replica.pg, query);
  const titles = async (f: Omit<TaskListFilters, 'userId'>) =>
    (await run<TaskRow>(taskListQuery({ userId: me, ...f }, clock, 100))).map((r) => r.title);

  beforeAll(async () => {
    replica = await testReplica({ mutators, principal: adminPrincipal(me) });
    const { pg } = replica;
    await insertSynced(pg, 'users', [
      { id: me, email: 'me@x.ru', name: 'Иван Петров', role_id: newId() },
      { id: other, email: 'o@x.ru', name: 'Ольга Смирнова', role_id: newId() },
    ]);
    [client] = (await insertSynced(pg, 'clients', [{ name: 'ООО «Ромашка»' }])) as [string];
    const { pipelineId, stageIds } = await insertPipeline(pg, 'Продажи', ['Новый', 'Успешно', 'Отказ']);
    [deal] = (await insertSynced(pg, 'deals', [
      { title: 'Поставка', client_id: client, pipeline_id: pipelineId, stage_id: stageIds[0] },
    ])) as [string];
    const task = (title: string, over: Record<string, unknown>) => ({ title, assignee_id: me, ...over });
    await insertSynced(pg, 'tasks', [
      task('Просрочена вчера', { due_at: at(-20), client_id: client }),
      task('Просрочена час назад', { due_at: at(-1), deal_id: deal }),
      task('Сегодня вечером', { due_at: at(8) }),
      task('Завтра', { due_at: at(15) }),
      task('Без срока', { due_at: null }),
      task('Сделана сегодня', { due_at: at(-2), done: true, done_at: at(-1), client_id: client }),
      task('Чужая просроченная', { due_at: at(-3), assignee_id: other }),
      task('Чужая сегодня', {
        due_at: at(5),
        assignee_id: other,
        description: 'Обсудить продления договоров',
      }),
      task('Удалённая', { due_at: at(-3), deleted_at: at(-1) }),
    ]);
  });
  afterAll(() => replica.close());

  it('mine: my open tasks by due time, no due time last; completed ones on request', async () => {
    expect(await titles({ tab: 'mine' })).toEqual([
      'Просрочена вчера',
      'Просрочена час назад',
      'Сегодня вечером',
      'Завтра',
      'Без срока',
    ]);
    expect((await titles({ tab: 'mine', showDone: true })).at(-1)).toBe('Сделана сегодня');
  });

  it('overdue and today cover every visible assignee unless one is chosen', async () => {
    expect(await titles({ tab: 'overdue' })).toEqual([
      'Просрочена вчера',
      'Чужая просроченная',
      'Просрочена час назад',
    ]);
    expect(await titles({ tab: 'overdue', showDone: true })).toHaveLength(3);
    expect(await titles({ tab: 'overdue', assigneeId: other })).toEqual(['Чужая просроченная']);
    expect(await titles({ tab: 'today' })).toEqual([
      'Чужая просроченная',
      'Просрочена час назад',
      'Чужая сегодня',
      'Сегодня вечером',
    ]);
    expect(await titles({ tab: 'today', showDone: true })).toContain('Сделана сегодня');
    expect(await titles({ tab: 'all' })).toHaveLength(7);
  });

  it('joins the linked client, deal and assignee, and searches title and description', async () => {
    const rows = await run<TaskRow>(taskListQuery({ tab: 'mine', userId: me }, clock, 2));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      client_id: client,
      client_name: 'ООО «Ромашка»',
      assignee_name: 'Иван Петров',
    });
    expect(rows[1]).toMatchObject({ deal_id: deal, deal_title: 'Поставка' });
    expect(await titles({ tab: 'all', search: 'договор' })).toEqual(['Чужая сегодня']);
    expect(await titles({ tab: 'all', search: 'просроч' })).toHaveLength(3);
  });

  it('counts tabs and badges', async () => {
    const [count] = await run<{ total: number }>(taskCountQuery({ tab: 'all', userId: me }, clock));
    expect(count?.total).toBe(7);
    const [badges] = await run<TaskCountersRow>(taskCountersQuery(me, clock));
    expect(badges).toEqual({ mine: 5, overdue: 3, today: 4 });
  });

  it("a client's list holds its own and its deals' tasks, open first, then the latest completed", async () => {
    const rows = await run<TaskRow>(recordTasksQuery({ clientId: client }));
    expect(rows.map((r) => r.title)).toEqual(['Просрочена вчера', 'Просрочена час назад', 'Сделана сегодня']);
    const ofDeal = await run<TaskRow>(recordTasksQuery({ dealId: deal }));
    expect(ofDeal.map((r) => r.title)).toEqual(['Просрочена час назад']);
    await insertSynced(
      replica.pg,
      'tasks',
      Array.from({ length: RECORD_DONE_LIMIT + 5 }, (_, i) => ({
        title: `Старая ${i}`,
        deal_id: deal,
        done: true,
        done_at: at(-100 - i),
      })),
    );
    const capped = await run<TaskRow>(recordTasksQuery({ dealId: deal }));
    expect(capped).toHaveLength(1 + RECORD_DONE_LIMIT);
    expect(capped[1]?.title).toBe('Старая 0');
  });

  it('task.complete takes a task off the open lists at once; task.create shows in mine', async () => {
    const [open] = await run<TaskRow>(taskListQuery({ tab: 'overdue', userId: me }, clock, 1));
    await replica.mutate('task.complete', { id: open?.id as string });
    expect(await titles({ tab: 'overdue' })).not.toContain(open?.title);
    const id = newId();
    await replica.mutate('task.create', { id, title: 'Новая из теста', dueAt: at(1), dealId: deal });
    const rows = await run<TaskRow>(taskListQuery({ tab: 'today', userId: me, assigneeId: me }, clock, 100));
    expect(rows.find((r) => r.id === id)).toMatchObject({ deal_title: 'Поставка', assignee_id: me });
  });
});
