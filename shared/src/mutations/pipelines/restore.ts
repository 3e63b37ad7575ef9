import { pipelines } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const pipelineRestore = defineSoftDelete({
  name: 'pipeline.restore',
  resource: 'pipelines',
  table: pipelines,
  event: 'pipeline.restored',
  restore: true,
});
