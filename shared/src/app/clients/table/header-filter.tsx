import { ActionIcon, Button, Group, Popover, Stack } from '@mantine/core';
import { IconFilter, IconFilterFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnSpec } from './columns-spec.ts';
import { FilterEditor } from './filter-editor.tsx';
import type { ColumnFilter } from './query.ts';

/** The filter button of a column header: a popover with the column's filter input, Apply (Enter) and Clear. */
export function HeaderFilter(props: {
  spec: ColumnSpec;
  label: string;
  value: ColumnFilter | null;
  onApply: (next: ColumnFilter | null) => void;
}) {
  const { t } = useTranslation('clients');
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState<ColumnFilter | null>(props.value);
  const active = props.value !== null;
  const open = () => {
    setDraft(props.value);
    setOpened(true);
  };
  const apply = (next: ColumnFilter | null) => {
    props.onApply(next);
    setOpened(false);
  };
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      width={300}
      shadow="md"
      trapFocus
      withArrow
    >
      <Popover.Target>
        <ActionIcon
          size="sm"
          variant={active ? 'light' : 'subtle'}
          color={active ? undefined : 'gray'}
          aria-label={t('filter.button', { column: props.label })}
          aria-pressed={active}
          onClick={() => (opened ? setOpened(false) : open())}
        >
          {active ? <IconFilterFilled size={14} /> : <IconFilter size={14} />}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <Stack gap="sm">
            <FilterEditor spec={props.spec} label={props.label} value={draft} onChange={setDraft} autoFocus />
            <Group justify="space-between">
              <Button variant="subtle" size="xs" onClick={() => apply(null)} disabled={!active && !draft}>
                {t('filter.clear')}
              </Button>
              <Button type="submit" size="xs">
                {t('filter.apply')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
