import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutate } from '../common/index.ts';

/** One-click completion (task.complete) and reopening (task.update done: false). */
export function useToggleDone() {
  const { t } = useTranslation('tasks');
  const mutate = useMutate();
  return useCallback(
    async (task: { id: string; title: string; done: boolean }) => {
      const result = task.done
        ? await mutate('task.update', { id: task.id, patch: { done: false }, base: { done: true } })
        : await mutate('task.complete', { id: task.id });
      if (result.ok) {
        notifications.show({
          color: task.done ? 'blue' : 'green',
          message: t(task.done ? 'list.reopened' : 'list.completed', { title: task.title }),
          autoClose: 2500,
        });
      }
      return result.ok;
    },
    [mutate, t],
  );
}
