import { ActionIcon, Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useOs } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Looks like a search field on wide screens (with its shortcut), an icon on phones; opens the search dialog. */
export function SearchTrigger(props: { compact: boolean; onOpen: () => void }) {
  const { t } = useTranslation('shell');
  const os = useOs();
  const mod = os === 'macos' || os === 'ios' ? '⌘' : 'Ctrl';
  if (props.compact) {
    return (
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={t('search.trigger')}
        onClick={props.onOpen}
      >
        <IconSearch size={20} stroke={1.6} />
      </ActionIcon>
    );
  }
  return (
    <UnstyledButton
      onClick={props.onOpen}
      aria-label={t('search.trigger')}
      aria-keyshortcuts="Control+K Meta+K"
      w={{ base: 220, lg: 320 }}
      px="sm"
      h={34}
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-md)',
        background: 'var(--mantine-color-default)',
      }}
    >
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} stroke={1.6} />
          <Text size="sm" c="dimmed">
            {t('search.trigger')}
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap" aria-hidden>
          <Kbd size="xs">{mod}</Kbd>
          <Kbd size="xs">K</Kbd>
        </Group>
      </Group>
    </UnstyledButton>
  );
}
