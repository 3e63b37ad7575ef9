import { TaskCreate } from '../../entities/work.ts';
import { newId } from '../../ids.ts';
import { clients, deals, tasks } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';
import { ensureVisibleRef } from '../rules/refs.ts';

export const taskCreate = defineMutation({
  name: 'task.create',
  resource: 'tasks',
  action: 'create',
  kind: 'create',
  table: tasks,
  event: 'task.created',
  input: TaskCreate,
  async apply(tx, input, { principal, now }) {
    await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
    await ensureVisibleRef(tx, principal, 'deals', deals, input.dealId, 'dealId');
    const id = input.id ?? newId();
    const values = {
      ...input,
      id,
      // Unassigned tasks are the creator's own.
      assigneeId: input.assigneeId !== undefined ? input.assigneeId : principal.userId,
      createdBy: principal.userId,
      doneAt: input.done ? now : null,
    };
    await insertRow(tx, tasks, values);
    return { id, payload: values };
  },
});
