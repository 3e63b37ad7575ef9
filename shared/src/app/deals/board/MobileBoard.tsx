import { ActionIcon, Button, Group, Menu, Paper, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { paths } from '../../routes.tsx';
import { stageColor } from '../lookups.ts';
import { DealCardFace } from './DealCard.tsx';
import type { BoardCardRow } from './query.ts';
import { ColumnTotals } from './StageColumn.tsx';
import type { BoardColumn } from './use-board.ts';

/** Under 768 px: one stage at a time (chosen above), its cards as a list, "move to stage" from a menu. */
export function MobileBoard(props: {
  columns: BoardColumn[];
  canMove: boolean;
  onMove: (card: BoardCardRow, stageId: string) => void;
  onShowMore: (stageId: string) => void;
}) {
  const { t } = useTranslation('deals');
  const [, navigate] = useLocation();
  const [stageId, setStageId] = useState<string | null>(null);
  const column = props.columns.find((c) => c.id === stageId) ?? props.columns[0];
  if (!column) return null;
  return (
    <Stack gap="sm">
      <Select
        label={t('board.stagePicker')}
        value={column.id}
        onChange={(v) => setStageId(v)}
        allowDeselect={false}
        data={props.columns.map((c) => ({ value: c.id, label: `${c.name} (${c.deals})` }))}
        styles={{ input: { borderLeft: `4px solid ${stageColor(column.color)}` } }}
      />
      <section aria-label={column.name} data-testid={`stage-column-${column.id}`}>
        <ColumnTotals column={column} />
        <Stack gap="xs" mt="xs">
          {column.cards.map((card) => (
            <Group key={card.id} gap={4} wrap="nowrap" align="stretch">
              <UnstyledButton
                style={{ flex: 1, minWidth: 0 }}
                onClick={() => navigate(paths.deal(card.id))}
                data-testid={`deal-card-${card.id}`}
                aria-label={card.title}
              >
                <DealCardFace card={card} />
              </UnstyledButton>
              {props.canMove && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Paper withBorder radius="md" style={{ display: 'flex', alignItems: 'center' }}>
                      <ActionIcon
                        variant="subtle"
                        size="lg"
                        aria-label={t('board.moveMenu', { title: card.title })}
                      >
                        <IconArrowsExchange size={18} />
                      </ActionIcon>
                    </Paper>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Label>{t('board.moveTo')}</Menu.Label>
                    {props.columns
                      .filter((c) => c.id !== column.id)
                      .map((c) => (
                        <Menu.Item
                          key={c.id}
                          onClick={() => props.onMove(card, c.id)}
                          leftSection={
                            <span
                              aria-hidden
                              style={{
                                width: 10,
                                height: 10,
                                borderRadius: 5,
                                background: stageColor(c.color),
                              }}
                            />
                          }
                        >
                          {c.name}
                        </Menu.Item>
                      ))}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          ))}
          {column.cards.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="md">
              {t('board.empty')}
            </Text>
          )}
          {column.hidden > 0 && (
            <Button variant="subtle" onClick={() => props.onShowMore(column.id)}>
              {t('board.showMore', { count: column.hidden })}
            </Button>
          )}
        </Stack>
      </section>
    </Stack>
  );
}
