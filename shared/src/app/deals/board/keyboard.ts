import { KeyboardCode, type KeyboardCodes, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/** Space picks a card up and drops it, Esc cancels; Enter stays free to open the deal. */
export const BOARD_KEYBOARD_CODES: KeyboardCodes = {
  start: [KeyboardCode.Space],
  cancel: [KeyboardCode.Esc],
  end: [KeyboardCode.Space, KeyboardCode.Enter],
};

/**
 * Left and right arrows carry the picked-up card to the centre of the previous or next stage column (the
 * library's default moves it a few pixels per key press); up and down do nothing, as a column has no order.
 */
export const columnJumpGetter: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const direction = event.code === KeyboardCode.Right ? 1 : event.code === KeyboardCode.Left ? -1 : 0;
  const dragged = context.collisionRect;
  if (!direction || !dragged) return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.values()].sort((a, b) => a.left - b.left);
  const centre = dragged.left + dragged.width / 2;
  const target =
    direction > 0
      ? columns.find((r) => r.left > centre)
      : [...columns].reverse().find((r) => r.right < centre);
  if (!target) return currentCoordinates;
  const y = Math.min(
    Math.max(currentCoordinates.y, target.top + 8),
    Math.max(target.top + 8, target.bottom - dragged.height),
  );
  return { x: target.left + (target.width - dragged.width) / 2, y };
};
