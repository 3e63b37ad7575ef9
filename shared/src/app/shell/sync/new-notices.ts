import type { NoticeRow } from './notices-query.ts';

/** What the toasts have seen this session: notice ids, and the newest creation time among them. */
export interface SeenNotices {
  ids: ReadonlySet<string>;
  newest: number;
}

const timeOf = (n: NoticeRow): number => {
  const t = new Date(n.created_at).getTime();
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/**
 * The notices of `rows` to announce, and what has been seen after them. The first list (`seen` null) is what was
 * already waiting: nothing is announced. Later, a notice is new when its id was not seen and it is not older than
 * the newest seen: a dismissal (here or on another device) lets an older notice slide into the newest-50 window,
 * and that one is not news. Each notice is announced at most once, however often the list changes.
 */
export function newNotices(
  seen: SeenNotices | null,
  rows: readonly NoticeRow[],
): { fresh: NoticeRow[]; seen: SeenNotices } {
  const newest = Math.max(seen?.newest ?? Number.NEGATIVE_INFINITY, ...rows.map(timeOf));
  const ids = new Set(seen?.ids ?? []);
  for (const n of rows) ids.add(n.id);
  if (!seen) return { fresh: [], seen: { ids, newest } };
  const fresh = rows.filter((n) => !seen.ids.has(n.id) && timeOf(n) >= seen.newest);
  return { fresh, seen: { ids, newest } };
}
