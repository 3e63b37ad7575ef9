import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { pipelines, stages } from '../../schema/index.ts';
import type { MutationTx } from '../define.ts';

export interface ResolvedStage {
  pipelineId: string;
  stageId: string;
  closedAt: string | null;
}

/**
 * Resolves a deal's pipeline and stage: defaults to the default pipeline's first stage, takes the pipeline from
 * the stage when only the stage is named, and refuses a stage of another pipeline. A won or lost stage closes the
 * deal (`closedAt`, kept from an earlier close); any other stage reopens it.
 */
export async function resolveStage(
  tx: MutationTx,
  pipelineId: string | undefined,
  stageId: string | undefined,
  now: string,
  currentClosedAt: string | null = null,
): Promise<ResolvedStage> {
  let pid = pipelineId;
  if (!pid && stageId) {
    const [s] = await tx.select({ pipelineId: stages.pipelineId }).from(stages).where(eq(stages.id, stageId));
    pid = s?.pipelineId;
  }
  if (!pid) {
    const [p] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(isNull(pipelines.deletedAt))
      .orderBy(desc(pipelines.isDefault), asc(pipelines.position))
      .limit(1);
    if (!p) throw DomainError.validation('pipelineId', 'there is no pipeline yet; create one first');
    pid = p.id;
  }
  const [pipeline] = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.id, pid), isNull(pipelines.deletedAt)));
  if (!pipeline) throw DomainError.validation('pipelineId', 'no such pipeline');
  const [stage] = stageId
    ? await tx
        .select()
        .from(stages)
        .where(and(eq(stages.id, stageId), isNull(stages.deletedAt)))
    : await tx
        .select()
        .from(stages)
        .where(and(eq(stages.pipelineId, pid), isNull(stages.deletedAt)))
        .orderBy(asc(stages.position))
        .limit(1);
  if (!stage)
    throw DomainError.validation('stageId', stageId ? 'no such stage' : 'the pipeline has no stages');
  if (stage.pipelineId !== pid) throw DomainError.validation('stageId', 'belongs to another pipeline');
  const closed = stage.isWon || stage.isLost;
  return { pipelineId: pid, stageId: stage.id, closedAt: closed ? (currentClosedAt ?? now) : null };
}
