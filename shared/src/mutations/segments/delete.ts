import { segments } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const segmentDelete = defineSoftDelete({
  name: 'segment.delete',
  resource: 'segments',
  table: segments,
  event: 'segment.deleted',
});
