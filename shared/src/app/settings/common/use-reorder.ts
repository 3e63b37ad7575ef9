import { useCallback } from 'react';
import { useMutate } from '../../common/index.ts';
import { type Positioned, reorderPositions } from './reorder.ts';

/** Moves an item of a position-ordered list by writing `<entity>.update {position}` for each row that changes. */
export function useReorder(mutation: 'pipeline.update' | 'stage.update' | 'custom_field.update') {
  const mutate = useMutate();
  return useCallback(
    async (ordered: readonly Positioned[], from: number, to: number): Promise<boolean> => {
      const before = new Map(ordered.map((i) => [i.id, i.position]));
      for (const write of reorderPositions(ordered, from, to)) {
        const result = await mutate(mutation, {
          id: write.id,
          patch: { position: write.position },
          base: { position: before.get(write.id) },
        });
        if (!result.ok) return false;
      }
      return true;
    },
    [mutate, mutation],
  );
}
