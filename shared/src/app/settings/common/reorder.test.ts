import { describe, expect, it } from 'vitest';
import { applyPositions, nextPosition, POSITION_MAX, type Positioned, reorderPositions } from './reorder.ts';

const list = (...positions: number[]): Positioned[] =>
  positions.map((position, i) => ({ id: `s${i}`, position }));
const ids = (items: Positioned[]) => items.map((i) => i.id);

/** Moves and checks that the position order afterwards is exactly the requested order. */
function move(items: Positioned[], from: number, to: number) {
  const writes = reorderPositions(items, from, to);
  const expected = [...items];
  const [m] = expected.splice(from, 1);
  expected.splice(to, 0, m as Positioned);
  const after = applyPositions(items, writes);
  expect(ids(after)).toEqual(ids(expected));
  for (const w of writes) expect(w.position).toBeGreaterThanOrEqual(0);
  for (const w of writes) expect(w.position).toBeLessThanOrEqual(POSITION_MAX);
  return writes;
}

describe('reorderPositions', () => {
  it('writes only the moved item when there is room between its new neighbours', () => {
    expect(move(list(0, 10, 20, 30), 3, 1)).toEqual([{ id: 's3', position: 5 }]);
    expect(move(list(0, 10, 20, 30), 0, 3)).toEqual([{ id: 's0', position: 40 }]);
    expect(move(list(10, 20, 30), 2, 0)).toEqual([{ id: 's2', position: 0 }]);
  });

  it('moves down and up by one (the up/down buttons)', () => {
    expect(move(list(0, 10, 20), 0, 1)).toEqual([{ id: 's0', position: 15 }]);
    expect(move(list(0, 10, 20), 2, 1)).toEqual([{ id: 's2', position: 5 }]);
  });

  it('renumbers when neighbours leave no gap, writing only what changes', () => {
    const writes = move(list(0, 1, 2, 3), 3, 1);
    expect(writes.length).toBeGreaterThan(1);
    expect(writes).not.toContainEqual({ id: 's0', position: 0 });
  });

  it('renumbers a list of equal positions (all created with the default 0)', () => {
    move(list(0, 0, 0, 0, 0), 4, 0);
    move(list(0, 0, 0), 0, 2);
    move(list(0, 0, 0), 1, 2);
  });

  it('stays within the schema bound for long lists and positions near the top', () => {
    const long = Array.from({ length: 1500 }, (_, i) => ({ id: `x${i}`, position: i }));
    move(long, 1499, 0);
    move(list(9_990, 9_999, POSITION_MAX), 0, 2);
  });

  it('ignores moves to the same place or outside the list', () => {
    expect(reorderPositions(list(0, 10), 1, 1)).toEqual([]);
    expect(reorderPositions(list(0, 10), 0, 2)).toEqual([]);
    expect(reorderPositions(list(0, 10), -1, 0)).toEqual([]);
  });

  it('every move of random lists lands where asked', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const n = 1 + rnd(12);
      const items = list(...Array.from({ length: n }, () => rnd(40)).sort((a, b) => a - b));
      move(items, rnd(n), rnd(n));
    }
  });
});

describe('nextPosition', () => {
  it('goes after the last item, within the bound', () => {
    expect(nextPosition([])).toBe(0);
    expect(nextPosition(list(0, 10))).toBe(20);
    expect(nextPosition(list(POSITION_MAX - 3))).toBe(POSITION_MAX);
  });
});
