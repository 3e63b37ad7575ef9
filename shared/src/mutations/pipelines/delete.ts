import { pipelines } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const pipelineDelete = defineSoftDelete({
  name: 'pipeline.delete',
  resource: 'pipelines',
  table: pipelines,
  event: 'pipeline.deleted',
});
