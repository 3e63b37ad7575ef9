import type { ClientRect, KeyboardCoordinateGetter } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { columnJumpGetter } from './keyboard.ts';

const rect = (left: number, top = 100, width = 280, height = 400): ClientRect => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
});

/** The getter as the keyboard sensor calls it, with three columns and a card in the first. */
function press(code: string, card: ClientRect) {
  let prevented = false;
  const event = { code, preventDefault: () => (prevented = true) } as unknown as KeyboardEvent;
  const context = {
    collisionRect: card,
    droppableRects: new Map([
      ['b', rect(300)],
      ['a', rect(0)],
      ['c', rect(600)],
    ]),
  } as unknown as Parameters<KeyboardCoordinateGetter>[1]['context'];
  const result = columnJumpGetter(event, {
    active: 'deal',
    context,
    currentCoordinates: { x: card.left, y: card.top },
  });
  return { result, prevented };
}

describe('keyboard moves between stage columns', () => {
  const card = rect(10, 150, 260, 120);

  it('right and left arrows centre the card on the next or previous column', () => {
    expect(press('ArrowRight', card).result).toEqual({ x: 310, y: 150 });
    expect(press('ArrowLeft', rect(310, 150, 260, 120)).result).toEqual({ x: 10, y: 150 });
    expect(press('ArrowRight', card).prevented).toBe(true);
  });

  it('stays at the edges and ignores up and down', () => {
    expect(press('ArrowLeft', card).result).toEqual({ x: 10, y: 150 });
    expect(press('ArrowDown', card).result).toBeUndefined();
  });
});
