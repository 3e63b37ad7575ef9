import { Badge, Group, Paper, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { formatDate } from '../../common/index.ts';
import { paths } from '../../routes.tsx';
import { stageColor } from '../lookups.ts';
import { formatAmount } from '../money.ts';
import type { DealTableRow } from './query.ts';

const CARD_HEIGHT = 96;

/** Under 768 px the table is a list of cards, windowed the same way. */
export function DealsCardList(props: {
  total: number;
  rowAt: (index: number) => DealTableRow | undefined;
  onRange: (firstIndex: number) => void;
}) {
  const { t } = useTranslation('deals');
  const [, navigate] = useLocation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const { onRange } = props;
  useEffect(() => onRange(firstIndex), [firstIndex, onRange]);
  return (
    <div ref={scrollRef} style={{ height: 'calc(100dvh - 250px)', minHeight: 320, overflow: 'auto' }}>
      {props.total === 0 && (
        <Text c="dimmed" ta="center" py="xl">
          {t('table.empty')}
        </Text>
      )}
      <ul
        style={{
          height: virtualizer.getTotalSize(),
          position: 'relative',
          margin: 0,
          padding: 0,
          listStyle: 'none',
        }}
      >
        {items.map((item) => {
          const row = props.rowAt(item.index);
          return (
            <li
              key={row?.id ?? `skeleton-${item.index}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: CARD_HEIGHT,
                transform: `translateY(${item.start}px)`,
                paddingBottom: 8,
              }}
            >
              {row ? (
                <UnstyledButton
                  w="100%"
                  h="100%"
                  onClick={() => navigate(paths.deal(row.id))}
                  aria-label={row.title}
                >
                  <Paper withBorder radius="md" p="xs" h="100%">
                    <Stack gap={2}>
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text size="sm" fw={600} lineClamp={1}>
                          {row.title}
                        </Text>
                        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                          {formatAmount(row.amount, row.currency)}
                        </Text>
                      </Group>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {row.client_name ?? t('board.noClient')} · {row.owner_name ?? t('board.noOwner')}
                      </Text>
                      <Group justify="space-between" gap="xs" wrap="nowrap">
                        <Badge
                          variant="light"
                          color="gray"
                          style={{ textTransform: 'none' }}
                          leftSection={
                            <span
                              aria-hidden
                              style={{
                                display: 'block',
                                width: 8,
                                height: 8,
                                borderRadius: 4,
                                background: stageColor(row.stage_color),
                              }}
                            />
                          }
                        >
                          {row.stage_name}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {formatDate(row.expected_close_date)}
                        </Text>
                      </Group>
                    </Stack>
                  </Paper>
                </UnstyledButton>
              ) : (
                <Skeleton h={CARD_HEIGHT - 8} radius="md" />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
