import { ActionIcon, Group } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Up/down for position-ordered lists: keyboard-friendly where drag and drop is not. */
export function MoveButtons(props: {
  name: string;
  index: number;
  count: number;
  disabled?: boolean;
  onMove: (from: number, to: number) => void;
}) {
  const { t } = useTranslation('settings');
  const { index, count, name } = props;
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t('order.up', { name })}
        disabled={props.disabled || index === 0}
        onClick={() => props.onMove(index, index - 1)}
      >
        <IconArrowUp size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={t('order.down', { name })}
        disabled={props.disabled || index === count - 1}
        onClick={() => props.onMove(index, index + 1)}
      >
        <IconArrowDown size={16} />
      </ActionIcon>
    </Group>
  );
}
