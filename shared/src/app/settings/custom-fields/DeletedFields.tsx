import { Button, Code, Collapse, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan, useMutate } from '../../common/index.ts';
import type { CustomFieldRow } from './field-form.ts';

/** Deleted definitions: restorable (their values stayed on the records), and holding their keys meanwhile. */
export function DeletedFields(props: { fields: CustomFieldRow[] }) {
  const { t } = useTranslation('settings');
  const mutate = useMutate();
  const canRestore = useCan('custom_fields', 'delete');
  const [opened, { toggle }] = useDisclosure(false);
  if (props.fields.length === 0) return null;
  return (
    <Stack gap="xs">
      <UnstyledButton onClick={toggle} aria-expanded={opened}>
        <Group gap={4}>
          {opened ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          <Text size="sm" c="dimmed">
            {t('fields.deleted', { count: props.fields.length })}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened}>
        <Stack gap={4} role="list" aria-label={t('fields.deletedLabel')}>
          {props.fields.map((f) => (
            <Group key={f.id} justify="space-between" role="listitem" aria-label={f.label}>
              <Text size="sm">
                {f.label} <Code>{f.key}</Code>
              </Text>
              {canRestore && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconRestore size={14} />}
                  onClick={() => void mutate('custom_field.restore', { id: f.id })}
                  aria-label={t('fields.restoreOf', { label: f.label })}
                >
                  {t('common:actions.restore')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}
