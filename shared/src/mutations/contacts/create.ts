import { ContactCreate } from '../../entities/clients.ts';
import { newId } from '../../ids.ts';
import { clients, contacts } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';
import { checkCustomValues } from '../rules/custom-values.ts';
import { ensureVisibleRef } from '../rules/refs.ts';

export const contactCreate = defineMutation({
  name: 'contact.create',
  resource: 'contacts',
  action: 'create',
  kind: 'create',
  table: contacts,
  event: 'contact.created',
  input: ContactCreate,
  async apply(tx, input, { principal }) {
    await ensureVisibleRef(tx, principal, 'clients', clients, input.clientId, 'clientId');
    const id = input.id ?? newId();
    const values = { ...input, id, custom: await checkCustomValues(tx, 'contacts', input.custom) };
    await insertRow(tx, contacts, values);
    return { id, payload: values };
  },
});
