import { useDraggable, useDroppable } from '@dnd-kit/core';
import { ActionIcon, Box, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { paths } from '../../routes.tsx';
import { stageColor } from '../lookups.ts';
import { formatAmount } from '../money.ts';
import { DealCardFace } from './DealCard.tsx';
import type { BoardCardRow } from './query.ts';
import type { BoardColumn } from './use-board.ts';

export const COLUMN_WIDTH = 280;

/** Totals line of a column: count, rouble sum, and deals in other currencies (not summed). */
export function ColumnTotals(props: { column: BoardColumn }) {
  const { t } = useTranslation('deals');
  const { column } = props;
  return (
    <Text size="xs" c="dimmed">
      {t('board.count', { count: column.deals })} · {formatAmount(column.amount_rub)}
      {column.other_currency > 0 && ` ${t('board.otherCurrency', { count: column.other_currency })}`}
    </Text>
  );
}

function DraggableCard(props: { card: BoardCardRow; disabled: boolean }) {
  const { t } = useTranslation('deals');
  const [, navigate] = useLocation();
  const { card } = props;
  const { setNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: props.disabled,
  });
  const open = () => navigate(paths.deal(card.id));
  return (
    <DealCardFace
      ref={setNodeRef}
      card={card}
      dragging={isDragging}
      data-testid={`deal-card-${card.id}`}
      className="mantine-focus-auto"
      {...attributes}
      {...listeners}
      aria-roledescription={t('board.cardRole')}
      aria-label={card.title}
      onClick={open}
      onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
        if (event.key === 'Enter') open();
        else listeners?.onKeyDown?.(event);
      }}
    />
  );
}

/** One stage: a drop target with its name as heading, totals, the first cards and "show more". */
export function StageColumn(props: {
  column: BoardColumn;
  canMove: boolean;
  onShowMore: (stageId: string) => void;
  onCreate?: (stageId: string) => void;
}) {
  const { t } = useTranslation('deals');
  const { column } = props;
  const { setNodeRef, isOver } = useDroppable({ id: column.id, data: { name: column.name } });
  const headingId = `stage-heading-${column.id}`;
  return (
    <Paper
      component="section"
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-testid={`stage-column-${column.id}`}
      withBorder
      radius="md"
      p="xs"
      w={COLUMN_WIDTH}
      miw={COLUMN_WIDTH}
      bg={isOver ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-body)'}
      style={{
        borderTop: `4px solid ${stageColor(column.color)}`,
        display: 'flex',
        flexDirection: 'column',
        maxHeight: 'calc(100dvh - 390px)',
        minHeight: 320,
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap={4} mb={4}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={2} size="h5" id={headingId} lineClamp={1}>
            {column.name}
          </Title>
        </Group>
        {props.onCreate && (
          <Tooltip label={t('createInStage', { stage: column.name })}>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('createInStage', { stage: column.name })}
              onClick={() => props.onCreate?.(column.id)}
            >
              <IconPlus size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <ColumnTotals column={column} />
      <Box mt="xs" style={{ overflowY: 'auto', flex: 1, margin: '0 -4px', padding: '0 4px' }}>
        <Stack gap="xs" pb={4}>
          {column.cards.map((card) => (
            <DraggableCard key={card.id} card={card} disabled={!props.canMove} />
          ))}
          {column.cards.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="md">
              {t('board.empty')}
            </Text>
          )}
          {column.hidden > 0 && (
            <Button variant="subtle" size="xs" onClick={() => props.onShowMore(column.id)}>
              {t('board.showMore', { count: column.hidden })}
            </Button>
          )}
        </Stack>
      </Box>
    </Paper>
  );
}
