import { Button, Group, SegmentedControl, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useCan } from '../common/index.ts';
import { paths } from '../routes.tsx';

/** Title, the board/table switch and 'Создать сделку', above both deal views. */
export function DealsHeader(props: { view: 'board' | 'table'; onCreate: () => void }) {
  const { t } = useTranslation('deals');
  const [, navigate] = useLocation();
  const canCreate = useCan('deals', 'create');
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Group gap="md">
        <Title order={1} size="h2">
          {t('title')}
        </Title>
        <SegmentedControl
          aria-label={t('views.label')}
          value={props.view}
          onChange={(v) => navigate(v === 'table' ? paths.dealsTable : paths.deals)}
          data={[
            { value: 'board', label: t('views.board') },
            { value: 'table', label: t('views.table') },
          ]}
        />
      </Group>
      {canCreate && (
        <Button leftSection={<IconPlus size={16} />} onClick={props.onCreate}>
          {t('create')}
        </Button>
      )}
    </Group>
  );
}
