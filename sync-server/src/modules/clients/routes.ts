import { Client, ClientCreate, ClientPatch } from '@mak/shared/entities';
import { CLIENT_KINDS, CLIENT_STATUSES, clients } from '@mak/shared/schema';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineResource } from '../records/define-resource.ts';
import { compact, inList, listOf, uuidFilter } from '../records/refs.ts';

export function clientRoutes() {
  return defineResource({
    resource: 'clients',
    name: 'clients',
    tag: 'Clients',
    table: clients,
    Row: Client,
    Create: ClientCreate,
    Patch: ClientPatch,
    filters: {
      status: listOf(CLIENT_STATUSES),
      kind: listOf(CLIENT_KINDS),
      ownerId: uuidFilter,
      partnerId: uuidFilter,
      tag: z.string().max(50).optional(),
      source: z.string().max(300).optional(),
    },
    applyFilters: (f) =>
      compact([
        inList(clients.status, f.status),
        inList(clients.kind, f.kind),
        f.ownerId ? eq(clients.ownerId, f.ownerId) : undefined,
        f.partnerId ? eq(clients.partnerId, f.partnerId) : undefined,
        f.tag ? sql`${clients.tags} @> array[${f.tag}]::text[]` : undefined,
        f.source ? eq(clients.source, f.source) : undefined,
      ]),
    sorts: {
      name: { expr: sql`${clients.name}`, type: 'text' },
      created_at: { expr: sql`${clients.createdAt}`, type: 'timestamptz' },
      updated_at: { expr: sql`${clients.updatedAt}`, type: 'timestamptz' },
      status: { expr: sql`${clients.status}`, type: 'text' },
    },
    defaultSort: '-created_at',
    mutations: {
      create: 'client.create',
      update: 'client.update',
      delete: 'client.delete',
      restore: 'client.restore',
    },
  });
}
