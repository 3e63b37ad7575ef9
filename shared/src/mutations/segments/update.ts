import { SegmentPatch } from '../../entities/work.ts';
import { segments } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { loadLive, updateInput, updateRow } from '../records.ts';

export const segmentUpdate = defineMutation({
  name: 'segment.update',
  resource: 'segments',
  action: 'update',
  kind: 'update',
  table: segments,
  event: 'segment.updated',
  input: updateInput(SegmentPatch.omit({ version: true })),
  changes: (input) => input,
  async apply(tx, { id, patch }) {
    await loadLive(tx, segments, id, 'segment');
    await updateRow(tx, segments, id, patch);
    return { id, payload: { patch } };
  },
});
