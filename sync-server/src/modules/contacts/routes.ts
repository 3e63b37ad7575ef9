import { Contact, ContactCreate, ContactPatch } from '@mak/shared/entities';
import { contacts } from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { defineResource } from '../records/define-resource.ts';
import { compact, uuidFilter } from '../records/refs.ts';

export function contactRoutes() {
  return defineResource({
    resource: 'contacts',
    name: 'contacts',
    tag: 'Contacts',
    table: contacts,
    Row: Contact,
    Create: ContactCreate,
    Patch: ContactPatch,
    filters: { clientId: uuidFilter },
    applyFilters: (f) => compact([f.clientId ? eq(contacts.clientId, f.clientId) : undefined]),
    sorts: {
      name: { expr: sql`${contacts.name}`, type: 'text' },
      created_at: { expr: sql`${contacts.createdAt}`, type: 'timestamptz' },
    },
    defaultSort: 'name',
    mutations: {
      create: 'contact.create',
      update: 'contact.update',
      delete: 'contact.delete',
      restore: 'contact.restore',
    },
  });
}
