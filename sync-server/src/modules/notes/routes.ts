import { Note, NoteCreate, NotePatch } from '@mak/shared/entities';
import { DomainError } from '@mak/shared/errors';
import { clients, deals, notes } from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { defineResource } from '../records/define-resource.ts';
import { compact, ensureVisibleRef, uuidFilter } from '../records/refs.ts';

export function noteRoutes() {
  return defineResource({
    resource: 'notes',
    name: 'notes',
    tag: 'Notes',
    table: notes,
    Row: Note,
    Create: NoteCreate,
    Patch: NotePatch,
    filters: { clientId: uuidFilter, dealId: uuidFilter },
    applyFilters: (f) =>
      compact([
        f.clientId ? eq(notes.clientId, f.clientId) : undefined,
        f.dealId ? eq(notes.dealId, f.dealId) : undefined,
      ]),
    sorts: { created_at: { expr: sql`${notes.createdAt}`, type: 'timestamptz' } },
    defaultSort: '-created_at',
    async prepareCreate(input, { tx, principal }) {
      if (!input.clientId && !input.dealId)
        throw DomainError.validation('clientId', 'a note belongs to a client or a deal');
      await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
      await ensureVisibleRef(tx, principal, 'deals', deals, input.dealId, 'dealId');
      return { ...input, authorId: principal.userId };
    },
    async preparePatch(patch) {
      return patch;
    },
  });
}
