import { Segment, SegmentCreate, SegmentPatch } from '@mak/shared/entities';
import { segments } from '@mak/shared/schema';
import { sql } from 'drizzle-orm';
import { defineResource } from '../records/define-resource.ts';
import { compact, inList, listOf } from '../records/refs.ts';

export function segmentRoutes() {
  return defineResource({
    resource: 'segments',
    name: 'segments',
    tag: 'Segments',
    table: segments,
    Row: Segment,
    Create: SegmentCreate,
    Patch: SegmentPatch,
    filters: { entity: listOf(['clients', 'deals', 'tasks']) },
    applyFilters: (f) => compact([inList(segments.entity, f.entity)]),
    sorts: {
      name: { expr: sql`${segments.name}`, type: 'text' },
      created_at: { expr: sql`${segments.createdAt}`, type: 'timestamptz' },
    },
    defaultSort: 'name',
    mutations: {
      create: 'segment.create',
      update: 'segment.update',
      delete: 'segment.delete',
      restore: 'segment.restore',
    },
  });
}
