import { SegmentCreate } from '../../entities/work.ts';
import { newId } from '../../ids.ts';
import { segments } from '../../schema/index.ts';
import { defineMutation } from '../define.ts';
import { insertRow } from '../records.ts';

export const segmentCreate = defineMutation({
  name: 'segment.create',
  resource: 'segments',
  action: 'create',
  kind: 'create',
  table: segments,
  event: 'segment.created',
  input: SegmentCreate,
  async apply(tx, input, { principal }) {
    const id = input.id ?? newId();
    const values = { ...input, id, ownerId: principal.userId };
    await insertRow(tx, segments, values);
    return { id, payload: values };
  },
});
