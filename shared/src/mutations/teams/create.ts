import { TeamCreate } from '../../entities/org.ts';
import { newId } from '../../ids.ts';
import { teams } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';

export const teamCreate = defineMutation({
  name: 'team.create',
  resource: 'teams',
  action: 'create',
  kind: 'create',
  table: teams,
  event: 'team.created',
  input: TeamCreate,
  async apply(tx, input) {
    const id = input.id ?? newId();
    const values = { ...input, id };
    await insertRow(tx, teams, values);
    return { id, payload: values };
  },
});
