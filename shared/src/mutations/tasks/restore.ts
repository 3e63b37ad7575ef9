import { tasks } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const taskRestore = defineSoftDelete({
  name: 'task.restore',
  resource: 'tasks',
  table: tasks,
  event: 'task.restored',
  restore: true,
});
