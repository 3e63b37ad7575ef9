import { tasks } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const taskDelete = defineSoftDelete({
  name: 'task.delete',
  resource: 'tasks',
  table: tasks,
  event: 'task.deleted',
});
