import { Avatar, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { type HTMLAttributes, memo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../common/index.ts';
import { formatAmount } from '../money.ts';
import type { BoardCardRow } from './query.ts';

export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/** The face of a deal on the board: title, client, amount, owner's initials, close date. */
export function DealCardFace({
  card,
  dragging,
  overlay,
  ref,
  ...rest
}: {
  card: BoardCardRow;
  dragging?: boolean;
  overlay?: boolean;
  ref?: Ref<HTMLDivElement>;
} & HTMLAttributes<HTMLDivElement>) {
  return (
    <Paper
      ref={ref}
      withBorder
      shadow={overlay ? 'md' : 'xs'}
      p="xs"
      radius="md"
      {...rest}
      style={{
        cursor: overlay ? 'grabbing' : 'pointer',
        opacity: dragging ? 0.4 : 1,
        touchAction: 'manipulation',
        ...rest.style,
      }}
    >
      <DealCardBody card={card} />
    </Paper>
  );
}

/**
 * The card's content, memoised: while a card is dragged the library re-renders every draggable on each pointer
 * move, and only this wrapper should pay for that.
 */
const DealCardBody = memo(function DealCardBody({ card }: { card: BoardCardRow }) {
  const { t } = useTranslation('deals');
  const closeDate = card.closed_at ?? card.expected_close_date;
  const overdue =
    !card.closed_at && card.expected_close_date && dayjs(card.expected_close_date).isBefore(dayjs(), 'day');
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} lineClamp={2}>
        {card.title}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {card.client_name ?? t('board.noClient')}
      </Text>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500}>
          {formatAmount(card.amount, card.currency)}
        </Text>
        <Avatar
          size={24}
          radius="xl"
          color="initials"
          name={card.owner_name ?? undefined}
          title={card.owner_name ?? t('board.noOwner')}
          aria-hidden
        >
          {initials(card.owner_name) || '—'}
        </Avatar>
      </Group>
      {closeDate && (
        <Group gap={4} c={overdue ? 'red' : 'dimmed'}>
          <IconCalendar size={12} aria-hidden />
          <Text size="xs" c="inherit">
            {t(card.closed_at ? 'board.closed' : 'board.closes', { date: formatDate(closeDate) })}
          </Text>
        </Group>
      )}
    </Stack>
  );
});
