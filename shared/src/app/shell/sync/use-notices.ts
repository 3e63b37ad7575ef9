import { useLiveQuery } from '../../common/index.ts';
import { useDismissedNotices } from './dismissed-notices.ts';
import { NOTICES_SQL, type NoticeRow } from './notices-query.ts';

export interface Notices {
  rows: NoticeRow[];
  /** All undismissed, of which `rows` holds the newest. */
  total: number;
  loading: boolean;
  dismiss: (id: string) => void;
}

/** The signed-in user's undismissed sync notices, live. */
export function useNotices(userId: string): Notices {
  const { hidden, dismiss } = useDismissedNotices(userId);
  const { rows, loading } = useLiveQuery<NoticeRow>(NOTICES_SQL, [userId, hidden]);
  return { rows, total: rows.length ? Number(rows[0]?.total) : 0, loading, dismiss };
}
