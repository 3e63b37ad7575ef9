import { teams } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const teamRestore = defineSoftDelete({
  name: 'team.restore',
  resource: 'teams',
  table: teams,
  event: 'team.restored',
  restore: true,
});
