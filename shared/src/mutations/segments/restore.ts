import { segments } from '../../schema/index.ts';
import { defineSoftDelete } from '../records.ts';

export const segmentRestore = defineSoftDelete({
  name: 'segment.restore',
  resource: 'segments',
  table: segments,
  event: 'segment.restored',
  restore: true,
});
