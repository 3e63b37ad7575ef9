import { stages } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

// Stages are part of a pipeline: the pipelines permission governs both.
export const stageRestore = defineSoftDelete({
  name: 'stage.restore',
  resource: 'pipelines',
  table: stages,
  event: 'stage.restored',
  restore: true,
});
