import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useOs } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../layout/nav-items.ts';

function Keys(props: { keys: string[]; then?: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      {props.keys.map((k, i) => (
        <Group key={k} gap={4} wrap="nowrap">
          {i > 0 && props.then && (
            <Text span size="xs" c="dimmed">
              {props.then}
            </Text>
          )}
          <Kbd>{k}</Kbd>
        </Group>
      ))}
    </Group>
  );
}

/** The list `?` shows; the `g` jumps come from the sections the user sees. */
export function ShortcutsModal(props: { opened: boolean; onClose: () => void; items: NavItem[] }) {
  const { t } = useTranslation('shell');
  const os = useOs();
  const mod = os === 'macos' || os === 'ios' ? '⌘' : 'Ctrl';
  const then = t('shortcuts.sequenceThen');
  const rows: [ReactNode, string][] = [
    [<Keys key="k" keys={[mod, 'K']} />, t('shortcuts.search')],
    ...props.items.flatMap((item): [ReactNode, string][] =>
      item.shortcut
        ? [
            [
              <Keys key={item.id} keys={['G', item.shortcut.toUpperCase()]} then={then} />,
              t('shortcuts.goTo', { section: t(item.labelKey) }),
            ],
          ]
        : [],
    ),
    [<Keys key="q" keys={['?']} />, t('shortcuts.help')],
    [<Keys key="esc" keys={['Esc']} />, t('shortcuts.close')],
  ];
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('shortcuts.title')} centered>
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {rows.map(([keys, what]) => (
            <Table.Tr key={what}>
              <Table.Td w={160}>{keys}</Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
