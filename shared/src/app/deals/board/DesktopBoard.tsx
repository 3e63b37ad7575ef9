import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Group, ScrollArea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DealCardFace } from './DealCard.tsx';
import { BOARD_KEYBOARD_CODES, columnJumpGetter } from './keyboard.ts';
import type { BoardCardRow } from './query.ts';
import { StageColumn } from './StageColumn.tsx';
import type { BoardColumn } from './use-board.ts';

/** The pointer decides where a card lands; the keyboard (no pointer) by the overlap with a column. */
const collision: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const hits = pointerWithin(args);
    if (hits.length) return hits;
  }
  return rectIntersection(args);
};

const cardOf = (data: unknown): BoardCardRow | undefined =>
  (data as { card?: BoardCardRow } | undefined)?.card;

/** Columns side by side; cards move between them by mouse, touch or keyboard (@dnd-kit). */
export function DesktopBoard(props: {
  columns: BoardColumn[];
  canMove: boolean;
  onMove: (card: BoardCardRow, stageId: string) => void;
  onShowMore: (stageId: string) => void;
  onCreate?: (stageId: string) => void;
}) {
  const { t } = useTranslation('deals');
  const [active, setActive] = useState<BoardCardRow | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJumpGetter, keyboardCodes: BOARD_KEYBOARD_CODES }),
  );
  const { columns } = props;
  const announcements = useMemo((): Announcements => {
    const stageName = (id: unknown) => columns.find((c) => c.id === id)?.name ?? '';
    return {
      onDragStart: ({ active: a }) => t('board.dragStart', { title: cardOf(a.data.current)?.title ?? '' }),
      onDragOver: ({ over }) =>
        over ? t('board.dragOver', { stage: stageName(over.id) }) : t('board.dragOutside'),
      onDragEnd: ({ active: a, over }) =>
        over
          ? t('board.dragEnd', { title: cardOf(a.data.current)?.title ?? '', stage: stageName(over.id) })
          : t('board.dragCancel', { title: cardOf(a.data.current)?.title ?? '' }),
      onDragCancel: ({ active: a }) => t('board.dragCancel', { title: cardOf(a.data.current)?.title ?? '' }),
    };
  }, [t, columns]);

  function onDragStart(event: DragStartEvent) {
    setActive(cardOf(event.active.data.current) ?? null);
  }

  function onDragEnd(event: DragEndEvent) {
    setActive(null);
    const card = cardOf(event.active.data.current);
    const to = event.over?.id;
    if (card && typeof to === 'string' && to !== card.stage_id) props.onMove(card, to);
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.dragHint') } }}
    >
      <ScrollArea type="auto" offsetScrollbars scrollbarSize={10}>
        <Group align="flex-start" wrap="nowrap" gap="sm" pb="xs">
          {props.columns.map((column) => (
            <StageColumn
              key={column.id}
              column={column}
              canMove={props.canMove}
              onShowMore={props.onShowMore}
              onCreate={props.onCreate}
            />
          ))}
        </Group>
      </ScrollArea>
      <DragOverlay dropAnimation={null}>{active ? <DealCardFace card={active} overlay /> : null}</DragOverlay>
    </DndContext>
  );
}
