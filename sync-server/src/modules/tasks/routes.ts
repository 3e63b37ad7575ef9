import { Task, TaskCreate, TaskPatch } from '@mak/shared/entities';
import { clients, deals, tasks } from '@mak/shared/schema';
import { eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineResource } from '../records/define-resource.ts';
import { boolFilter, compact, ensureVisibleRef, uuidFilter } from '../records/refs.ts';

const When = z.iso.datetime({ offset: true }).optional();

export function taskRoutes() {
  return defineResource({
    resource: 'tasks',
    name: 'tasks',
    tag: 'Tasks',
    table: tasks,
    Row: Task,
    Create: TaskCreate,
    Patch: TaskPatch,
    filters: {
      assigneeId: uuidFilter,
      clientId: uuidFilter,
      dealId: uuidFilter,
      done: boolFilter,
      dueBefore: When,
      dueFrom: When,
    },
    applyFilters: (f) =>
      compact([
        f.assigneeId ? eq(tasks.assigneeId, f.assigneeId) : undefined,
        f.clientId ? eq(tasks.clientId, f.clientId) : undefined,
        f.dealId ? eq(tasks.dealId, f.dealId) : undefined,
        f.done ? eq(tasks.done, f.done === 'true') : undefined,
        f.dueBefore ? lt(tasks.dueAt, f.dueBefore) : undefined,
        f.dueFrom ? gte(tasks.dueAt, f.dueFrom) : undefined,
      ]),
    sorts: {
      due_at: { expr: sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`, type: 'timestamptz' },
      created_at: { expr: sql`${tasks.createdAt}`, type: 'timestamptz' },
      updated_at: { expr: sql`${tasks.updatedAt}`, type: 'timestamptz' },
      title: { expr: sql`${tasks.title}`, type: 'text' },
    },
    defaultSort: 'due_at',
    async prepareCreate(input, { tx, principal }) {
      await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
      await ensureVisibleRef(tx, principal, 'deals', deals, input.dealId, 'dealId');
      return {
        ...input,
        assigneeId: input.assigneeId !== undefined ? input.assigneeId : principal.userId,
        createdBy: principal.userId,
        doneAt: input.done ? new Date().toISOString() : null,
      };
    },
    async preparePatch(patch, existing, { tx, principal }) {
      if (patch.clientId && patch.clientId !== existing.clientId) {
        await ensureVisibleRef(tx, principal, 'clients', clients, patch.clientId, 'clientId');
      }
      if (patch.dealId && patch.dealId !== existing.dealId) {
        await ensureVisibleRef(tx, principal, 'deals', deals, patch.dealId, 'dealId');
      }
      const doneChanged = patch.done !== undefined && patch.done !== existing.done;
      return { ...patch, ...(doneChanged ? { doneAt: patch.done ? new Date().toISOString() : null } : {}) };
    },
  });
}
