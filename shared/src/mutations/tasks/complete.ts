import { z } from 'zod';
import { Id } from '../../entities/fields.ts';
import { tasks } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateRow } from '../records.ts';

/** Ticks a task off; completing a done task again keeps its first doneAt. Reopening is `task.update {done: false}`. */
export const taskComplete = defineMutation({
  name: 'task.complete',
  resource: 'tasks',
  action: 'update',
  kind: 'update',
  table: tasks,
  event: 'task.completed',
  input: z.strictObject({ id: Id }),
  changes: () => ({ patch: { done: true } }),
  async apply(tx, { id }, { now }) {
    const existing = await loadLive(tx, tasks, id, 'task');
    const doneAt = existing.done ? existing.doneAt : now;
    await updateRow(tx, tasks, id, { done: true, doneAt });
    return { id, payload: { doneAt } };
  },
});
