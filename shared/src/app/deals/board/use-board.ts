import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from '../../common/index.ts';
import type { DealFilters } from '../deal-filters.ts';
import {
  type BoardCardRow,
  boardCardsQuery,
  CARDS_PER_COLUMN,
  cardsByStage,
  type StageColumnRow,
  stageColumnsQuery,
} from './query.ts';

export interface BoardColumn extends StageColumnRow {
  cards: BoardCardRow[];
  /** Matching deals not rendered (beyond the column's cap). */
  hidden: number;
}

interface PendingMove {
  card: BoardCardRow;
  to: string;
}

/**
 * The live board of one pipeline. A moved card shows in its new column the moment it is dropped, before the
 * replica's live query re-runs; the pending move is forgotten once the rows agree (or the move failed).
 */
export function useBoard(pipelineId: string | null, filters: DealFilters) {
  const [limits, setLimits] = useState<Record<string, number>>({});
  const [pending, setPending] = useState<Map<string, PendingMove>>(new Map());
  const columnsQuery = useMemo(
    () => (pipelineId ? stageColumnsQuery(pipelineId, filters) : null),
    [pipelineId, filters],
  );
  const cardsQuery = useMemo(
    () => (pipelineId ? boardCardsQuery(pipelineId, filters, limits) : null),
    [pipelineId, filters, limits],
  );
  const columnRows = useLiveQuery<StageColumnRow>(columnsQuery?.sql ?? null, columnsQuery?.params);
  const cardRows = useLiveQuery<BoardCardRow>(cardsQuery?.sql ?? null, cardsQuery?.params);

  // A pending move is done when the live rows show the deal in its new stage.
  useEffect(() => {
    if (pending.size === 0) return;
    const settled = [...pending].filter(([id, move]) =>
      cardRows.rows.some((r) => r.id === id && r.stage_id === move.to),
    );
    if (settled.length === 0) return;
    setPending((current) => {
      const next = new Map(current);
      for (const [id] of settled) next.delete(id);
      return next;
    });
  }, [cardRows.rows, pending]);

  const columns = useMemo((): BoardColumn[] => {
    const byStage = cardsByStage(cardRows.rows.filter((r) => !pending.has(r.id)));
    return columnRows.rows.map((col) => {
      const movedIn = [...pending.values()].filter((m) => m.to === col.id).map((m) => m.card);
      const movedOut = [...pending.values()].filter((m) => m.card.stage_id === col.id).map((m) => m.card);
      const delta = (list: BoardCardRow[]) =>
        list.filter((c) => c.currency === 'RUB').reduce((sum, c) => sum + Number(c.amount), 0);
      const own = byStage.get(col.id) ?? [];
      const deals = col.deals + movedIn.length - movedOut.length;
      return {
        ...col,
        deals,
        amount_rub: col.amount_rub + delta(movedIn) - delta(movedOut),
        cards: [...movedIn.map((c) => ({ ...c, stage_id: col.id })), ...own],
        hidden: Math.max(0, deals - own.length - movedIn.length),
      };
    });
  }, [columnRows.rows, cardRows.rows, pending]);

  const beginMove = useCallback((card: BoardCardRow, to: string) => {
    setPending((current) => new Map(current).set(card.id, { card, to }));
  }, []);
  const cancelMove = useCallback((id: string) => {
    setPending((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  }, []);
  const showMore = useCallback((stageId: string) => {
    setLimits((current) => ({
      ...current,
      [stageId]: (current[stageId] ?? CARDS_PER_COLUMN) + CARDS_PER_COLUMN,
    }));
  }, []);

  return {
    columns,
    loading: columnRows.loading,
    error: columnRows.error ?? cardRows.error,
    beginMove,
    cancelMove,
    showMore,
  };
}
