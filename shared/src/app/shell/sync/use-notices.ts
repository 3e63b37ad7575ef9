import { useCallback } from 'react';
import { useLiveQuery, useMutate } from '../../common/index.ts';
import { NOTICES_SQL, type NoticeRow } from './notices-query.ts';

export interface Notices {
  rows: NoticeRow[];
  /** All undismissed, of which `rows` holds the newest. */
  total: number;
  loading: boolean;
  /** `notice.dismiss`: hidden at once on this device, on the others once it syncs (offline: when it is sent). */
  dismiss: (id: string) => void;
}

/** The signed-in user's undismissed sync notices, live. */
export function useNotices(userId: string): Notices {
  const mutate = useMutate();
  const { rows, loading } = useLiveQuery<NoticeRow>(NOTICES_SQL, [userId]);
  const dismiss = useCallback(
    (id: string) => {
      void mutate('notice.dismiss', { id });
    },
    [mutate],
  );
  return { rows, total: rows.length ? Number(rows[0]?.total) : 0, loading, dismiss };
}
