import type { z } from 'zod';
import type { MutationContext, MutationKind, MutationTx } from '../mutations/define.ts';

/**
 * What the replica needs from a mutator (STYLE §5 "One mutation, defined once"): the part of `MutationDef`
 * (shared/src/mutations/define.ts) it uses. Every registered mutation satisfies it, and so does a stand-in in a test.
 *
 * In the replica the tables a mutator names are views over `X_synced` + `X_local`, whose INSTEAD OF triggers turn
 * its writes into the optimistic overlay. So mutators write with plain INSERT / UPDATE / DELETE (a view takes no
 * ON CONFLICT), and a created row's id must be in the input: for `kind: 'create'` the replica fills a missing `id`
 * before parsing, so the outbox carries it and the server makes the same row.
 */
export type MutatorTx = MutationTx;
export type MutatorContext = MutationContext;

export interface Mutator<S extends z.ZodType = z.ZodType> {
  name: string;
  kind?: MutationKind;
  input: S;
  apply(tx: MutationTx, input: z.output<S>, ctx: MutationContext): Promise<unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds mutators of many input schemas
export type MutatorRegistry = Readonly<Record<string, Mutator<any>>>;

/** The arguments `mutate(name, args)` takes for a mutator: what its schema accepts before parsing. */
export type MutatorArgs<R extends MutatorRegistry, N extends keyof R> = z.input<R[N]['input']>;
