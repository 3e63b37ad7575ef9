import { Contact, ContactCreate, ContactPatch } from '@mak/shared/entities';
import { clients, contacts } from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { defineResource } from '../records/define-resource.ts';
import { checkCustomValues, compact, ensureVisibleRef, uuidFilter } from '../records/refs.ts';

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
    async prepareCreate(input, { tx, principal }) {
      await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
      return { ...input, custom: await checkCustomValues(tx, 'contacts', input.custom) };
    },
    async preparePatch(patch, existing, { tx }) {
      return {
        ...patch,
        ...(patch.custom
          ? {
              custom: await checkCustomValues(
                tx,
                'contacts',
                patch.custom,
                existing.custom as Record<string, unknown>,
              ),
            }
          : {}),
      };
    },
  });
}
