import { Task, TaskCreate, TaskPatch } from '@mak/shared/entities';
import { tasks } from '@mak/shared/schema';
import { eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineResource } from '../records/define-resource.ts';
import { boolFilter, compact, uuidFilter } from '../records/refs.ts';

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
    mutations: {
      create: 'task.create',
      update: 'task.update',
      delete: 'task.delete',
      restore: 'task.restore',
    },
  });
}
