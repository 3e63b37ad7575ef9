import {
  ActionIcon,
  Badge,
  Card,
  Code,
  Group,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMutate } from '../../common/index.ts';
import { MoveButtons } from '../common/MoveButtons.tsx';
import { useReorder } from '../common/use-reorder.ts';
import { type CustomFieldRow, hasOptions } from './field-form.ts';

export function FieldList(props: {
  fields: CustomFieldRow[];
  loading: boolean;
  onEdit: (field: CustomFieldRow) => void;
}) {
  const { t } = useTranslation('settings');
  const phone = useMediaQuery('(max-width: 48em)');
  const mutate = useMutate();
  const reorder = useReorder('custom_field.update');
  const canUpdate = useCan('custom_fields', 'update');
  const canDelete = useCan('custom_fields', 'delete');
  const [busy, setBusy] = useState(false);
  const { fields } = props;

  if (fields.length === 0) return props.loading ? null : <Text c="dimmed">{t('fields.empty')}</Text>;

  async function move(from: number, to: number) {
    setBusy(true);
    await reorder(fields, from, to);
    setBusy(false);
  }

  const confirmDelete = (f: CustomFieldRow) =>
    modals.openConfirmModal({
      title: t('fields.deleteTitle', { label: f.label }),
      children: <Text size="sm">{t('fields.deleteText')}</Text>,
      labels: { confirm: t('common:actions.delete'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => void mutate('custom_field.delete', { id: f.id }),
    });

  const actions = (f: CustomFieldRow, index: number) => (
    <Group gap={2} wrap="nowrap" justify="flex-end">
      {canUpdate && (
        <MoveButtons
          name={f.label}
          index={index}
          count={fields.length}
          disabled={busy}
          onMove={(from, to) => void move(from, to)}
        />
      )}
      {canUpdate && (
        <Tooltip label={t('common:actions.edit')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('fields.editOf', { label: f.label })}
            onClick={() => props.onEdit(f)}
          >
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {canDelete && (
        <Tooltip label={t('common:actions.delete')}>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('fields.deleteOf', { label: f.label })}
            onClick={() => confirmDelete(f)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );

  const optionsText = (f: CustomFieldRow) => (hasOptions(f.type) ? f.options.join(', ') : '');

  if (phone) {
    return (
      <Stack gap="xs" role="list" aria-label={t('fields.listLabel')}>
        {fields.map((f, i) => (
          <Card key={f.id} withBorder padding="sm" role="listitem" aria-label={f.label}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2} miw={0}>
                <Group gap={6}>
                  <Text fw={500}>{f.label}</Text>
                  {f.required && (
                    <Badge size="xs" variant="light" color="orange">
                      {t('fields.required')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  <Code>{f.key}</Code> · {t(`fields.types.${f.type}`, { defaultValue: f.type })}
                </Text>
                {optionsText(f) && (
                  <Text size="sm" c="dimmed" lineClamp={2}>
                    {optionsText(f)}
                  </Text>
                )}
              </Stack>
              {actions(f, i)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" aria-label={t('fields.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.label')}</Table.Th>
            <Table.Th>{t('fields.key')}</Table.Th>
            <Table.Th>{t('fields.type')}</Table.Th>
            <Table.Th>{t('fields.options')}</Table.Th>
            <Table.Th>{t('fields.required')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('fields.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f, i) => (
            <Table.Tr key={f.id}>
              <Table.Td fw={500}>{f.label}</Table.Td>
              <Table.Td>
                <Code>{f.key}</Code>
              </Table.Td>
              <Table.Td>{t(`fields.types.${f.type}`, { defaultValue: f.type })}</Table.Td>
              <Table.Td maw={240}>
                <Text size="sm" truncate title={optionsText(f)}>
                  {optionsText(f) || '—'}
                </Text>
              </Table.Td>
              <Table.Td>{f.required ? t('yes') : t('no')}</Table.Td>
              <Table.Td>{actions(f, i)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
