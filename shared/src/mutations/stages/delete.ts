import { stages } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

// Stages are part of a pipeline: the pipelines permission governs both.
export const stageDelete = defineSoftDelete({
  name: 'stage.delete',
  resource: 'pipelines',
  table: stages,
  event: 'stage.deleted',
});
