import { allOf, cleanSearch, type Params, textMatch } from './sql.ts';

/** Filters the board and the table share; conditions are over the `deals` view aliased `d`. */
export interface DealFilters {
  /** Only this owner's deals ("mine" is the signed-in user's id). */
  ownerId?: string | null;
  /** Words of the title or of the client's name, phone, e-mail, INN. */
  search?: string | null;
}

/** Live (not deleted) deals matching `filters`. */
export function dealConditions(p: Params, filters: DealFilters): string {
  const where = ['d.deleted_at IS NULL'];
  if (filters.ownerId) where.push(`d.owner_id = ${p.add(filters.ownerId)}`);
  const search = cleanSearch(filters.search);
  if (search) {
    const byClient = `SELECT c.id FROM clients c WHERE c.deleted_at IS NULL AND ${textMatch('c', p, search)}`;
    where.push(`(${textMatch('d', p, search)} OR d.client_id IN (${byClient}))`);
  }
  return allOf(where);
}
