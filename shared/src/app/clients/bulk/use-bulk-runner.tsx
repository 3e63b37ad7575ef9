import { Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutate } from '../../common/index.ts';

interface RunProgress {
  done: number;
  total: number;
}

/** Stop after this many refusals: one notification each is already plenty. */
const MAX_FAILURES = 3;

/**
 * Runs one mutation per record, in order, showing progress in a modal with a Stop button. The replica applies
 * each at once and queues it for the server, so a long run works offline too.
 */
export function useBulkRunner() {
  const { t } = useTranslation('clients');
  const mutate = useMutate();
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const stop = useRef(false);

  const run = useCallback(
    async (ids: string[], name: string, argsFor: (id: string) => unknown): Promise<void> => {
      stop.current = false;
      let failures = 0;
      let done = 0;
      setProgress({ done, total: ids.length });
      for (const id of ids) {
        if (stop.current) break;
        const result = await mutate(name, argsFor(id));
        if (result.ok) done++;
        else if (++failures >= MAX_FAILURES) break;
        if (done % 10 === 0) setProgress({ done, total: ids.length });
      }
      setProgress(null);
      const message =
        failures >= MAX_FAILURES
          ? t('bulk.stopped', { done, total: ids.length })
          : stop.current
            ? t('bulk.cancelled', { done, total: ids.length })
            : t('bulk.done', { count: done });
      notifications.show({ color: failures ? 'red' : stop.current ? 'yellow' : 'green', message });
    },
    [mutate, t],
  );

  const modal = (
    <Modal
      opened={progress !== null}
      onClose={() => {
        stop.current = true;
      }}
      withCloseButton={false}
      closeOnClickOutside={false}
      title={progress ? t('bulk.running', { done: progress.done, total: progress.total }) : ''}
    >
      <Stack>
        <Progress
          value={progress?.total ? (100 * progress.done) / progress.total : 0}
          aria-label={t('bulk.progressLabel')}
          animated
        />
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              stop.current = true;
            }}
          >
            {t('bulk.cancel')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {progress ? `${progress.done} / ${progress.total}` : ''}
        </Text>
      </Stack>
    </Modal>
  );

  return { run, running: progress !== null, modal };
}
