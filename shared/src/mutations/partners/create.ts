import { PartnerCreate } from '../../entities/org.ts';
import { newId } from '../../ids.ts';
import { partners } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';

export const partnerCreate = defineMutation({
  name: 'partner.create',
  resource: 'partners',
  action: 'create',
  kind: 'create',
  table: partners,
  event: 'partner.created',
  input: PartnerCreate,
  async apply(tx, input) {
    const id = input.id ?? newId();
    const values = { ...input, id };
    await insertRow(tx, partners, values);
    return { id, payload: values };
  },
});
