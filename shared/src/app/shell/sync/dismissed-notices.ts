import { useCallback, useState } from 'react';

/**
 * Notices the user dismissed on this device. The server has no mutation that sets `sync_notices.dismissed_at`
 * yet, so a dismissal is kept here (per user, newest 500) and the notice stays unread on other devices.
 */
const KEY = (userId: string) => `mak.dismissedNotices.${userId}`;
const MAX_KEPT = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function load(userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY(userId)) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((v): v is string => typeof v === 'string' && UUID.test(v))
      : [];
  } catch {
    return [];
  }
}

function save(userId: string, ids: string[]): void {
  try {
    globalThis.localStorage?.setItem(KEY(userId), JSON.stringify(ids));
  } catch {
    // storage unavailable or full: the dismissal lasts for this session
  }
}

export function useDismissedNotices(userId: string): { hidden: string[]; dismiss: (id: string) => void } {
  const [hidden, setHidden] = useState(() => load(userId));
  const dismiss = useCallback(
    (id: string) => {
      setHidden((current) => {
        const next = [...current.filter((x) => x !== id), id].slice(-MAX_KEPT);
        save(userId, next);
        return next;
      });
    },
    [userId],
  );
  return { hidden, dismiss };
}
