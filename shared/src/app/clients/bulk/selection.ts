/**
 * Row selection of a list that may hold 100,000 rows: either some ids, or "all matching the filters" minus some
 * ids (so un-ticking one row after "select all" does not load every id).
 */
export interface Selection {
  all: boolean;
  /** Selected ids, or when `all`, the excluded ones. */
  ids: ReadonlySet<string>;
}

export const NO_SELECTION: Selection = { all: false, ids: new Set() };
export const ALL_MATCHING: Selection = { all: true, ids: new Set() };

export function isSelected(s: Selection, id: string): boolean {
  return s.all ? !s.ids.has(id) : s.ids.has(id);
}

export function toggled(s: Selection, id: string): Selection {
  const ids = new Set(s.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { all: s.all, ids };
}

export function selectedCount(s: Selection, total: number): number {
  return s.all ? Math.max(0, total - s.ids.size) : s.ids.size;
}
