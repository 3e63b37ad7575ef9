import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RejectedMutation } from '../../../replica/status.ts';
import { mutationLabel } from './labels.ts';
import { newNotices, type SeenNotices } from './new-notices.ts';
import { noticeText } from './notice-text.ts';
import type { NoticeRow } from './notices-query.ts';

/** More than this many at once become one summary toast. */
const MAX_TOASTS = 3;

/**
 * A toast for each rejection this session has not seen yet, and once for each notice that arrives while the app is
 * open (the ones already waiting at sign-in are in the sync panel; toasting them all at once would be noise; an
 * older one that shows because a newer one was dismissed is not new either, see new-notices.ts).
 */
export function useSyncToasts(rejected: RejectedMutation[], notices: NoticeRow[], noticesLoading: boolean) {
  const { t } = useTranslation('shell');
  const seenRejections = useRef(new Set<string>());
  const seenNotices = useRef<SeenNotices | null>(null);

  useEffect(() => {
    const fresh = rejected.filter((r) => !seenRejections.current.has(r.mutationId));
    for (const r of fresh) seenRejections.current.add(r.mutationId);
    fresh.slice(0, MAX_TOASTS).forEach((r) => {
      notifications.show({
        id: `rejected-${r.mutationId}`,
        color: 'red',
        title: t('sync.toastRejected'),
        message: `${mutationLabel(t, r.name)}: ${r.message}`,
        autoClose: 8000,
      });
    });
    if (fresh.length > MAX_TOASTS) {
      notifications.show({
        color: 'red',
        title: t('sync.toastRejected'),
        message: t('sync.moreNotices', { count: fresh.length - MAX_TOASTS }),
      });
    }
  }, [rejected, t]);

  useEffect(() => {
    if (noticesLoading) return;
    const { fresh, seen } = newNotices(seenNotices.current, notices);
    seenNotices.current = seen;
    fresh.slice(0, MAX_TOASTS).forEach((n) => {
      const text = noticeText(t, n);
      notifications.show({
        id: `notice-${n.id}`,
        color: 'yellow',
        title: text.title,
        message: text.message,
        autoClose: 10000,
      });
    });
  }, [notices, noticesLoading, t]);
}
