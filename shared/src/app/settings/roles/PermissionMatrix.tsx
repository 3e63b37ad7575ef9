import { Card, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  ACTIONS,
  type Action,
  RESOURCES,
  type RoleResource,
  type Scope,
} from '../../../permissions/catalog.ts';
import { type GrantMatrix, scopesFor } from './grants.ts';

/** resource × action, each cell a scope select ("—" = not granted); changed cells are outlined. */
export function PermissionMatrix(props: {
  matrix: GrantMatrix;
  original: GrantMatrix;
  editable: boolean;
  onChange: (resource: RoleResource, action: Action, scope: Scope | null) => void;
}) {
  const { t } = useTranslation('settings');
  const phone = useMediaQuery('(max-width: 48em)');

  const cell = (resource: RoleResource, action: Action, withLabel: boolean) => {
    const value = props.matrix[resource][action];
    const scopes = scopesFor(resource);
    // A scope the editor would not offer (set through the API) still shows as it is.
    const offered = value && !scopes.includes(value) ? [...scopes, value] : scopes;
    const changed = value !== props.original[resource][action];
    return (
      <NativeSelect
        label={withLabel ? t(`actions.${action}`) : undefined}
        aria-label={t('roles.cellLabel', {
          resource: t(`resources.${resource}`, { defaultValue: resource }),
          action: t(`actions.${action}`),
        })}
        size="xs"
        value={value ?? ''}
        disabled={!props.editable}
        onChange={(e) => props.onChange(resource, action, (e.currentTarget.value || null) as Scope | null)}
        data={[{ value: '', label: '—' }, ...offered.map((s) => ({ value: s, label: t(`scopes.${s}`) }))]}
        styles={{
          input: changed
            ? { borderColor: 'var(--mantine-color-orange-filled)', fontWeight: 600 }
            : value
              ? undefined
              : { color: 'var(--mantine-color-dimmed)' },
        }}
      />
    );
  };

  if (phone) {
    return (
      <Stack gap="xs">
        {RESOURCES.map((r) => (
          <Card key={r} withBorder padding="xs" aria-label={t(`resources.${r}`, { defaultValue: r })}>
            <Text fw={500} size="sm" mb={4}>
              {t(`resources.${r}`, { defaultValue: r })}
            </Text>
            <SimpleGrid cols={2} spacing="xs">
              {ACTIONS.map((a) => (
                <div key={a}>{cell(r, a, true)}</div>
              ))}
            </SimpleGrid>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={620}>
      <Table verticalSpacing={4} aria-label={t('roles.matrix')} withRowBorders={false} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roles.resource')}</Table.Th>
            {ACTIONS.map((a) => (
              <Table.Th key={a}>{t(`actions.${a}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {RESOURCES.map((r) => (
            <Table.Tr key={r}>
              <Table.Th scope="row" fw={500}>
                {t(`resources.${r}`, { defaultValue: r })}
              </Table.Th>
              {ACTIONS.map((a) => (
                <Table.Td key={a}>{cell(r, a, false)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
