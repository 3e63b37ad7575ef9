import { NoteCreate } from '../../entities/work.ts';
import { DomainError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { clients, deals, notes } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';
import { ensureVisibleRef } from '../rules/refs.ts';

export const noteCreate = defineMutation({
  name: 'note.create',
  resource: 'notes',
  action: 'create',
  kind: 'create',
  table: notes,
  event: 'note.created',
  input: NoteCreate,
  async apply(tx, input, { principal }) {
    if (!input.clientId && !input.dealId) {
      throw DomainError.validation('clientId', 'a note belongs to a client or a deal');
    }
    await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
    await ensureVisibleRef(tx, principal, 'deals', deals, input.dealId, 'dealId');
    const id = input.id ?? newId();
    const values = { ...input, id, authorId: principal.userId };
    await insertRow(tx, notes, values);
    return { id, payload: values };
  },
});
