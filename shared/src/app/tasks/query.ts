/**
 * SQL of the task lists: the tabs of the tasks screen, their counters, and the tasks of one client or deal.
 * Pure (no React), so the queries are tested against a real replica (query.test.ts). "Now" and the bounds of
 * today come from the caller: the user's day is in the user's time zone, not the replica's.
 */
import { cleanSearch, Params, type Query, textMatch } from '../deals/sql.ts';

export const TASK_TABS = ['mine', 'overdue', 'today', 'all'] as const;
export type TaskTab = (typeof TASK_TABS)[number];

/** The moment the lists are computed for, as ISO strings. */
export interface TaskClock {
  now: string;
  /** Start of the user's today and of tomorrow. */
  todayStart: string;
  tomorrowStart: string;
}

export interface TaskListFilters {
  tab: TaskTab;
  /** The signed-in user ("mine"). */
  userId: string;
  /** Another tab's assignee filter; null for anyone visible. */
  assigneeId?: string | null;
  /** Include completed tasks (mine, today and all; overdue tasks are open by definition). */
  showDone?: boolean;
  search?: string | null;
}

export interface TaskRow {
  id: string;
  title: string;
  done: boolean;
  due_at: string | Date | null;
  done_at: string | Date | null;
  client_id: string | null;
  client_name: string | null;
  deal_id: string | null;
  deal_title: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
}

const SELECT = `
SELECT t.id, t.title, t.done, t.due_at, t.done_at, t.client_id, c.name AS client_name,
       t.deal_id, d.title AS deal_title, t.assignee_id, u.name AS assignee_name
  FROM tasks t
  LEFT JOIN clients c ON c.id = t.client_id
  LEFT JOIN deals d ON d.id = t.deal_id
  LEFT JOIN users u ON u.id = t.assignee_id`;

/** Open tasks first by due time (no due time last), then completed ones, latest completion first. */
const ORDER = 'ORDER BY t.done, t.due_at ASC NULLS LAST, t.done_at DESC NULLS LAST, t.created_at, t.id';

function listConditions(p: Params, f: TaskListFilters, clock: TaskClock): string {
  const where = ['t.deleted_at IS NULL'];
  const assignee = f.tab === 'mine' ? f.userId : f.assigneeId;
  if (assignee) where.push(`t.assignee_id = ${p.add(assignee)}`);
  if (f.tab === 'overdue') where.push(`NOT t.done AND t.due_at < ${p.add(clock.now)}::timestamptz`);
  else if (!f.showDone) where.push('NOT t.done');
  if (f.tab === 'today') {
    where.push(`t.due_at >= ${p.add(clock.todayStart)}::timestamptz`);
    where.push(`t.due_at < ${p.add(clock.tomorrowStart)}::timestamptz`);
  }
  const search = cleanSearch(f.search);
  if (search) where.push(textMatch('t', p, search));
  return where.join(' AND ');
}

/** The first `limit` tasks of a tab. */
export function taskListQuery(f: TaskListFilters, clock: TaskClock, limit: number): Query {
  const p = new Params();
  const where = listConditions(p, f, clock);
  return p.query(`${SELECT}\n WHERE ${where}\n ${ORDER}\n LIMIT ${p.add(Math.max(1, Math.floor(limit)))}`);
}

/** How many tasks the tab holds with these filters (for "show more"). */
export function taskCountQuery(f: TaskListFilters, clock: TaskClock): Query {
  const p = new Params();
  const where = listConditions(p, f, clock);
  return p.query(`SELECT count(*)::int AS total FROM tasks t WHERE ${where}`);
}

export interface TaskCountersRow {
  mine: number;
  overdue: number;
  today: number;
}

/** Badges of the tabs: my open tasks, open overdue ones and open ones due today (all visible). */
export function taskCountersQuery(userId: string, clock: TaskClock): Query {
  const p = new Params();
  const me = p.add(userId);
  const now = p.add(clock.now);
  const start = p.add(clock.todayStart);
  const end = p.add(clock.tomorrowStart);
  const sql = `
SELECT count(*) FILTER (WHERE t.assignee_id = ${me})::int AS mine,
       count(*) FILTER (WHERE t.due_at < ${now}::timestamptz)::int AS overdue,
       count(*) FILTER (WHERE t.due_at >= ${start}::timestamptz AND t.due_at < ${end}::timestamptz)::int AS today
  FROM tasks t
 WHERE t.deleted_at IS NULL AND NOT t.done`;
  return p.query(sql);
}

/** Caps of a record's list: open tasks (a record rarely has many) and the latest completed ones. */
export const RECORD_OPEN_LIMIT = 200;
export const RECORD_DONE_LIMIT = 20;

/**
 * A client's or a deal's tasks: its open ones by due time, then the latest completed ones. A client's list
 * includes the tasks of its deals.
 */
export function recordTasksQuery(target: { clientId?: string | null; dealId?: string | null }): Query {
  const p = new Params();
  let owner = 'false';
  if (target.dealId) owner = `t.deal_id = ${p.add(target.dealId)}`;
  else if (target.clientId) {
    const client = p.add(target.clientId);
    owner = `(t.client_id = ${client} OR t.deal_id IN (SELECT x.id FROM deals x WHERE x.client_id = ${client}))`;
  }
  const where = `t.deleted_at IS NULL AND ${owner}`;
  const sql = `
SELECT * FROM ((${SELECT}
 WHERE ${where} AND NOT t.done
 ORDER BY t.due_at ASC NULLS LAST, t.created_at, t.id
 LIMIT ${RECORD_OPEN_LIMIT})
UNION ALL
(${SELECT}
 WHERE ${where} AND t.done
 ORDER BY t.done_at DESC NULLS LAST, t.id
 LIMIT ${RECORD_DONE_LIMIT})) r
 ORDER BY r.done, (CASE WHEN r.done THEN NULL ELSE r.due_at END) ASC NULLS LAST, r.done_at DESC NULLS LAST, r.id`;
  return p.query(sql);
}
