/** Pipelines, stages and custom fields are shown in `position` order (ties by creation); these keep that order. */
export interface Positioned {
  id: string;
  position: number;
}

/** The schemas' bound on `position`. */
export const POSITION_MAX = 10_000;
const STEP = 10;

/** Where a new item goes to land after the last one. */
export function nextPosition(ordered: readonly Positioned[]): number {
  const last = ordered.at(-1);
  return last ? Math.min(POSITION_MAX, last.position + STEP) : 0;
}

/**
 * Moves the item at `from` to index `to` of `ordered` (the list as shown) and answers the position writes that
 * make `ORDER BY position` show the new order: the moved item alone when a free integer lies between its new
 * neighbours, else the whole list renumbered in even steps (only the items whose position changes are returned).
 */
export function reorderPositions(ordered: readonly Positioned[], from: number, to: number): Positioned[] {
  const n = ordered.length;
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return [];
  const next = [...ordered];
  const [moved] = next.splice(from, 1);
  if (!moved) return [];
  next.splice(to, 0, moved);

  const before = next[to - 1];
  const after = next[to + 1];
  if (isStrictlyIncreasing(next.filter((item) => item !== moved))) {
    const lo = before ? before.position : -1;
    const hi = after ? after.position : POSITION_MAX + 1;
    if (hi - lo >= 2) {
      let position: number;
      if (!before) position = Math.max(lo + 1, hi - STEP);
      else if (!after) position = Math.min(hi - 1, lo + STEP);
      else position = Math.floor((lo + hi) / 2);
      return position === moved.position ? [] : [{ id: moved.id, position }];
    }
  }
  return renumber(next);
}

function isStrictlyIncreasing(items: readonly Positioned[]): boolean {
  return items.every((item, i) => i === 0 || (items[i - 1] as Positioned).position < item.position);
}

/** Even steps over the whole list, within the schema's bound. */
function renumber(items: readonly Positioned[]): Positioned[] {
  const step = Math.max(1, Math.min(STEP, Math.floor(POSITION_MAX / Math.max(1, items.length - 1))));
  return items.flatMap((item, i) =>
    item.position === i * step ? [] : [{ id: item.id, position: i * step }],
  );
}

/** The list after applying `writes`, in `position` order (stable for ties), as the views will show it. */
export function applyPositions<T extends Positioned>(
  ordered: readonly T[],
  writes: readonly Positioned[],
): T[] {
  const byId = new Map(writes.map((w) => [w.id, w.position]));
  return ordered
    .map((item, index) => ({ item: { ...item, position: byId.get(item.id) ?? item.position }, index }))
    .sort((a, b) => a.item.position - b.item.position || a.index - b.index)
    .map(({ item }) => item);
}
