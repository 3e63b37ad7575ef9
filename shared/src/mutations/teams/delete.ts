import { teams } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const teamDelete = defineSoftDelete({
  name: 'team.delete',
  resource: 'teams',
  table: teams,
  event: 'team.deleted',
});
