import { and, eq, isNull, ne } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { pipelines } from '../../schema/index.ts';
import type { MutationTx } from '../define.ts';
import { updateRow } from '../records.ts';

/** Only one pipeline is the default one new deals land in: the others lose the flag, row by row. */
export async function clearOtherDefaults(tx: MutationTx, keepId: string): Promise<void> {
  const others = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.isDefault, true), ne(pipelines.id, keepId)));
  for (const { id } of others) await updateRow(tx, pipelines, id, { isDefault: false });
}

/** A stage closes a deal as won or as lost, never both. */
export function checkOutcome(isWon: boolean | undefined, isLost: boolean | undefined): void {
  if (isWon && isLost) throw DomainError.validation('isLost', 'a stage cannot be both won and lost');
}

export async function ensureLivePipeline(tx: MutationTx, id: string): Promise<void> {
  const [p] = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.id, id), isNull(pipelines.deletedAt)));
  if (!p) throw DomainError.validation('pipelineId', 'no such pipeline');
}
