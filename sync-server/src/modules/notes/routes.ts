import { Note, NoteCreate, NotePatch } from '@mak/shared/entities';
import { notes } from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { defineResource } from '../records/define-resource.ts';
import { compact, uuidFilter } from '../records/refs.ts';

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
    mutations: {
      create: 'note.create',
      update: 'note.update',
      delete: 'note.delete',
      restore: 'note.restore',
    },
  });
}
