import { TaskPatch } from '../../entities/work.ts';
import { clients, deals, tasks } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';
import { ensureChangedRef } from '../rules/refs.ts';

export const taskUpdate = defineMutation({
  name: 'task.update',
  resource: 'tasks',
  action: 'update',
  kind: 'update',
  table: tasks,
  event: 'task.updated',
  input: updateInput(TaskPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }, { principal, now }) {
    const existing = await loadLive(tx, tasks, id, 'task');
    await ensureChangedRef(tx, principal, 'clients', clients, patch.clientId, existing.clientId, 'clientId');
    await ensureChangedRef(tx, principal, 'deals', deals, patch.dealId, existing.dealId, 'dealId');
    const doneChanged = patch.done !== undefined && patch.done !== existing.done;
    const values = { ...patch, ...(doneChanged ? { doneAt: patch.done ? now : null } : {}) };
    await updateRow(tx, tasks, id, values);
    return { id, payload: { patch: values } };
  },
});
