import { ActionIcon, Badge, Button, Group, Menu, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconStar, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMutate } from '../../common/index.ts';
import { MoveButtons } from '../common/MoveButtons.tsx';
import { SectionCard } from '../common/SectionCard.tsx';
import { useReorder } from '../common/use-reorder.ts';
import { DeleteWithDealsModal } from './DeleteWithDealsModal.tsx';
import { PipelineFormModal } from './PipelineFormModal.tsx';
import type { PipelineRow } from './queries.ts';

type Editing = { mode: 'create' } | { mode: 'rename'; pipeline: PipelineRow } | null;

export function PipelineList(props: {
  pipelines: PipelineRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const reorder = useReorder('pipeline.update');
  const canCreate = useCan('pipelines', 'create');
  const canUpdate = useCan('pipelines', 'update');
  const canDelete = useCan('pipelines', 'delete');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<PipelineRow | null>(null);
  const [busy, setBusy] = useState(false);
  const { pipelines } = props;

  async function move(from: number, to: number) {
    setBusy(true);
    await reorder(pipelines, from, to);
    setBusy(false);
  }

  const makeDefault = (p: PipelineRow) =>
    void mutate('pipeline.update', { id: p.id, patch: { isDefault: true }, base: { isDefault: false } });

  return (
    <SectionCard
      id="pipelines"
      title={t('pipelines.title')}
      description={t('pipelines.description')}
      actions={
        canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'create' })}>
            {t('pipelines.create')}
          </Button>
        )
      }
    >
      {pipelines.length === 0 && <Text c="dimmed">{t('pipelines.empty')}</Text>}
      <Stack gap="xs" role="list" aria-label={t('pipelines.title')}>
        {pipelines.map((p, index) => {
          const selected = p.id === props.selectedId;
          return (
            <Paper
              key={p.id}
              role="listitem"
              aria-label={p.name}
              withBorder
              px="sm"
              py={6}
              bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <UnstyledButton
                  onClick={() => props.onSelect(p.id)}
                  aria-pressed={selected}
                  aria-label={t('pipelines.open', { name: p.name })}
                  style={{ flex: 1, minWidth: 0 }}
                  py={4}
                >
                  <Group gap="xs" wrap="nowrap">
                    <Text fw={selected ? 600 : 500} truncate>
                      {p.name}
                    </Text>
                    {p.is_default && (
                      <Badge size="sm" variant="light">
                        {t('pipelines.default')}
                      </Badge>
                    )}
                  </Group>
                </UnstyledButton>
                <Group gap={2} wrap="nowrap">
                  {canUpdate && (
                    <MoveButtons
                      name={p.name}
                      index={index}
                      count={pipelines.length}
                      disabled={busy}
                      onMove={(f, to) => void move(f, to)}
                    />
                  )}
                  {(canUpdate || canDelete) && (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('pipelines.menuOf', { name: p.name })}
                        >
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {canUpdate && (
                          <Menu.Item
                            leftSection={<IconPencil size={16} />}
                            onClick={() => setEditing({ mode: 'rename', pipeline: p })}
                          >
                            {t('pipelines.rename')}
                          </Menu.Item>
                        )}
                        {canUpdate && !p.is_default && (
                          <Menu.Item leftSection={<IconStar size={16} />} onClick={() => makeDefault(p)}>
                            {t('pipelines.makeDefault')}
                          </Menu.Item>
                        )}
                        {canDelete && (
                          <Menu.Item
                            color="red"
                            leftSection={<IconTrash size={16} />}
                            onClick={() => setDeleting(p)}
                          >
                            {t('common:actions.delete')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Group>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      <PipelineFormModal
        editing={editing}
        pipelines={pipelines}
        onClose={() => setEditing(null)}
        onCreated={props.onSelect}
      />
      <DeleteWithDealsModal
        target={deleting ? { kind: 'pipeline', id: deleting.id, name: deleting.name } : null}
        onClose={() => setDeleting(null)}
      />
    </SectionCard>
  );
}
