import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ColumnSpec } from './columns-spec.ts';

/**
 * Show, hide and reorder the table's columns (up/down buttons: keyboard-friendly; headers can also be dragged).
 * The order and visibility live in the table layout, saved per user.
 */
export function ColumnsMenu(props: {
  specs: readonly ColumnSpec[];
  order: string[];
  visibility: Record<string, boolean>;
  labelOf: (spec: ColumnSpec) => string;
  onVisibility: (id: string, visible: boolean) => void;
  onOrder: (order: string[]) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation('clients');
  const byId = new Map(props.specs.map((s) => [s.id, s]));
  const ordered = props.order.map((id) => byId.get(id)).filter((s): s is ColumnSpec => !!s);
  const move = (index: number, delta: number) => {
    const next = [...props.order];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + delta, 0, item);
    props.onOrder(next);
  };
  return (
    <Popover position="bottom-end" width={320} shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          {t('columnsMenu.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={600} size="sm" mb="xs">
          {t('columnsMenu.title')}
        </Text>
        <ScrollArea.Autosize mah={420}>
          <Stack gap={4} role="list">
            {ordered.map((spec, i) => {
              const label = props.labelOf(spec);
              return (
                <Group key={spec.id} justify="space-between" wrap="nowrap" role="listitem" gap="xs">
                  <Checkbox
                    label={spec.custom ? `${label} · ${t('columnsMenu.custom')}` : label}
                    checked={props.visibility[spec.id] !== false}
                    disabled={spec.id === 'name'}
                    onChange={(e) => props.onVisibility(spec.id, e.currentTarget.checked)}
                  />
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('columnsMenu.moveUp', { column: label })}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('columnsMenu.moveDown', { column: label })}
                      disabled={i === ordered.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Group>
                </Group>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
        <Button variant="subtle" size="xs" mt="sm" onClick={props.onReset}>
          {t('columnsMenu.reset')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
